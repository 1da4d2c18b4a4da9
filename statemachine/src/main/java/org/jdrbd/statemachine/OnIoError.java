package org.jdrbd.statemachine;

/** The disk option {@code on-io-error}. */
public enum OnIoError {
    /** Report the error upwards; the local disk becomes Inconsistent, the peer serves IO. */
    PASS_ON(0, "pass_on"),
    /** Detach and run the local-io-error handler. */
    CALL_LOCAL_IO_ERROR(1, "call-local-io-error"),
    /** Detach the backing disk (the default). */
    DETACH(2, "detach");

    private final int code;
    private final String configName;

    OnIoError(int code, String configName) {
        this.code = code;
        this.configName = configName;
    }

    /** DRBD's number. */
    public int code() {
        return code;
    }

    /** The word in drbd.conf. */
    public String configName() {
        return configName;
    }
}
