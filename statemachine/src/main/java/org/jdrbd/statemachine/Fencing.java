package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DRBD's fence-peer procedure ({@code conn_try_outdate_peer}, fact sheet §5.2) as pure steps.
 * The caller runs the handler and the state changes; this class only decides:
 * <ol>
 *   <li>{@link #shouldFenceAfterConnectionLoss}: whether a lost connection needs fencing at all;</li>
 *   <li>{@link #begin}: preconditions and the effective policy, before any handler runs;</li>
 *   <li>{@link #interpret}: what the handler's exit code means;</li>
 *   <li>{@link #applyIfCurrent}: whether that answer still applies (connection epoch check);</li>
 *   <li>{@link #peerFenced}: the procedure's return value once the change was made.</li>
 * </ol>
 */
public final class Fencing {

    private Fencing() {
    }

    /**
     * After a connection loss: fence when any volume is Primary and the peer's disk may still hold
     * good data (highest pdsk >= DUnknown). DRBD runs this asynchronously, off the receiver.
     */
    public static boolean shouldFenceAfterConnectionLoss(List<FenceVolume> volumes) {
        boolean anyPrimary = volumes.stream().anyMatch(v -> v.state().role() == Role.PRIMARY);
        return anyPrimary && highestPeerDisk(volumes).ge(DiskState.UNKNOWN);
    }

    /** The highest policy over volumes whose disk is at least Consistent; NOT_AVAILABLE if none. */
    public static FencingPolicy effectivePolicy(List<FenceVolume> volumes) {
        FencingPolicy fp = FencingPolicy.NOT_AVAILABLE;
        for (FenceVolume v : volumes) {
            if (v.state().disk().ge(DiskState.CONSISTENT) && v.policy().atLeast(fp)) {
                fp = v.policy();
            }
        }
        return fp;
    }

    /**
     * Steps 1-3: refuse while connected, skip when nothing here is worth protecting or the policy
     * is dont-care, else run the handler tagged with the current connection epoch.
     */
    public static FenceStart begin(ConnState conn, long connectCount, List<FenceVolume> volumes) {
        if (conn.ge(ConnState.WF_REPORT_PARAMS)) {
            return new FenceStart.NotDisconnected(conn);
        }
        FencingPolicy fp = effectivePolicy(volumes);
        switch (fp) {
            case NOT_AVAILABLE:
                return new FenceStart.NotConsistent(!otherSuspensionRemains(volumes));
            case DONT_CARE:
                return new FenceStart.NoHandlerNeeded();
            case RESOURCE_ONLY:
            case RESOURCE_AND_STONITH:
                return new FenceStart.RunHandler(new FenceRun(fp, connectCount));
            default:
                throw new IllegalStateException("unhandled fencing policy " + fp);
        }
    }

    /**
     * Step 4: the meaning of an exit code. {@code volumes} are the states when the handler
     * returned; exit code 5 needs them (only an UpToDate node may outdate a dead peer).
     */
    public static FenceVerdict interpret(FenceRun run, int exitCode, List<FenceVolume> volumes) {
        FenceExitCode answer = FenceExitCode.fromExitCode(exitCode);
        List<LogLine> log = new ArrayList<>();
        Optional<FenceChange> change;
        switch (answer) {
            case PEER_INCONSISTENT:
                change = Optional.of(FenceChange.peerDisk(DiskState.INCONSISTENT));
                break;
            case PEER_OUTDATED:
                change = Optional.of(FenceChange.peerDisk(DiskState.OUTDATED));
                break;
            case PEER_DOWN:
                change = peerDownChange(volumes, log);
                break;
            case PEER_PRIMARY:
                log.add(info("Peer is primary, outdating myself"));
                change = Optional.of(FenceChange.ownDisk(DiskState.OUTDATED));
                break;
            case PEER_STONITHED:
                if (run.policy() != FencingPolicy.RESOURCE_AND_STONITH) {
                    log.add(error("fence-peer returned 7 (peer stonithed) but fencing is "
                            + run.policy().configName() + ", not resource-and-stonith"));
                }
                change = Optional.of(FenceChange.peerDisk(DiskState.OUTDATED));
                break;
            case BROKEN:
                log.add(error("fence-peer helper broken, returned " + exitCode));
                return new FenceVerdict(answer, exitCode, Optional.empty(), log);
            default:
                throw new IllegalStateException("unhandled fence-peer answer " + answer);
        }
        log.add(info("fence-peer helper returned " + exitCode + " (" + answer.meaning() + ")"));
        return new FenceVerdict(answer, exitCode, change, log);
    }

    /** Step 6: a handler that could not be executed counts as exit code 0, i.e. broken. */
    public static FenceVerdict interpretExecFailure(FenceRun run, List<FenceVolume> volumes) {
        return interpret(run, FenceExitCode.EXEC_FAILURE_EXIT_CODE, volumes);
    }

    /**
     * Step 5: the answer changes the state only if the connection is still down, our state was not
     * yet sent in a new handshake and no connection came and went meanwhile.
     */
    public static FenceApply applyIfCurrent(FenceRun run, FenceVerdict verdict, ConnState connNow,
            boolean stateSent, long connectCountNow) {
        if (verdict.change().isEmpty()) {
            return new FenceApply.NothingToApply();
        }
        if (connNow.ge(ConnState.WF_REPORT_PARAMS)) {
            return new FenceApply.Ignored(FenceApply.Reason.RECONNECTED);
        }
        if (stateSent) {
            return new FenceApply.Ignored(FenceApply.Reason.STATE_SENT);
        }
        if (connectCountNow != run.connectCount()) {
            return new FenceApply.Ignored(FenceApply.Reason.EPOCH_CHANGED);
        }
        return new FenceApply.Apply(verdict.change().get());
    }

    /**
     * The procedure's return value, from the states after the change (if any) was made: the peer
     * is fenced when no volume's peer disk is above Outdated. A broken handler is never success.
     */
    public static boolean peerFenced(FenceVerdict verdict, List<FenceVolume> volumesAfter) {
        return !verdict.broken() && highestPeerDisk(volumesAfter).le(DiskState.OUTDATED);
    }

    /** DRBD's conn_highest_pdsk; Diskless for a connection without volumes. */
    public static DiskState highestPeerDisk(List<FenceVolume> volumes) {
        DiskState d = DiskState.DISKLESS;
        for (FenceVolume v : volumes) {
            d = DiskState.max(d, v.state().pdsk());
        }
        return d;
    }

    /** DRBD's conn_highest_disk; Diskless for a connection without volumes. */
    public static DiskState highestOwnDisk(List<FenceVolume> volumes) {
        DiskState d = DiskState.DISKLESS;
        for (FenceVolume v : volumes) {
            d = DiskState.max(d, v.state().disk());
        }
        return d;
    }

    private static Optional<FenceChange> peerDownChange(List<FenceVolume> volumes,
            List<LogLine> log) {
        if (highestOwnDisk(volumes) == DiskState.UP_TO_DATE) {
            return Optional.of(FenceChange.peerDisk(DiskState.OUTDATED));
        }
        // Outdating a dead peer is only safe when we ourselves hold the newest data.
        log.add(LogLine.warn("Peer is unreachable, doing nothing since disk != UpToDate"));
        return Optional.empty();
    }

    /** susp (admin) or susp_nod keep requests frozen even when susp_fen is cleared. */
    private static boolean otherSuspensionRemains(List<FenceVolume> volumes) {
        return volumes.stream().anyMatch(v -> v.state().susp() || v.state().suspNod());
    }

    private static LogLine info(String text) {
        return LogLine.info(text);
    }

    private static LogLine error(String text) {
        return LogLine.err(text);
    }
}
