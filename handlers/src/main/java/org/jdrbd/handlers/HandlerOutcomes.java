package org.jdrbd.handlers;

import java.util.Optional;
import org.jdrbd.statemachine.FenceExitCode;
import org.jdrbd.statemachine.HandlerName;

/**
 * The exit-code tables: a finished handler's result to a {@link HandlerOutcome}. Pure.
 *
 * <ul>
 *   <li>fence-peer: 3..7 are answers (statemachine's {@link FenceExitCode}); anything else,
 *       including exec failure and timeout, is broken and leaves IO frozen (STYLE.md rule 13);</li>
 *   <li>before-resync-target: nonzero drops the connection;</li>
 *   <li>before-resync-source: nonzero drops the connection, except 3 (DRBD ignores it);</li>
 *   <li>every other handler: the exit code is only logged.</li>
 * </ul>
 * A result tagged with an epoch other than the current one is {@link HandlerOutcome.Kind#STALE}
 * whatever it says: a reconnect happened while it ran, so it describes a situation that is gone.
 */
public final class HandlerOutcomes {
    /** before-resync-source's exit code that DRBD deliberately ignores (old userland tools). */
    public static final int RESYNC_SOURCE_IGNORED_EXIT_CODE = 3;

    private HandlerOutcomes() {
    }

    /** Classifies {@code result} for a caller whose connection epoch is now {@code currentEpoch}. */
    public static HandlerOutcome classify(HandlerResult result, long currentEpoch) {
        HandlerName h = result.handler();
        int code = result.effectiveExitCode();
        if (result.connectionEpoch() != currentEpoch) {
            return outcome(HandlerOutcome.Kind.STALE, h, Optional.empty(), code, h + " result from connection epoch "
                    + result.connectionEpoch() + " ignored, current epoch is " + currentEpoch);
        }
        switch (h) {
            case FENCE_PEER:
                return fencePeer(result, code);
            case BEFORE_RESYNC_TARGET:
                return beforeResync(result, code, code == 0);
            case BEFORE_RESYNC_SOURCE:
                return beforeResync(result, code, code == 0 || code == RESYNC_SOURCE_IGNORED_EXIT_CODE);
            case PRI_ON_INCON_DEGR:
            case PRI_LOST_AFTER_SB:
            case PRI_LOST:
            case LOCAL_IO_ERROR:
            case INITIAL_SPLIT_BRAIN:
            case SPLIT_BRAIN:
            case AFTER_RESYNC_TARGET:
            case UNFENCE_PEER:
            case OUT_OF_SYNC:
            case DISCONNECTED:
            case QUORUM_LOST:
                return outcome(HandlerOutcome.Kind.DONE, h, Optional.empty(), code, describe(result));
            default:
                throw new IllegalStateException("unhandled handler " + h);
        }
    }

    private static HandlerOutcome fencePeer(HandlerResult result, int code) {
        FenceExitCode answer = result.status() == HandlerResult.Status.EXITED
                ? FenceExitCode.fromExitCode(code) : FenceExitCode.BROKEN;
        HandlerOutcome.Kind kind = answer == FenceExitCode.BROKEN
                ? HandlerOutcome.Kind.FENCE_BROKEN : HandlerOutcome.Kind.FENCE_ANSWER;
        String text = describe(result) + ": " + answer.meaning();
        return outcome(kind, result.handler(), Optional.of(answer), code, text);
    }

    private static HandlerOutcome beforeResync(HandlerResult result, int code, boolean proceed) {
        HandlerOutcome.Kind kind = proceed ? HandlerOutcome.Kind.PROCEED : HandlerOutcome.Kind.DROP_CONNECTION;
        String text = describe(result) + (proceed ? ": resync goes on" : ": dropping connection");
        return outcome(kind, result.handler(), Optional.empty(), code, text);
    }

    /** "helper command: fence-peer r0 exit code 4", or why it has none. */
    static String describe(HandlerResult r) {
        String head = "helper command: " + r.handler() + " " + r.resource();
        switch (r.status()) {
            case EXITED:
                return head + " exit code " + r.exitCode();
            case TIMED_OUT:
                return head + " killed after its timeout (" + r.durationMs() + " ms)";
            case EXEC_FAILED:
                return head + " could not be run: " + r.execFailure();
            case NOT_CONFIGURED:
                return head + " not configured";
            default:
                throw new IllegalStateException("unhandled status " + r.status());
        }
    }

    private static HandlerOutcome outcome(HandlerOutcome.Kind kind, HandlerName h,
            Optional<FenceExitCode> answer, int code, String text) {
        return new HandlerOutcome(kind, h, answer, code, text);
    }
}
