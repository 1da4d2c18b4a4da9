package org.jdrbd.handlers;

import java.util.Objects;
import java.util.Optional;
import org.jdrbd.statemachine.FenceExitCode;
import org.jdrbd.statemachine.HandlerName;

/**
 * What the caller must do with a handler's result (fact sheet drbd-semantics §5.2, §5.5).
 * Built by {@link HandlerOutcomes#classify}.
 *
 * @param kind what to do
 * @param handler which handler the result belongs to
 * @param fenceAnswer the fence-peer answer for {@link Kind#FENCE_ANSWER} and {@link Kind#FENCE_BROKEN}
 *                    ({@code BROKEN} for the latter); empty for other handlers and stale results
 * @param exitCode the effective exit code ({@link HandlerResult#effectiveExitCode()})
 * @param logText one line for the log saying what happened and why
 */
public record HandlerOutcome(Kind kind, HandlerName handler, Optional<FenceExitCode> fenceAnswer,
        int exitCode, String logText) {

    /** The distinct things a result can ask for. */
    public enum Kind {
        /** fence-peer answered 3..7; apply via Fencing.interpret / applyIfCurrent. */
        FENCE_ANSWER,
        /** fence-peer gave no usable answer (other code, exec failure, timeout): IO stays frozen. */
        FENCE_BROKEN,
        /** before-resync-*: go on with the resync. */
        PROCEED,
        /** before-resync-*: refused or failed; drop the connection (Disconnecting). */
        DROP_CONNECTION,
        /** A notification-only handler finished; its exit code is only logged. */
        DONE,
        /** Started in an older connection epoch; must be ignored. */
        STALE
    }

    public HandlerOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(fenceAnswer, "fenceAnswer");
        Objects.requireNonNull(logText, "logText");
    }
}
