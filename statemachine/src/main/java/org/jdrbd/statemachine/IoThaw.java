package org.jdrbd.statemachine;

import java.util.List;
import java.util.Objects;

/**
 * A decision to release frozen IO (fact sheet §5.3).
 *
 * @param cause why IO is released
 * @param newCurrentUuidVolumes volumes that get a new current UUID now (their deferred NEW_CUR_UUID)
 * @param dropNewCurUuid clear NEW_CUR_UUID without a new UUID (the peer saw every write)
 * @param transferLog what happens to the frozen requests
 * @param clearSuspNod clear susp_nod on every volume
 * @param clearSuspFen clear susp_fen on every volume
 */
public record IoThaw(Cause cause, List<Integer> newCurrentUuidVolumes, boolean dropNewCurUuid,
        Effect.TlRestart transferLog, boolean clearSuspNod, boolean clearSuspFen) {

    public IoThaw {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(transferLog, "transferLog");
        newCurrentUuidVolumes = List.copyOf(newCurrentUuidVolumes);
    }

    /** The suspension flags of {@code s} after the thaw. */
    public State applyTo(State s) {
        State t = clearSuspNod ? s.withSuspNod(false) : s;
        return clearSuspFen ? t.withSuspFen(false) : t;
    }

    /** Why frozen IO is released. */
    public enum Cause {
        /** Thaw case 1: fence-peer succeeded, every peer disk is Outdated or worse. */
        PEER_FENCED,
        /** Thaw case 2: the connection is back on every volume. */
        RECONNECTED,
        /** An attach made the local disk UpToDate (susp_nod only). */
        DISK_UP_TO_DATE
    }
}
