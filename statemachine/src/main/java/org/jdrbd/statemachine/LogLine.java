package org.jdrbd.statemachine;

/**
 * A line the daemon logs for a decision, with DRBD's kernel log level. Pure code returns these;
 * the caller writes them, so the decision and its explanation stay together.
 *
 * @param level severity
 * @param text the message, without device prefix
 */
public record LogLine(Level level, String text) {

    /** Kernel log levels DRBD uses for these messages. */
    public enum Level {
        /** drbd_info. */
        INFO,
        /** drbd_warn. */
        WARN,
        /** drbd_err. */
        ERR,
        /** drbd_alert. */
        ALERT
    }

    public static LogLine info(String text) {
        return new LogLine(Level.INFO, text);
    }

    public static LogLine warn(String text) {
        return new LogLine(Level.WARN, text);
    }

    public static LogLine err(String text) {
        return new LogLine(Level.ERR, text);
    }

    public static LogLine alert(String text) {
        return new LogLine(Level.ALERT, text);
    }

    @Override
    public String toString() {
        return level + ": " + text;
    }
}
