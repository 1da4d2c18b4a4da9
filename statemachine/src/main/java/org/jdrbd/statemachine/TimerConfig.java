package org.jdrbd.statemachine;

/**
 * The net options that drive a connection's timers, in DRBD's units (fact sheet §7.3, §12).
 * Ranges are checked by the control protocol's schema before a config gets here; a value out of
 * range at this point is a programmer error.
 *
 * @param pingIntSeconds idle time before a P_PING is sent (ping-int, 1..120 s)
 * @param pingTimeoutTenths time for the P_PING_ACK (ping-timeout, 1..300 tenths)
 * @param timeoutTenths time for an expected answer (timeout, 1..600 tenths)
 * @param koCount timeouts in a row before the peer is declared dead (ko-count, 0..200, 0 = off)
 * @param connectIntSeconds connect retry interval (connect-int, 1..120 s)
 */
public record TimerConfig(int pingIntSeconds, int pingTimeoutTenths, int timeoutTenths, int koCount,
        int connectIntSeconds) {

    /** ping-int default: 10 s. */
    public static final int DEFAULT_PING_INT_SECONDS = 10;
    /** ping-timeout default: 5 tenths (500 ms). */
    public static final int DEFAULT_PING_TIMEOUT_TENTHS = 5;
    /** timeout default: 60 tenths (6 s). */
    public static final int DEFAULT_TIMEOUT_TENTHS = 60;
    /** ko-count default: 7. */
    public static final int DEFAULT_KO_COUNT = 7;
    /** connect-int default: 10 s. */
    public static final int DEFAULT_CONNECT_INT_SECONDS = 10;

    /** DRBD's defaults. */
    public static final TimerConfig DEFAULTS = new TimerConfig(DEFAULT_PING_INT_SECONDS,
            DEFAULT_PING_TIMEOUT_TENTHS, DEFAULT_TIMEOUT_TENTHS, DEFAULT_KO_COUNT, DEFAULT_CONNECT_INT_SECONDS);

    public TimerConfig {
        check("ping-int", pingIntSeconds, 1, 120);
        check("ping-timeout", pingTimeoutTenths, 1, 300);
        check("timeout", timeoutTenths, 1, 600);
        check("ko-count", koCount, 0, 200);
        check("connect-int", connectIntSeconds, 1, 120);
    }

    /** ping-int in ticks. */
    public int pingIntTicks() {
        return Tick.fromSeconds(pingIntSeconds);
    }

    /** ping-timeout in ticks. */
    public int pingTimeoutTicks() {
        return Tick.fromTenths(pingTimeoutTenths);
    }

    /** timeout in ticks. */
    public int timeoutTicks() {
        return Tick.fromTenths(timeoutTenths);
    }

    /** connect-int in ticks. */
    public int connectIntTicks() {
        return Tick.fromSeconds(connectIntSeconds);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " out of range " + min + ".." + max);
        }
    }
}
