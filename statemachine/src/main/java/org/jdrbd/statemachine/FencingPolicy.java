package org.jdrbd.statemachine;

/**
 * The {@code fencing} option ({@code enum drbd_fencing_p}; disk section in 8.4, net in 9).
 * Ordered: the rules compare with {@code >= RESOURCE_ONLY}.
 */
public enum FencingPolicy {
    /** Internal FP_NOT_AVAIL: no volume has a disk of at least Consistent. */
    NOT_AVAILABLE(-1, ""),
    /** No fencing (the default). */
    DONT_CARE(0, "dont-care"),
    /** Fence the peer's disk through the fence-peer handler. */
    RESOURCE_ONLY(1, "resource-only"),
    /** As resource-only, and freeze IO until the handler answers. */
    RESOURCE_AND_STONITH(2, "resource-and-stonith");

    private final int code;
    private final String configName;

    FencingPolicy(int code, String configName) {
        this.code = code;
        this.configName = configName;
    }

    /** DRBD's number (netlink and config). */
    public int code() {
        return code;
    }

    /** The word in drbd.conf ("" for the internal value). */
    public String configName() {
        return configName;
    }

    /** Whether this policy is at least {@code other} (DRBD compares policies numerically). */
    public boolean atLeast(FencingPolicy other) {
        return code >= other.code;
    }

    /** Parses a drbd.conf word; {@code null} when unknown. */
    public static FencingPolicy fromConfigName(String name) {
        for (FencingPolicy p : values()) {
            if (!p.configName.isEmpty() && p.configName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
