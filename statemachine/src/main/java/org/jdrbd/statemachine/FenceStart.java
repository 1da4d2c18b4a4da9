package org.jdrbd.statemachine;

import java.util.Objects;

/** What {@link Fencing#begin} decided before any handler runs (fact sheet §5.2 steps 1-3). */
public sealed interface FenceStart {

    /** The procedure ends here, without a handler. */
    sealed interface Done extends FenceStart {
        /** The procedure's return value: true = the peer counts as fenced. */
        boolean peerFenced();
    }

    /** Called while the connection is (being) established: an error, nothing is fenced. */
    record NotDisconnected(ConnState conn) implements Done {
        public NotDisconnected {
            Objects.requireNonNull(conn, "conn");
        }

        /** The error line for the log. */
        public String message() {
            return "Not fencing peer: connection state " + conn + " is not below WFReportParams";
        }

        @Override
        public boolean peerFenced() {
            return false;
        }
    }

    /**
     * No volume has a disk of at least Consistent: there is nothing worth protecting. The caller
     * clears susp_fen and, when {@code failPendingRequests}, completes the frozen requests with
     * CONNECTION_LOST_WHILE_PENDING (no other suspension keeps them).
     */
    record NotConsistent(boolean failPendingRequests) implements Done {
        /** DRBD's log line, kept verbatim because operators grep for it. */
        public static final String MESSAGE = "Not fencing peer, I'm not even Consistent myself.";

        @Override
        public boolean peerFenced() {
            return false;
        }
    }

    /** Fencing policy dont-care: the peer counts as fenced without running anything. */
    record NoHandlerNeeded() implements Done {
        @Override
        public boolean peerFenced() {
            return true;
        }
    }

    /** Run the handler; feed its exit code to {@link Fencing#interpret}. */
    record RunHandler(FenceRun run) implements FenceStart {
        public RunHandler {
            Objects.requireNonNull(run, "run");
        }
    }
}
