package org.jdrbd.daemon.repl;

/**
 * One end of a path as drbdsetup gives it ({@code ipv4:127.0.0.2:7789}, or without the family).
 * Only IPv4 and host names are supported here.
 */
public record PathAddress(String host, int port) {

    /** Parses {@code [ipv4:]HOST:PORT}; null when malformed. */
    public static PathAddress parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.startsWith("ipv4:") ? text.substring(5) : text;
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || s.contains(":") && s.indexOf(':') != colon) {
            return null;
        }
        try {
            int port = Integer.parseInt(s.substring(colon + 1));
            return port > 0 && port < 65536 ? new PathAddress(s.substring(0, colon), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "ipv4:" + host + ":" + port;
    }
}
