package org.jdrbd.statemachine;

/** The resource option {@code on-no-data-accessible}. */
public enum OnNoDataAccessible {
    /** Fail application IO (the default). */
    IO_ERROR(0, "io-error"),
    /** Freeze application IO (susp_nod) until data is reachable again. */
    SUSPEND_IO(1, "suspend-io");

    private final int code;
    private final String configName;

    OnNoDataAccessible(int code, String configName) {
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
