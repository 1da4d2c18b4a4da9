package org.jdrbd.statemachine;

import java.util.Objects;
import java.util.Optional;

/**
 * DRBD's two-phase (cluster-wide) state change protocol of fact sheet §1.6, for one node and one
 * connection, as an immutable state machine: each method returns the next machine and what the
 * caller must do. The caller runs the validation pipeline and supplies its verdicts; this class only
 * sequences request, reply, commit and abort.
 *
 * <p>Requester: {@link #request} pre-checks locally, then either applies locally (no peer needed),
 * or sends a request and waits; {@link #onReply} commits on agreement or aborts with
 * SS_CW_FAILED_BY_PEER. At most one serialized change is pending per node.
 *
 * <p>Receiver: {@link #onPeerRequest} answers SS_CONCURRENT_ST_CHG when this node holds
 * RESOLVE_CONFLICTS and has its own change pending, so of two crossing requests exactly the one
 * from the RESOLVE_CONFLICTS holder wins; otherwise it answers with its own verdict.
 *
 * <p>Connection loss while pending ({@link #onConnectionLost}), as in DRBD 8.4: the waiting request
 * is re-checked against the current state, which no longer needs the peer (SS_CW_NO_NEED), so it
 * completes by running through the local pipeline alone; that local result is final. A reply that
 * arrives later belongs to a request that is no longer pending and is ignored.
 *
 * @param lastRequestId the id of the most recent request sent (0: none yet)
 * @param pending the change waiting for the peer, if any
 */
public record ClusterWideChange(long lastRequestId, Optional<StateChangeRequest> pending) {

    public ClusterWideChange {
        Objects.requireNonNull(pending, "pending");
        if (pending.isPresent() && pending.get().requestId() != lastRequestId) {
            throw new IllegalArgumentException("the pending request must be the last one sent");
        }
    }

    /** A node with nothing pending. */
    public static ClusterWideChange idle() {
        return new ClusterWideChange(0, Optional.empty());
    }

    /** One step: the next machine and the caller's instruction. */
    public record Step(ClusterWideChange next, ClusterWideOutcome outcome) {
        public Step {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * A local request, deciding by {@link ClusterWidePredicate} whether the peer must approve.
     *
     * @param os the current state
     * @param ns the proposed state (after sanitize)
     * @param localVerdict the local validity check of {@code os -> ns}
     */
    public Step request(State os, State ns, int mask, int val, StateRv localVerdict) {
        return request(mask, val, ClusterWidePredicate.requiresClusterWide(os, ns), localVerdict);
    }

    /**
     * A local request.
     *
     * @param mask the fields to change (state-word layout)
     * @param val their new values
     * @param needsClusterWide whether the peer must approve (see {@link ClusterWidePredicate})
     * @param localVerdict the local validity check of the change
     */
    public Step request(int mask, int val, boolean needsClusterWide, StateRv localVerdict) {
        Objects.requireNonNull(localVerdict, "localVerdict");
        if (pending.isPresent()) {
            return stay(new ClusterWideOutcome.Busy());
        }
        if (!localVerdict.isSuccess()) {
            return stay(new ClusterWideOutcome.Refused(localVerdict));
        }
        if (!needsClusterWide) {
            return stay(new ClusterWideOutcome.ApplyLocally(mask, val));
        }
        StateChangeRequest req = new StateChangeRequest(lastRequestId + 1, mask, val);
        return new Step(new ClusterWideChange(req.requestId(), Optional.of(req)),
                new ClusterWideOutcome.SendRequest(req));
    }

    /**
     * The peer asks for a change.
     *
     * @param holdsResolveConflicts this node accepted the meta socket (§6.2)
     * @param verdict this node's validation of the peer's change, converted to its own view; DRBD
     *                8.4 replies with that result as is (any success code means agreement)
     */
    public Step onPeerRequest(StateChangeRequest req, boolean holdsResolveConflicts, StateRv verdict) {
        Objects.requireNonNull(req, "req");
        Objects.requireNonNull(verdict, "verdict");
        if (holdsResolveConflicts && pending.isPresent()) {
            // Both sides asked at once: the tie-breaker refuses the peer's change so its own wins.
            return stay(new ClusterWideOutcome.AnswerPeer(
                    new StateChangeReply(req.requestId(), StateRv.SS_CONCURRENT_ST_CHG), false));
        }
        return stay(new ClusterWideOutcome.AnswerPeer(
                new StateChangeReply(req.requestId(), verdict), verdict.isSuccess()));
    }

    /** The peer answered; replies for anything but the pending request are dropped. */
    public Step onReply(StateChangeReply reply) {
        Objects.requireNonNull(reply, "reply");
        if (pending.isEmpty()) {
            return stay(new ClusterWideOutcome.Ignored("reply " + reply.requestId() + " but no change is pending"));
        }
        StateChangeRequest req = pending.get();
        if (reply.requestId() != req.requestId()) {
            return stay(new ClusterWideOutcome.Ignored(
                    "reply " + reply.requestId() + " does not answer pending request " + req.requestId()));
        }
        ClusterWideChange done = new ClusterWideChange(lastRequestId, Optional.empty());
        if (reply.agreed()) {
            return new Step(done, new ClusterWideOutcome.Commit(req.requestId(), req.mask(), req.val()));
        }
        return new Step(done, new ClusterWideOutcome.Aborted(req.requestId(),
                StateRv.SS_CW_FAILED_BY_PEER, reply.rv()));
    }

    /**
     * The local state changed while a request is pending (DRBD re-checks on every change).
     *
     * @param stillNeedsClusterWide whether the change, against the current state, still needs the peer
     * @param verdict the local validity check of the change against the current state
     */
    public Step recheck(boolean stillNeedsClusterWide, StateRv verdict) {
        Objects.requireNonNull(verdict, "verdict");
        if (pending.isEmpty()) {
            return stay(new ClusterWideOutcome.Ignored("no change is pending"));
        }
        StateChangeRequest req = pending.get();
        ClusterWideChange done = new ClusterWideChange(lastRequestId, Optional.empty());
        if (!verdict.isSuccess()) {
            return new Step(done, new ClusterWideOutcome.Invalidated(req.requestId(), verdict));
        }
        if (!stillNeedsClusterWide) {
            return new Step(done, new ClusterWideOutcome.Reevaluate(req.requestId(), req.mask(), req.val()));
        }
        return stay(new ClusterWideOutcome.KeepWaiting(req.requestId()));
    }

    /** The connection was lost: a pending change completes by local re-evaluation. */
    public Step onConnectionLost() {
        if (pending.isEmpty()) {
            return stay(new ClusterWideOutcome.Ignored("no change is pending"));
        }
        StateChangeRequest req = pending.get();
        return new Step(new ClusterWideChange(lastRequestId, Optional.empty()),
                new ClusterWideOutcome.Reevaluate(req.requestId(), req.mask(), req.val()));
    }

    private Step stay(ClusterWideOutcome outcome) {
        return new Step(this, outcome);
    }
}
