package org.jdrbd.drbdadm.conf;

/**
 * A fatal configuration problem inside the drbdadm module. The message is already formatted
 * exactly as drbd-utils prints it (including the trailing newline); the CLI prints it and
 * exits with {@link #exitCode}. It never crosses the module boundary.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** drbdadm exit code: 10 config invalid, 1 usage, 20 exec/open error. */
    public final int exitCode;

    public ConfigException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }
}
