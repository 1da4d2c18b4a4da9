package org.jdrbd.statemachine;

import java.util.EnumSet;
import java.util.Set;

/** How a state change is requested (DRBD's {@code enum chg_state_flags}, CS_*). */
public enum ChangeFlag {
    /** CS_HARD: forced by the node itself (disk failure, connection loss); soft rules skipped. */
    HARD(1),
    /** CS_VERBOSE: log a refusal with its rule. */
    VERBOSE(2),
    /** CS_WAIT_COMPLETE: the requester waits until after_state_ch effects ran. */
    WAIT_COMPLETE(4),
    /** CS_SERIALIZE: one cluster-wide change at a time (two-phase request to the peer). */
    SERIALIZE(8),
    /** CS_LOCAL_ONLY: never ask the peer, even when the change would be cluster-wide. */
    LOCAL_ONLY(16);

    /** CS_ORDERED = WAIT_COMPLETE + SERIALIZE, what admin requests use. */
    public static final Set<ChangeFlag> ORDERED = Set.copyOf(EnumSet.of(WAIT_COMPLETE, SERIALIZE));
    /** No flags: a soft local request. */
    public static final Set<ChangeFlag> NONE = Set.of();
    /** A forced change made by the node itself, logged. */
    public static final Set<ChangeFlag> FORCED = Set.copyOf(EnumSet.of(HARD, VERBOSE));

    private final int bit;

    ChangeFlag(int bit) {
        this.bit = bit;
    }

    /** DRBD's CS_* bit. */
    public int bit() {
        return bit;
    }
}
