package org.jdrbd.statemachine;

import java.util.random.RandomGenerator;

/**
 * Constants and bit helpers for DRBD's 64-bit generation UUIDs (fact sheet §3.1).
 *
 * <p>Bit 0 of a UUID is the "primary" flag: it records the role the node had when the value was
 * set as current UUID, so every comparison masks it away ({@link #masked}).
 */
public final class Uuids {

    /** The current UUID {@code drbdmeta create-md} writes: "no data generation yet". */
    public static final long UUID_JUST_CREATED = 4L;

    /** Added to the bitmap UUID when a SyncSource starts a resync (makes the sync UUID). */
    public static final long UUID_NEW_BM_OFFSET = 1L << 48;

    /** Bit 0: the node was Primary when this UUID became current. */
    public static final long PRIMARY_BIT = 1L;

    /** P_UUIDS UI_FLAGS bit: the sender has discard-my-data set. */
    public static final long FLAG_DISCARD_MY_DATA = 1L;

    /** P_UUIDS UI_FLAGS bit: the sender has CRASHED_PRIMARY set. */
    public static final long FLAG_CRASHED_PRIMARY = 2L;

    /** P_UUIDS UI_FLAGS bit: the sender's attach-time disk is Inconsistent (it reports Negotiating). */
    public static final long FLAG_INCONSISTENT = 4L;

    /** P_UUIDS UI_FLAGS bit: skip the initial sync (new-current-uuid --clear-bitmap, just created). */
    public static final long FLAG_SKIP_INITIAL_SYNC = 8L;

    private Uuids() {
    }

    /** The value without the primary bit: what every comparison uses. */
    public static long masked(long uuid) {
        return uuid & ~PRIMARY_BIT;
    }

    /** Whether bit 0 (primary flag) is set. */
    public static boolean primaryBit(long uuid) {
        return (uuid & PRIMARY_BIT) != 0;
    }

    /** The value with bit 0 forced to the role: 1 for Primary, 0 otherwise. */
    public static long withRoleBit(long uuid, boolean isPrimary) {
        return isPrimary ? uuid | PRIMARY_BIT : uuid & ~PRIMARY_BIT;
    }

    /** Whether two UUIDs name the same generation (primary bit ignored). */
    public static boolean sameGeneration(long a, long b) {
        return masked(a) == masked(b);
    }

    /** Whether the value is 0 or JUST_CREATED after masking: no real data generation. */
    public static boolean isNoGeneration(long uuid) {
        long m = masked(uuid);
        return m == 0 || m == UUID_JUST_CREATED;
    }

    /**
     * A fresh random 64-bit UUID. DRBD draws raw random bytes; we redraw the astronomically rare
     * values that would read as "no data" (0 or JUST_CREATED after masking), because such a current
     * UUID would make the next handshake throw away good data (rules 20/30).
     */
    public static long random(RandomGenerator random) {
        long v;
        do {
            v = random.nextLong();
        } while (isNoGeneration(v));
        return v;
    }

    /** DRBD's log format for a UUID: upper-case hex, 16 digits. */
    public static String hex(long uuid) {
        return String.format("%016X", uuid);
    }
}
