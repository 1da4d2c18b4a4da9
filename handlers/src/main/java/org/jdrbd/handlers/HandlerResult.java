package org.jdrbd.handlers;

import java.util.Objects;
import org.jdrbd.statemachine.HandlerName;

/**
 * How one handler run ended, tagged with the connection epoch it was started in.
 *
 * @param handler which handler ran
 * @param resource the resource it ran for
 * @param connectionEpoch the epoch from the request
 * @param status how it ended
 * @param exitCode the exit code for {@link Status#EXITED} (128+signal when killed by a signal),
 *                 otherwise -1
 * @param execFailure why it could not be run, for {@link Status#EXEC_FAILED}; otherwise empty
 * @param stdout captured standard output
 * @param stderr captured standard error
 * @param durationMs wall time from start to exit (0 when nothing ran)
 */
public record HandlerResult(HandlerName handler, String resource, long connectionEpoch, Status status,
        int exitCode, String execFailure, CapturedOutput stdout, CapturedOutput stderr, long durationMs) {

    /** The ways a handler run can end. */
    public enum Status {
        /** The command ran and exited (normally or by a signal not sent by the runner). */
        EXITED,
        /** The runner killed it after its timeout; its exit code means nothing. */
        TIMED_OUT,
        /** It could not be started (no /bin/sh, too many handlers running, ...). */
        EXEC_FAILED,
        /** The local config defines no such handler; nothing ran (drbdadm exits 0 then). */
        NOT_CONFIGURED
    }

    /** drbdadm's E_EXEC_ERROR: exit code when the handler could not run or timed out. */
    public static final int DRBDADM_EXEC_ERROR = 20;

    public HandlerResult {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(execFailure, "execFailure");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
    }

    /** Whether the runner had to kill the handler. */
    public boolean timedOut() {
        return status == Status.TIMED_OUT;
    }

    /**
     * The exit code as DRBD would see it behind drbdadm: the real one after a normal exit, 0 for a
     * handler that is not configured (drbdadm exits 0 then), and drbdadm's exec-error code 20
     * when the command could not be started or was killed after its timeout. None of these is a
     * fence-peer answer (3..7), so a fence-peer run that did not answer counts as broken, and
     * before-resync-* see a nonzero code and drop the connection: both fail safe.
     */
    public int effectiveExitCode() {
        switch (status) {
            case EXITED:
                return exitCode;
            case NOT_CONFIGURED:
                return 0;
            case TIMED_OUT:
            case EXEC_FAILED:
                return DRBDADM_EXEC_ERROR;
            default:
                throw new IllegalStateException("unhandled status " + status);
        }
    }

    static HandlerResult notRun(HandlerRequest req, Status status, String why) {
        return new HandlerResult(req.handler(), req.resource(), req.connectionEpoch(), status, -1,
                why, CapturedOutput.EMPTY, CapturedOutput.EMPTY, 0);
    }
}
