package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jdrbd.statemachine.HandshakeDecision.FailureAction;
import org.jdrbd.statemachine.HandshakeDecision.HgStep;
import org.jdrbd.statemachine.HandshakeDecision.Outcome;
import org.jdrbd.statemachine.HandshakeDecision.Stage;

/**
 * DRBD's {@code drbd_sync_handshake} (fact sheet §3.4, steps 1-12, in that order): from both
 * nodes' UUIDs, disks, roles and policies to "sync which way, how much" or "drop the connection".
 * Pure: the caller applies the state, writes the bitmap, runs handlers and logs.
 */
public final class SyncHandshake {

    private SyncHandshake() {
    }

    /**
     * Whether receive_state runs the handshake: we have the peer's UUIDs, both disks are at least
     * Negotiating, and the connection is new, or a disk attached late, or CONSIDER_RESYNC is set, or
     * the peer asked for a resync (invalidate / invalidate-remote) while we were Connected.
     */
    public static boolean shouldConsiderResync(boolean havePeerUuids, DiskState localDisk, DiskState peerDisk,
            ConnState oldConn, ConnState peerConn, boolean considerResyncFlag) {
        if (!havePeerUuids || peerDisk.lt(DiskState.NEGOTIATING) || localDisk.lt(DiskState.NEGOTIATING)) {
            return false;
        }
        boolean connected = oldConn == ConnState.CONNECTED;
        return oldConn.lt(ConnState.CONNECTED)
                || (connected && (peerDisk == DiskState.NEGOTIATING || localDisk == DiskState.NEGOTIATING))
                || considerResyncFlag
                || (connected && peerConn.ge(ConnState.STARTING_SYNC_S) && peerConn.le(ConnState.WF_BITMAP_T));
    }

    /** A peer reporting Negotiating counts as Inconsistent when its UI_FLAGS bit 4 is set, else Consistent. */
    public static DiskState realPeerDisk(DiskState reported, long peerFlags) {
        if (reported != DiskState.NEGOTIATING) {
            return reported;
        }
        return (peerFlags & Uuids.FLAG_INCONSISTENT) != 0 ? DiskState.INCONSISTENT : DiskState.CONSISTENT;
    }

    /** Runs the handshake up to the end, or up to a needed demotion (call-pri-lost-after-sb). */
    public static HandshakeDecision decide(HandshakeInput in) {
        Run r = new Run(in);
        r.log.add(LogLine.info("drbd_sync_handshake:"));
        r.log.add(LogLine.info("self " + in.self() + " bits:" + in.bitmapBitsSelf() + " flags:0"));
        r.log.add(LogLine.info("peer " + in.peer().uuids() + " bits:" + in.peer().bitmapBits() + " flags:"
                + Long.toHexString(in.peer().flags()).toUpperCase()));
        if (in.peerReportedDisk() == DiskState.NEGOTIATING) {
            r.log.add(LogLine.info("real peer disk state = " + in.realPeerDisk()));
        }
        r.comparison = UuidCompare.compare(in.self(), in.peer(), in.compareContext());
        r.log.addAll(r.comparison.log());
        int hg = r.step(Stage.UUID_COMPARE, r.comparison.hg());
        r.log.add(LogLine.info(r.comparison.summary()));

        Outcome refusal = refuseByCompareResult(r, hg);
        if (refusal != null) {
            return r.fail(refusal);
        }
        hg = diskStateOverride(r, hg);
        if (Math.abs(hg) == 100) {
            r.handlers.add(HandlerName.INITIAL_SPLIT_BRAIN);
        }
        if (hg == 100 || (hg == -100 && in.alwaysAsbp())) {
            int primaries = (in.localRole() == Role.PRIMARY ? 1 : 0) + (in.peerRole() == Role.PRIMARY ? 1 : 0);
            boolean forced = hg == -100;
            AfterSb.Decision asb = AfterSb.recover(asbInputs(in), primaries);
            if (asb.status() == AfterSb.Status.DEMOTION_NEEDED) {
                r.asb = asb;
                r.log.addAll(asb.log());
                return r.waitForDemotion(new HandshakeDecision.Pending(in, primaries, forced));
            }
            return afterRecovery(r, asb, asb.log(), primaries, forced);
        }
        return fromDiscardMyData(r, hg);
    }

    /**
     * Continues a {@link Outcome#NEEDS_DEMOTION} decision once the caller tried to demote this node:
     * on success it is Secondary and becomes SyncTarget; on failure pri-lost-after-sb runs and the
     * split brain stays unresolved unless discard-my-data resolves it. As in DRBD, the waiting
     * decision's log and handlers (initial-split-brain) belong before the demotion attempt, so the
     * resumed decision lists only what comes after; its hg steps are the whole history.
     */
    public static HandshakeDecision resume(HandshakeDecision waiting, boolean demoted) {
        if (waiting.outcome() != Outcome.NEEDS_DEMOTION || waiting.pending() == null) {
            throw new IllegalStateException("not waiting for a demotion: " + waiting.outcome());
        }
        HandshakeDecision.Pending p = waiting.pending();
        HandshakeInput in = demoted ? p.input().withLocalRole(Role.SECONDARY) : p.input();
        Run r = new Run(in);
        r.comparison = waiting.comparison();
        r.steps.addAll(waiting.hgSteps());
        AfterSb.Decision done = waiting.asb().afterDemotion(demoted);
        List<LogLine> fresh = done.log().subList(waiting.asb().log().size(), done.log().size());
        return afterRecovery(r, done, fresh, p.primaryCount(), p.forced());
    }

    /** Step 2. */
    private static Outcome refuseByCompareResult(Run r, int hg) {
        if (hg == UuidCompare.HG_UNRELATED) {
            r.log.add(LogLine.alert("Unrelated data, aborting!"));
            return Outcome.DISCONNECT_UNRELATED;
        }
        if (hg < -0x10000) {
            int code = -hg;
            r.log.add(LogLine.alert("To resolve this both sides have to support at least protocol " + (code & 0xff)
                    + " and feature flags 0x" + Integer.toHexString((code >> 8) & 0xff)));
            return Outcome.DISCONNECT_NEED_PROTOCOL;
        }
        if (hg < UuidCompare.HG_UNRELATED) {
            r.log.add(LogLine.alert("To resolve this both sides have to support at least protocol "
                    + (-hg - 1000)));
            return Outcome.DISCONNECT_NEED_PROTOCOL;
        }
        return null;
    }

    /** Step 3: one side Inconsistent and the other better decides the direction, before split brain. */
    private static int diskStateOverride(Run r, int hg) {
        DiskState mine = r.in.myDisk();
        DiskState peers = r.in.realPeerDisk();
        boolean applies = (mine == DiskState.INCONSISTENT && peers.gt(DiskState.INCONSISTENT))
                || (peers == DiskState.INCONSISTENT && mine.gt(DiskState.INCONSISTENT));
        if (!applies) {
            return hg;
        }
        boolean full = hg == -100 || Math.abs(hg) == 2;
        int next = mine.gt(DiskState.INCONSISTENT) ? 1 : -1;
        if (full) {
            next *= 2;
        }
        r.log.add(LogLine.info("Becoming sync " + (next > 0 ? "source" : "target") + " due to disk states."));
        return r.step(Stage.DISK_STATE_OVERRIDE, next);
    }

    /** Step 5, after the policy decided. */
    private static HandshakeDecision afterRecovery(Run r, AfterSb.Decision asb, List<LogLine> newLines,
            int primaries, boolean forced) {
        r.asb = asb;
        r.log.addAll(newLines);
        r.handlers.addAll(asb.handlers());
        int hg = asb.result();
        if (Math.abs(hg) < 100) {
            r.log.add(LogLine.warn("Split-Brain detected, " + primaries + " primaries, automatically solved. Sync from "
                    + (hg < 0 ? "peer" : "this") + " node"));
            if (forced) {
                r.log.add(LogLine.warn("Doing a full sync, since UUIDs where ambiguous."));
                hg *= 2;
            }
        }
        return fromDiscardMyData(r, r.step(Stage.AFTER_SPLIT_BRAIN, hg));
    }

    /** Steps 6-12. */
    private static HandshakeDecision fromDiscardMyData(Run r, int hg) {
        HandshakeInput in = r.in;
        if (hg == -100) {
            boolean mine = in.discardMyData();
            boolean peers = in.peer().discardMyData();
            if (mine && !peers) {
                hg = r.step(Stage.DISCARD_MY_DATA, -1);
            } else if (!mine && peers) {
                hg = r.step(Stage.DISCARD_MY_DATA, 1);
            }
            if (Math.abs(hg) < 100) {
                r.log.add(LogLine.warn("Split-Brain detected, manually solved. Sync from "
                        + (hg < 0 ? "peer" : "this") + " node"));
            }
        }
        if (hg == -100) {
            r.log.add(LogLine.alert("Split-Brain detected but unresolved, dropping connection!"));
            r.handlers.add(HandlerName.SPLIT_BRAIN);
            return r.fail(Outcome.DISCONNECT_SPLIT_BRAIN);
        }
        if (hg > 0 && in.myDisk().le(DiskState.INCONSISTENT)) {
            r.log.add(LogLine.err("I shall become SyncSource, but I am inconsistent!"));
            return r.fail(Outcome.DISCONNECT_INCONSISTENT_SOURCE);
        }
        // Step 9 looks at the real disk, not the attach-time one, as DRBD does on purpose.
        if (hg < 0 && in.localRole() == Role.PRIMARY && in.localDisk().ge(DiskState.CONSISTENT)
                && rrConflictRefuses(r)) {
            return r.fail(Outcome.DISCONNECT_RR_CONFLICT);
        }
        Outcome outcome = outcomeOf(hg);
        if (in.dryRun()) {
            r.log.add(LogLine.info(hg == 0 ? "dry-run connect: No resync, would become Connected immediately."
                    : "dry-run connect: Would become " + (hg > 0 ? "SyncSource" : "SyncTarget") + ", doing a "
                            + (Math.abs(hg) >= 2 ? "full" : "bit-map based") + " resync."));
            r.dryRunWouldBe = outcome;
            return r.fail(Outcome.DRY_RUN);
        }
        return r.succeed(outcome, hg);
    }

    /** Step 9: true when rr-conflict drops the connection. */
    private static boolean rrConflictRefuses(Run r) {
        switch (r.in.rrConflict()) {
            case VIOLENTLY:
                r.log.add(LogLine.warn("Becoming SyncTarget, violating the stable-data assumption"));
                return false;
            case CALL_HELPER:
                r.handlers.add(HandlerName.PRI_LOST);
                r.log.add(LogLine.err("I shall become SyncTarget, but I am primary!"));
                return true;
            case DISCONNECT:
                r.log.add(LogLine.err("I shall become SyncTarget, but I am primary!"));
                return true;
            default:
                // Load-time validation rejects other values; should one slip through, the safe
                // default is to refuse (DRBD would carry on and overwrite a Primary's data).
                r.log.add(LogLine.err("Configuration error: rr-conflict " + r.in.rrConflict()
                        + " is not valid; I shall become SyncTarget, but I am primary!"));
                return true;
        }
    }

    private static Outcome outcomeOf(int hg) {
        if (hg >= 2) {
            return Outcome.FULL_SYNC_SOURCE;
        }
        if (hg == 1) {
            return Outcome.BITMAP_SYNC_SOURCE;
        }
        if (hg == 0) {
            return Outcome.NO_SYNC;
        }
        return hg == -1 ? Outcome.BITMAP_SYNC_TARGET : Outcome.FULL_SYNC_TARGET;
    }

    private static AfterSb.Inputs asbInputs(HandshakeInput in) {
        return new AfterSb.Inputs(in.afterSb0pri(), in.afterSb1pri(), in.afterSb2pri(), in.self().bitmap(),
                in.peer().uuids().bitmap(), in.bitmapBitsSelf(), in.peer().bitmapBits(), in.resolveConflicts(),
                in.localRole());
    }

    /** The state of one handshake run while the steps fill it in. */
    private static final class Run {
        final HandshakeInput in;
        final List<HgStep> steps = new ArrayList<>();
        final List<LogLine> log = new ArrayList<>();
        final List<HandlerName> handlers = new ArrayList<>();
        UuidComparison comparison;
        AfterSb.Decision asb;
        Outcome dryRunWouldBe;

        Run(HandshakeInput in) {
            this.in = in;
        }

        int step(Stage stage, int hg) {
            steps.add(new HgStep(stage, hg));
            return hg;
        }

        HandshakeDecision fail(Outcome outcome) {
            return build(outcome, Optional.empty(), false, failureAction(outcome), null);
        }

        HandshakeDecision waitForDemotion(HandshakeDecision.Pending pending) {
            return build(Outcome.NEEDS_DEMOTION, Optional.empty(), false, FailureAction.NONE, pending);
        }

        HandshakeDecision succeed(Outcome outcome, int hg) {
            boolean full = Math.abs(hg) >= 2;
            if (full) {
                log.add(LogLine.info("Writing the whole bitmap, full sync required after drbd_sync_handshake."));
            }
            ConnState next = hg > 0 ? ConnState.WF_BITMAP_S : hg < 0 ? ConnState.WF_BITMAP_T : ConnState.CONNECTED;
            if (hg == 0 && in.bitmapBitsSelf() > 0) {
                log.add(LogLine.info("No resync, but " + in.bitmapBitsSelf() + " bits in bitmap!"));
            }
            return build(outcome, Optional.of(next), full, FailureAction.NONE, null);
        }

        /** receive_state's C_MASK handling, in its order. */
        private FailureAction failureAction(Outcome outcome) {
            if (in.localDisk() == DiskState.NEGOTIATING) {
                return FailureAction.FAIL_LOCAL_DISK;
            }
            if (in.peerReportedDisk() == DiskState.NEGOTIATING) {
                return FailureAction.PEER_DISKLESS;
            }
            return outcome == Outcome.DRY_RUN ? FailureAction.DROP_DRY_RUN : FailureAction.DISCONNECT;
        }

        private HandshakeDecision build(Outcome outcome, Optional<ConnState> next, boolean full, FailureAction action,
                HandshakeDecision.Pending pending) {
            return new HandshakeDecision(outcome, next, comparison, steps, log, handlers, full, asb, dryRunWouldBe,
                    action, pending);
        }
    }
}
