package org.jdrbd.statemachine;

/**
 * A node's role (DRBD {@code enum drbd_role}, 2 bits in the state word). Roles are never ordered;
 * aggregation over volumes uses {@link #highest} and {@link #lowest}.
 */
public enum Role {
    /** Not known: the peer's role while not connected. */
    UNKNOWN(0, "Unknown"),
    /** Application IO allowed. */
    PRIMARY(1, "Primary"),
    /** Replication target only. */
    SECONDARY(2, "Secondary");

    private final int code;
    private final String displayName;

    Role(int code, String displayName) {
        this.code = code;
        this.displayName = displayName;
    }

    /** The 2-bit value on the wire. */
    public int code() {
        return code;
    }

    /** The string drbd-utils prints. */
    public String displayName() {
        return displayName;
    }

    /** Decodes a wire value; {@code null} for 3 (R_MASK) or anything out of range. */
    public static Role fromCode(int code) {
        for (Role r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }

    /** Primary if any is Primary, else Secondary if any, else Unknown (DRBD's max_role). */
    public static Role highest(Role a, Role b) {
        if (a == PRIMARY || b == PRIMARY) {
            return PRIMARY;
        }
        if (a == SECONDARY || b == SECONDARY) {
            return SECONDARY;
        }
        return UNKNOWN;
    }

    /** Unknown if any is Unknown, else Secondary if any, else Primary (DRBD's min_role). */
    public static Role lowest(Role a, Role b) {
        if (a == UNKNOWN || b == UNKNOWN) {
            return UNKNOWN;
        }
        if (a == SECONDARY || b == SECONDARY) {
            return SECONDARY;
        }
        return PRIMARY;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
