package org.jdrbd.statemachine;

/**
 * The rules of DRBD's {@code drbd_uuid_compare} (fact sheet §3.3), in evaluation order, each with
 * the number DRBD logs ("uuid_compare()=N by rule M"). "self" is this node, "peer" the P_UUIDS
 * sender; every comparison ignores bit 0.
 */
public enum UuidRule {
    /** Both currents are JUST_CREATED: nothing to sync (0). */
    JUST_CREATED_BOTH(10),
    /** Our current is JUST_CREATED or 0, the peer has data: full sync as target (-2). */
    JUST_CREATED_SELF(20),
    /** The peer's current is JUST_CREATED or 0, we have data: full sync as source (2). */
    JUST_CREATED_PEER(30),
    /** Currents equal, we were SyncSource and missed "resync finished": correct ourselves, source (1). */
    SOURCE_MISSED_FINISH(34),
    /** Currents equal, the peer was SyncSource and missed "resync finished": correct its copy, target (-1). */
    PEER_SOURCE_MISSED_FINISH(35),
    /** Currents equal, only we have a bitmap UUID (peer failed to write the sync UUID): source (1). */
    SOURCE_BITMAP_ONLY_SELF(36),
    /** Currents equal, only the peer has a bitmap UUID: target (-1). */
    TARGET_BITMAP_ONLY_PEER(37),
    /** Currents equal, no bitmap UUID: link hiccup (0) or crashed-primary arbitration (+-1). */
    RECONNECTED(40),
    /** Currents equal, a crashed primary and a current Primary present: the Primary wins. */
    CRASHED_PRIMARY_WITH_PRIMARY(41),
    /** The peer's bitmap UUID is our current: the peer wrote since, we are target (-1). */
    BITMAP_PEER(50),
    /** The peer started a resync as source, its P_SYNC_UUID never arrived: undo that in our copy, target (-1). */
    LOST_SYNC_UUID_PEER(51),
    /** Our current is in the peer's history: full sync as target (-2). */
    HISTORY_PEER(60),
    /** Our bitmap UUID is the peer's current: we wrote since, we are source (1). */
    BITMAP_SELF(70),
    /** We started a resync as source, our P_SYNC_UUID never arrived: undo that locally, source (1). */
    LOST_SYNC_UUID_SELF(71),
    /** The peer's current is in our history: full sync as source (2). */
    HISTORY_SELF(80),
    /** Both bitmap UUIDs equal and non-zero: both diverged from one point, split brain (100). */
    SPLIT_BRAIN_BITMAP(90),
    /** A history UUID in common only: split brain without auto-recovery (-100). */
    SPLIT_BRAIN_HISTORY(100),
    /** Nothing in common: unrelated data (-1000); DRBD logs it under the last rule tested, 100. */
    NONE(-1000);

    private final int number;

    UuidRule(int number) {
        this.number = number;
    }

    /** DRBD's rule number ({@code -1000} for {@link #NONE}). */
    public int number() {
        return number;
    }

    /** The number DRBD prints in "uuid_compare()=N by rule M" (100 for {@link #NONE}). */
    public int loggedNumber() {
        return this == NONE ? SPLIT_BRAIN_HISTORY.number : number;
    }

    /** Looks a rule up by number; {@code null} when unknown. */
    public static UuidRule fromNumber(int number) {
        for (UuidRule r : values()) {
            if (r.number == number) {
                return r;
            }
        }
        return null;
    }
}
