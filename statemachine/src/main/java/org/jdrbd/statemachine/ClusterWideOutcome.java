package org.jdrbd.statemachine;

import java.util.Objects;

/** What the caller does after one step of {@link ClusterWideChange}. */
public sealed interface ClusterWideOutcome {

    /** Another serialized change is pending: queue this one until it completes (DRBD blocks). */
    record Busy() implements ClusterWideOutcome {
    }

    /** The local pre-check refused the change; nothing is sent. */
    record Refused(StateRv rv) implements ClusterWideOutcome {
        public Refused {
            Objects.requireNonNull(rv, "rv");
        }
    }

    /** No peer approval needed (SS_CW_NO_NEED): apply the change locally now. */
    record ApplyLocally(int mask, int val) implements ClusterWideOutcome {
    }

    /** Send this request to the peer and wait for its reply. */
    record SendRequest(StateChangeRequest request) implements ClusterWideOutcome {
        public SendRequest {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Send this reply to the peer; when {@code commitLocally}, also apply the peer's (converted)
     * change here, as its validation already passed.
     */
    record AnswerPeer(StateChangeReply reply, boolean commitLocally) implements ClusterWideOutcome {
        public AnswerPeer {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** The peer agreed (SS_CW_SUCCESS): apply the change locally now. */
    record Commit(long requestId, int mask, int val) implements ClusterWideOutcome {
    }

    /**
     * The peer refused: the change fails with {@code rv} (SS_CW_FAILED_BY_PEER, as DRBD 8.4
     * reports it); {@code peerRv} is the peer's own reason, for the log line.
     */
    record Aborted(long requestId, StateRv rv, StateRv peerRv) implements ClusterWideOutcome {
        public Aborted {
            Objects.requireNonNull(rv, "rv");
            Objects.requireNonNull(peerRv, "peerRv");
        }

        /** The log line for the refusal. */
        public String message() {
            return "Requested state change failed by peer: " + peerRv.message() + " (" + peerRv.code() + ")";
        }
    }

    /**
     * The pending change no longer needs the peer (the connection is gone): run it through the
     * local pipeline against the current state; that result is the change's result.
     */
    record Reevaluate(long requestId, int mask, int val) implements ClusterWideOutcome {
    }

    /** The pending change is still valid and still needs the peer: keep waiting. */
    record KeepWaiting(long requestId) implements ClusterWideOutcome {
    }

    /** The pending change became invalid locally while waiting; it fails with {@code rv}. */
    record Invalidated(long requestId, StateRv rv) implements ClusterWideOutcome {
        public Invalidated {
            Objects.requireNonNull(rv, "rv");
        }
    }

    /** Nothing to do: a stale or unexpected message. */
    record Ignored(String reason) implements ClusterWideOutcome {
        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
