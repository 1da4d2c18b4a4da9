package org.jdrbd.statemachine.sim;

import java.util.List;
import java.util.Optional;

import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.HandshakeDecision;
import org.jdrbd.statemachine.HandshakeDecision.FailureAction;
import org.jdrbd.statemachine.HandshakeDecision.HgStep;
import org.jdrbd.statemachine.HandshakeDecision.Outcome;
import org.jdrbd.statemachine.HandshakeDecision.Stage;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.SyncHandshake;
import org.jdrbd.statemachine.UuidComparison;
import org.jdrbd.statemachine.Uuids;

/**
 * A broken handshake for the checker tests: equal current UUIDs mean no sync, otherwise the
 * RESOLVE_CONFLICTS holder silently becomes SyncTarget. It never detects a split brain.
 */
final class SilentSyncMutant {

    private SilentSyncMutant() {
    }

    static HandshakeDecision decide(Simulator sim, SimNode n, State peer) {
        HandshakeDecision real = SyncHandshake.decide(sim.protocol.input(n, peer));
        int hg = Uuids.sameGeneration(n.uuids.current(), n.peerUuids.uuids().current()) ? 0
                : n.resolveConflicts ? -1 : 1;
        Outcome outcome = hg == 0 ? Outcome.NO_SYNC : hg < 0 ? Outcome.BITMAP_SYNC_TARGET : Outcome.BITMAP_SYNC_SOURCE;
        ConnState next = hg == 0 ? ConnState.CONNECTED : hg < 0 ? ConnState.WF_BITMAP_T : ConnState.WF_BITMAP_S;
        UuidComparison cmp = new UuidComparison(hg, real.rule(), n.uuids, n.peerUuids, List.of());
        return new HandshakeDecision(outcome, Optional.of(next), cmp, List.of(new HgStep(Stage.UUID_COMPARE, hg)),
                List.of(), List.of(), false, null, null, FailureAction.NONE, null);
    }
}
