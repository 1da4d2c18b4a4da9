package org.jdrbd.statemachine;

import java.util.List;
import java.util.Optional;

/**
 * The verdict of {@link SyncHandshake#decide}: what happens to the connection, which UUID rule
 * decided, the hg values along the way, what to log and which handlers to run.
 *
 * @param outcome what happens
 * @param nextConn WFBitMapS / WFBitMapT / Connected; empty when the handshake failed or waits
 * @param comparison the UUID comparison (rule, corrected UUIDs the caller must adopt)
 * @param hgSteps hg after every step that changed or set it
 * @param log lines DRBD would log, in order
 * @param handlers handlers to run, in order (return codes are ignored for all of them)
 * @param writeFullBitmap set every bitmap bit and write the bitmap before going on (full sync)
 * @param asb the after-split-brain verdict when recovery ran, else {@code null}
 * @param dryRunWouldBe for {@link Outcome#DRY_RUN}: what a real connect would have done, else {@code null}
 * @param failureAction what the caller does with a failed handshake (fact sheet §3.4 "Fail")
 * @param pending for {@link Outcome#NEEDS_DEMOTION}: the state to resume, else {@code null}
 */
public record HandshakeDecision(Outcome outcome, Optional<ConnState> nextConn, UuidComparison comparison,
        List<HgStep> hgSteps, List<LogLine> log, List<HandlerName> handlers, boolean writeFullBitmap,
        AfterSb.Decision asb, Outcome dryRunWouldBe, FailureAction failureAction, Pending pending) {

    /** What the handshake decided. */
    public enum Outcome {
        /** Equal data: Connected without resync. */
        NO_SYNC,
        /** Resync as SyncSource over the bitmap's bits. */
        BITMAP_SYNC_SOURCE,
        /** Resync as SyncTarget over the bitmap's bits. */
        BITMAP_SYNC_TARGET,
        /** Full resync as SyncSource. */
        FULL_SYNC_SOURCE,
        /** Full resync as SyncTarget. */
        FULL_SYNC_TARGET,
        /** Split brain not resolved: connection dropped. */
        DISCONNECT_SPLIT_BRAIN,
        /** No common generation: connection dropped. */
        DISCONNECT_UNRELATED,
        /** The decision needs a newer protocol or feature flag on both sides: connection dropped. */
        DISCONNECT_NEED_PROTOCOL,
        /** We would be SyncSource with inconsistent data: connection dropped. */
        DISCONNECT_INCONSISTENT_SOURCE,
        /** We would be SyncTarget while Primary and rr-conflict refuses it: connection dropped. */
        DISCONNECT_RR_CONFLICT,
        /** Dry run: only logged what would happen, connection dropped. */
        DRY_RUN,
        /** call-pri-lost-after-sb: act on log and handlers, try to demote, then {@link SyncHandshake#resume}. */
        NEEDS_DEMOTION;

        /** Whether this outcome is a failed handshake (DRBD's C_MASK). */
        public boolean isFailure() {
            return this != NO_SYNC && this != BITMAP_SYNC_SOURCE && this != BITMAP_SYNC_TARGET
                    && this != FULL_SYNC_SOURCE && this != FULL_SYNC_TARGET && this != NEEDS_DEMOTION;
        }
    }

    /** Where a failed handshake leaves the node (receive_state's C_MASK handling). */
    public enum FailureAction {
        /** Not failed. */
        NONE,
        /** Our disk was Negotiating: it goes to Failed (attach aborted), the connection stays. */
        FAIL_LOCAL_DISK,
        /** The peer's disk was Negotiating: treat the peer as Diskless, the connection stays. */
        PEER_DISKLESS,
        /** Dry run: drop the connection without more ado. */
        DROP_DRY_RUN,
        /** Otherwise: hard request for Disconnecting (ends StandAlone). */
        DISCONNECT
    }

    /** The handshake steps that set hg. */
    public enum Stage {
        /** Step 1: drbd_uuid_compare. */
        UUID_COMPARE,
        /** Step 3: one disk Inconsistent, the other better. */
        DISK_STATE_OVERRIDE,
        /** Step 5: after-split-brain recovery (doubled when reached through always-asbp). */
        AFTER_SPLIT_BRAIN,
        /** Step 6: discard-my-data resolved a remaining -100. */
        DISCARD_MY_DATA
    }

    /**
     * hg after one step.
     *
     * @param stage the step
     * @param hg its value afterwards
     */
    public record HgStep(Stage stage, int hg) {
    }

    /**
     * What {@link SyncHandshake#resume} needs after a demotion attempt.
     *
     * @param input the handshake input
     * @param primaryCount Primaries counted at step 5
     * @param forced recovery ran for -100 through always-asbp (success means full sync)
     */
    public record Pending(HandshakeInput input, int primaryCount, boolean forced) {
    }

    public HandshakeDecision {
        hgSteps = List.copyOf(hgSteps);
        log = List.copyOf(log);
        handlers = List.copyOf(handlers);
    }

    /** The rule that decided the UUID comparison. */
    public UuidRule rule() {
        return comparison.rule();
    }

    /** hg as it came out of the UUID comparison. */
    public int comparedHg() {
        return comparison.hg();
    }

    /** The last hg value. */
    public int finalHg() {
        return hgSteps.get(hgSteps.size() - 1).hg();
    }

    /** Whether the handshake failed (connection dropped or attach aborted). */
    public boolean failed() {
        return outcome.isFailure();
    }
}
