package org.jdrbd.statemachine;

/**
 * DRBD 8.4's disk state ({@code enum drbd_disk_state}, 4 bits), for the own disk and the peer's.
 * The declaration order is DRBD's numeric order and the rules compare with it: never reorder.
 */
public enum DiskState {
    /** No backing disk. */
    DISKLESS("Diskless"),
    /** Reading metadata. */
    ATTACHING("Attaching"),
    /** IO error or detach in progress. */
    FAILED("Failed"),
    /** Late attach while connected; decided by the handshake. */
    NEGOTIATING("Negotiating"),
    /** Data not usable. */
    INCONSISTENT("Inconsistent"),
    /** Consistent but known stale. */
    OUTDATED("Outdated"),
    /** Only for the peer: not known. */
    UNKNOWN("DUnknown"),
    /** Consistent; whether it is the newest is not known. */
    CONSISTENT("Consistent"),
    /** The newest data. */
    UP_TO_DATE("UpToDate");

    private final String displayName;

    DiskState(String displayName) {
        this.displayName = displayName;
    }

    /** DRBD's numeric value (the 4 bits on the wire). */
    public int code() {
        return ordinal();
    }

    /** The string drbd-utils prints. */
    public String displayName() {
        return displayName;
    }

    /** Decodes a wire value; {@code null} when out of range. */
    public static DiskState fromCode(int code) {
        DiskState[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }

    public boolean lt(DiskState o) {
        return ordinal() < o.ordinal();
    }

    public boolean le(DiskState o) {
        return ordinal() <= o.ordinal();
    }

    public boolean gt(DiskState o) {
        return ordinal() > o.ordinal();
    }

    public boolean ge(DiskState o) {
        return ordinal() >= o.ordinal();
    }

    /** The lower of two disk states. */
    public static DiskState min(DiskState a, DiskState b) {
        return a.le(b) ? a : b;
    }

    /** The higher of two disk states. */
    public static DiskState max(DiskState a, DiskState b) {
        return a.ge(b) ? a : b;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
