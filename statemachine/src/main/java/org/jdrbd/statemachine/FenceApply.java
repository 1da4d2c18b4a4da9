package org.jdrbd.statemachine;

import java.util.Objects;

/** Whether a fence-peer verdict may still change the state (fact sheet §5.2 step 5). */
public sealed interface FenceApply {

    /** Request this change (normal, not hard) on every volume of the connection. */
    record Apply(FenceChange change) implements FenceApply {
        public Apply {
            Objects.requireNonNull(change, "change");
        }
    }

    /** The verdict asks for no change (broken handler, or peer down while not UpToDate). */
    record NothingToApply() implements FenceApply {
    }

    /** The world moved on while the handler ran; the answer is dropped. */
    record Ignored(Reason reason) implements FenceApply {
        /** DRBD's log line. */
        public static final String MESSAGE = "Ignoring fence-peer exit code";

        public Ignored {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why an answer was dropped. */
    enum Reason {
        /** The connection is (being) re-established: conn >= WFReportParams. */
        RECONNECTED,
        /** The handshake already sent our state (STATE_SENT): a new connection is underway. */
        STATE_SENT,
        /** The connection came and went while the handler ran (connect_cnt changed). */
        EPOCH_CHANGED
    }
}
