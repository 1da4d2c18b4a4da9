package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jdrbd.statemachine.HandshakeDecision.FailureAction;
import org.jdrbd.statemachine.HandshakeDecision.HgStep;
import org.jdrbd.statemachine.HandshakeDecision.Outcome;
import org.jdrbd.statemachine.HandshakeDecision.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: drbd_sync_handshake (fact sheet §3.4) step by step: the plain sync directions, the
 * refusals of step 2 (unrelated, -1091, WSAME), the disk-state override (incl. the doubling for
 * -100 and |2| and its precedence over split brain), initial-split-brain / split-brain handlers,
 * automatic recovery with 0/1/2 primaries, always-asbp doubling, discard-my-data, the
 * inconsistent-source refusal, rr-conflict (disconnect, call-pri-lost, violently), dry run, the
 * call-pri-lost-after-sb demotion round trip, and what a failure does to a Negotiating disk.
 * Expectation: outcome, next connection state, hg trail, handlers and DRBD's log lines.
 * Why: this is where DRBD decides whose data survives; every branch must be the kernel's.
 */
class SyncHandshakeTest {

    static final long A = 0x1A00_0000_0000_00A0L;
    static final long B = 0x2B00_0000_0000_00B0L;
    static final long C = 0x3C00_0000_0000_00C0L;
    static final long W = 0x7700_0000_0000_0070L;
    static final long X = 0x0800_0000_0000_0080L;
    static final long Y = 0x0900_0000_0000_0090L;
    static final long Z = 0x0A00_0000_0000_0020L;

    static final GenerationUuids SAME = GenerationUuids.of(A, 0, X, Y);
    /** Self is ahead (rule 70, hg 1) against {@link #BEHIND}. */
    static final GenerationUuids AHEAD = GenerationUuids.of(A, B, X, Y);
    static final GenerationUuids BEHIND = GenerationUuids.of(B, 0, X, Y);
    /** Split brain with auto recovery (rule 90, hg 100): both diverged from C. */
    static final GenerationUuids SB_SELF = GenerationUuids.of(A, C, X, Y);
    static final GenerationUuids SB_PEER = GenerationUuids.of(B, C, X, Y);
    /** History-only relation (rule 100, hg -100). */
    static final GenerationUuids HIST_SELF = GenerationUuids.of(A, 0, X, Y);
    static final GenerationUuids HIST_PEER = GenerationUuids.of(B, 0, Z, X);

    static HandshakeInput.Builder b(GenerationUuids self, GenerationUuids peer) {
        return HandshakeInput.builder(self, PeerUuids.of(peer));
    }

    static HandshakeInput.Builder b(GenerationUuids self, GenerationUuids peer, long peerBits, long peerFlags) {
        return HandshakeInput.builder(self, new PeerUuids(peer, peerBits, peerFlags));
    }

    static boolean logged(HandshakeDecision d, String fragment) {
        return d.log().stream().anyMatch(l -> l.text().contains(fragment));
    }

    static List<Integer> trail(HandshakeDecision d) {
        return d.hgSteps().stream().map(HgStep::hg).collect(Collectors.toList());
    }

    @Test
    void plainDirections() {
        HandshakeDecision none = SyncHandshake.decide(b(SAME, SAME).bitmapBitsSelf(3).build());
        assertEquals(Outcome.NO_SYNC, none.outcome());
        assertEquals(Optional.of(ConnState.CONNECTED), none.nextConn());
        assertEquals(UuidRule.RECONNECTED, none.rule());
        assertTrue(logged(none, "uuid_compare()=0 by rule 40"));
        assertTrue(logged(none, "No resync, but 3 bits in bitmap!"));

        HandshakeDecision src = SyncHandshake.decide(b(AHEAD, BEHIND).build());
        assertEquals(Outcome.BITMAP_SYNC_SOURCE, src.outcome());
        assertEquals(Optional.of(ConnState.WF_BITMAP_S), src.nextConn());
        assertFalse(src.writeFullBitmap());

        HandshakeDecision tgt = SyncHandshake.decide(b(BEHIND, AHEAD).build());
        assertEquals(Outcome.BITMAP_SYNC_TARGET, tgt.outcome());
        assertEquals(Optional.of(ConnState.WF_BITMAP_T), tgt.nextConn());
        assertEquals(UuidRule.BITMAP_PEER, tgt.rule());

        HandshakeDecision full = SyncHandshake.decide(b(GenerationUuids.justCreated(), AHEAD)
                .disks(DiskState.INCONSISTENT, DiskState.INCONSISTENT).build());
        assertEquals(Outcome.FULL_SYNC_TARGET, full.outcome());
        assertTrue(full.writeFullBitmap());
        assertTrue(logged(full, "Writing the whole bitmap"));
        assertEquals(FailureAction.NONE, full.failureAction());
        assertEquals(List.of(), full.handlers());
    }

    @Test
    void stepTwoRefusals() {
        HandshakeDecision unrelated = SyncHandshake.decide(b(GenerationUuids.of(A, C, X, Y),
                GenerationUuids.of(B, W, Z, 0x55L << 8)).build());
        assertEquals(Outcome.DISCONNECT_UNRELATED, unrelated.outcome());
        assertTrue(logged(unrelated, "Unrelated data, aborting!"));
        assertEquals(FailureAction.DISCONNECT, unrelated.failureAction());
        assertTrue(unrelated.nextConn().isEmpty());

        HandshakeDecision old = SyncHandshake.decide(b(AHEAD, GenerationUuids.of(A, 0, B, X)).agreedProtocol(90)
                .build());
        assertEquals(-1091, old.comparedHg());
        assertEquals(Outcome.DISCONNECT_NEED_PROTOCOL, old.outcome());
        assertTrue(logged(old, "support at least protocol 91"), old.log().toString());

        HandshakeDecision wsame = SyncHandshake.decide(b(SAME, SAME).localCrashedPrimary(true)
                .roles(Role.PRIMARY, Role.SECONDARY).agreedFeatures(0).build());
        assertEquals(Outcome.DISCONNECT_NEED_PROTOCOL, wsame.outcome());
        assertTrue(logged(wsame, "at least protocol 101 and feature flags 0x4"), wsame.log().toString());
    }

    @ParameterizedTest(name = "{0}: {1}/{2} -> {3}")
    @CsvSource({
        // uuids, my disk, peer disk, expected final hg
        "same, INCONSISTENT, UP_TO_DATE, -1",
        "same, UP_TO_DATE, INCONSISTENT, 1",
        "same, OUTDATED, INCONSISTENT, 1",
        "history, UP_TO_DATE, INCONSISTENT, 2",
        "history, INCONSISTENT, CONSISTENT, -2",
        "full, INCONSISTENT, UP_TO_DATE, -2",
        "splitbrain, INCONSISTENT, UP_TO_DATE, -1",
        "ahead, INCONSISTENT, UP_TO_DATE, -1",
        "same, INCONSISTENT, INCONSISTENT, 0",
        "same, UP_TO_DATE, OUTDATED, 0"})
    void diskStateOverride(String uuids, DiskState mine, DiskState peers, int hg) {
        HandshakeInput.Builder in = switch (uuids) {
            case "same" -> b(SAME, SAME);
            case "history" -> b(HIST_SELF, HIST_PEER);
            case "full" -> b(GenerationUuids.of(A, 0, B, X), GenerationUuids.of(B, 0, Z, W));
            case "splitbrain" -> b(SB_SELF, SB_PEER);
            default -> b(AHEAD, BEHIND);
        };
        HandshakeDecision d = SyncHandshake.decide(in.disks(mine, peers).build());
        assertEquals(hg, d.finalHg(), d.log().toString());
        boolean overridden = d.hgSteps().stream().anyMatch(s -> s.stage() == Stage.DISK_STATE_OVERRIDE);
        assertEquals(overridden, logged(d, "due to disk states."));
        assertEquals(List.of(), d.handlers(), "no split-brain handler once the disks decided");
    }

    @Test
    void negotiatingDisksUseAttachTimeAndPeerFlag() {
        HandshakeDecision attach = SyncHandshake.decide(b(SAME, SAME).disks(DiskState.NEGOTIATING, DiskState.UP_TO_DATE)
                .attachTimeDisk(DiskState.INCONSISTENT).build());
        assertEquals(Outcome.BITMAP_SYNC_TARGET, attach.outcome());
        HandshakeDecision peerIncons = SyncHandshake.decide(b(SAME, SAME, 0, Uuids.FLAG_INCONSISTENT)
                .disks(DiskState.UP_TO_DATE, DiskState.NEGOTIATING).build());
        assertEquals(Outcome.BITMAP_SYNC_SOURCE, peerIncons.outcome());
        assertTrue(logged(peerIncons, "real peer disk state = Inconsistent"));
        HandshakeDecision peerCons = SyncHandshake.decide(b(SAME, SAME).disks(DiskState.UP_TO_DATE,
                DiskState.NEGOTIATING).build());
        assertEquals(Outcome.NO_SYNC, peerCons.outcome());
        assertEquals(DiskState.CONSISTENT, SyncHandshake.realPeerDisk(DiskState.NEGOTIATING, 0));
        assertEquals(DiskState.OUTDATED, SyncHandshake.realPeerDisk(DiskState.OUTDATED, 4));
        assertThrows(IllegalArgumentException.class, () -> b(SAME, SAME).disks(DiskState.NEGOTIATING,
                DiskState.UP_TO_DATE).build());
    }

    @Test
    void splitBrainAutoSolvedWithNoPrimary() {
        HandshakeDecision d = SyncHandshake.decide(b(SB_SELF, SB_PEER, 9, 0).bitmapBitsSelf(2)
                .afterSb(AfterSbPolicy.DISCARD_LEAST_CHANGES, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT)
                .build());
        assertEquals(Outcome.BITMAP_SYNC_TARGET, d.outcome());
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN), d.handlers());
        assertTrue(logged(d, "Split-Brain detected, 0 primaries, automatically solved. Sync from peer node"));
        assertEquals(List.of(100, -1), trail(d));
        assertTrue(d.asb().resolved());
    }

    @Test
    void splitBrainWithOnePrimaryDiscardSecondary() {
        HandshakeDecision d = SyncHandshake.decide(b(SB_SELF, SB_PEER).roles(Role.PRIMARY, Role.SECONDARY)
                .afterSb(AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCARD_SECONDARY, AfterSbPolicy.DISCONNECT).build());
        assertEquals(Outcome.BITMAP_SYNC_SOURCE, d.outcome());
        assertTrue(logged(d, "1 primaries, automatically solved. Sync from this node"));
    }

    @Test
    void splitBrainWithTwoPrimariesViolently() {
        HandshakeDecision d = SyncHandshake.decide(b(SB_SELF, SB_PEER).roles(Role.PRIMARY, Role.PRIMARY)
                .afterSb(AfterSbPolicy.DISCARD_REMOTE, AfterSbPolicy.DISCONNECT, AfterSbPolicy.VIOLENTLY).build());
        assertEquals(Outcome.BITMAP_SYNC_SOURCE, d.outcome());
        assertTrue(logged(d, "2 primaries, automatically solved"));
    }

    @Test
    void unresolvedSplitBrainDropsTheConnection() {
        HandshakeDecision d = SyncHandshake.decide(b(SB_SELF, SB_PEER).build());
        assertEquals(Outcome.DISCONNECT_SPLIT_BRAIN, d.outcome());
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN, HandlerName.SPLIT_BRAIN), d.handlers());
        assertTrue(logged(d, "Split-Brain detected but unresolved, dropping connection!"));
        assertEquals(FailureAction.DISCONNECT, d.failureAction());
        assertEquals(List.of(100, -100), trail(d));
    }

    @Test
    void historyOnlySplitBrainNeedsAlwaysAsbp() {
        HandshakeInput.Builder base = b(HIST_SELF, HIST_PEER)
                .afterSb(AfterSbPolicy.DISCARD_REMOTE, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT);
        HandshakeDecision without = SyncHandshake.decide(base.build());
        assertEquals(Outcome.DISCONNECT_SPLIT_BRAIN, without.outcome());
        assertNull(without.asb(), "no recovery for -100 without always-asbp");
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN, HandlerName.SPLIT_BRAIN), without.handlers());

        HandshakeDecision with = SyncHandshake.decide(base.alwaysAsbp(true).build());
        assertEquals(Outcome.FULL_SYNC_SOURCE, with.outcome());
        assertEquals(List.of(-100, 2), trail(with));
        assertTrue(logged(with, "Doing a full sync, since UUIDs where ambiguous."));
        assertTrue(with.writeFullBitmap());
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN), with.handlers());
    }

    @Test
    void discardMyDataResolvesRemainingSplitBrain() {
        HandshakeDecision mine = SyncHandshake.decide(b(SB_SELF, SB_PEER).discardMyData(true).build());
        assertEquals(Outcome.BITMAP_SYNC_TARGET, mine.outcome());
        assertTrue(logged(mine, "Split-Brain detected, manually solved. Sync from peer node"));
        assertEquals(List.of(100, -100, -1), trail(mine));
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN), mine.handlers());

        HandshakeDecision peers = SyncHandshake.decide(b(HIST_SELF, HIST_PEER, 0, Uuids.FLAG_DISCARD_MY_DATA).build());
        assertEquals(Outcome.BITMAP_SYNC_SOURCE, peers.outcome(), "history split brain resolved bitmap-based");
        assertTrue(logged(peers, "manually solved. Sync from this node"));

        HandshakeDecision both = SyncHandshake.decide(b(SB_SELF, SB_PEER, 0, Uuids.FLAG_DISCARD_MY_DATA)
                .discardMyData(true).build());
        assertEquals(Outcome.DISCONNECT_SPLIT_BRAIN, both.outcome());
    }

    @Test
    void inconsistentNodeMayNotBecomeSource() {
        HandshakeDecision d = SyncHandshake.decide(b(AHEAD, BEHIND).disks(DiskState.INCONSISTENT,
                DiskState.INCONSISTENT).build());
        assertEquals(Outcome.DISCONNECT_INCONSISTENT_SOURCE, d.outcome());
        assertTrue(logged(d, "I shall become SyncSource, but I am inconsistent!"));
    }

    @ParameterizedTest(name = "rr-conflict {0}")
    @CsvSource({
        "DISCONNECT, DISCONNECT_RR_CONFLICT, false",
        "CALL_HELPER, DISCONNECT_RR_CONFLICT, true",
        "VIOLENTLY, BITMAP_SYNC_TARGET, false",
        "CONSENSUS, DISCONNECT_RR_CONFLICT, false"})
    void rrConflict(AfterSbPolicy rr, Outcome outcome, boolean priLost) {
        HandshakeDecision d = SyncHandshake.decide(b(BEHIND, AHEAD).roles(Role.PRIMARY, Role.SECONDARY)
                .rrConflict(rr).build());
        assertEquals(outcome, d.outcome());
        assertEquals(priLost ? List.of(HandlerName.PRI_LOST) : List.of(), d.handlers());
        assertEquals(outcome != Outcome.BITMAP_SYNC_TARGET, logged(d, "I shall become SyncTarget, but I am primary!"));
        assertEquals(rr == AfterSbPolicy.VIOLENTLY, logged(d, "violating the stable-data assumption"));
    }

    @Test
    void rrConflictNeedsAConsistentPrimary() {
        HandshakeDecision d = SyncHandshake.decide(b(BEHIND, AHEAD).roles(Role.PRIMARY, Role.SECONDARY)
                .disks(DiskState.OUTDATED, DiskState.UP_TO_DATE).build());
        assertEquals(Outcome.BITMAP_SYNC_TARGET, d.outcome());
    }

    @Test
    void dryRunOnlyReports() {
        HandshakeDecision d = SyncHandshake.decide(b(AHEAD, GenerationUuids.of(C, 0, A, X)).dryRun(true).build());
        assertEquals(Outcome.DRY_RUN, d.outcome());
        assertEquals(Outcome.FULL_SYNC_TARGET, d.dryRunWouldBe());
        assertEquals(FailureAction.DROP_DRY_RUN, d.failureAction());
        assertFalse(d.writeFullBitmap());
        assertTrue(logged(d, "dry-run connect: Would become SyncTarget, doing a full resync."), d.log().toString());
        HandshakeDecision none = SyncHandshake.decide(b(SAME, SAME).dryRun(true).build());
        assertTrue(logged(none, "No resync, would become Connected immediately."));
    }

    @Test
    void callPriLostAfterSbDemotionRoundTrip() {
        HandshakeInput in = b(SB_SELF, SB_PEER).roles(Role.PRIMARY, Role.SECONDARY)
                .afterSb(AfterSbPolicy.DISCARD_LOCAL, AfterSbPolicy.CALL_HELPER, AfterSbPolicy.DISCONNECT).build();
        HandshakeDecision waiting = SyncHandshake.decide(in);
        assertEquals(Outcome.NEEDS_DEMOTION, waiting.outcome());
        assertFalse(waiting.failed());
        assertEquals(List.of(HandlerName.INITIAL_SPLIT_BRAIN), waiting.handlers());

        HandshakeDecision demoted = SyncHandshake.resume(waiting, true);
        assertEquals(Outcome.BITMAP_SYNC_TARGET, demoted.outcome(), "Secondary now: rr-conflict does not apply");
        assertEquals(List.of(), demoted.handlers());
        assertTrue(logged(demoted, "Successfully gave up primary role."));
        assertEquals(List.of(100, -1), trail(demoted));

        HandshakeDecision stuck = SyncHandshake.resume(waiting, false);
        assertEquals(Outcome.DISCONNECT_SPLIT_BRAIN, stuck.outcome());
        assertEquals(List.of(HandlerName.PRI_LOST_AFTER_SB, HandlerName.SPLIT_BRAIN), stuck.handlers());
        assertThrows(IllegalStateException.class, () -> SyncHandshake.resume(stuck, true));
    }

    @Test
    void failureActionFollowsNegotiatingDisks() {
        HandshakeDecision local = SyncHandshake.decide(b(SB_SELF, SB_PEER).disks(DiskState.NEGOTIATING,
                DiskState.UP_TO_DATE).attachTimeDisk(DiskState.UP_TO_DATE).build());
        assertEquals(FailureAction.FAIL_LOCAL_DISK, local.failureAction());
        HandshakeDecision peer = SyncHandshake.decide(b(SB_SELF, SB_PEER).disks(DiskState.UP_TO_DATE,
                DiskState.NEGOTIATING).build());
        assertEquals(FailureAction.PEER_DISKLESS, peer.failureAction());
    }

    @Test
    void whenTheHandshakeRuns() {
        DiskState up = DiskState.UP_TO_DATE;
        assertTrue(SyncHandshake.shouldConsiderResync(true, up, up, ConnState.WF_REPORT_PARAMS,
                ConnState.CONNECTED, false), "new connection");
        assertFalse(SyncHandshake.shouldConsiderResync(false, up, up, ConnState.WF_REPORT_PARAMS,
                ConnState.CONNECTED, false), "no peer UUIDs");
        assertFalse(SyncHandshake.shouldConsiderResync(true, up, DiskState.DISKLESS, ConnState.WF_REPORT_PARAMS,
                ConnState.CONNECTED, false), "peer diskless");
        assertFalse(SyncHandshake.shouldConsiderResync(true, up, up, ConnState.CONNECTED, ConnState.CONNECTED,
                false), "steady state");
        assertTrue(SyncHandshake.shouldConsiderResync(true, up, DiskState.NEGOTIATING, ConnState.CONNECTED,
                ConnState.CONNECTED, false), "late attach");
        assertTrue(SyncHandshake.shouldConsiderResync(true, up, up, ConnState.CONNECTED, ConnState.CONNECTED,
                true), "CONSIDER_RESYNC");
        assertTrue(SyncHandshake.shouldConsiderResync(true, up, up, ConnState.CONNECTED,
                ConnState.STARTING_SYNC_T, false), "peer invalidated");
        assertFalse(SyncHandshake.shouldConsiderResync(true, up, up, ConnState.CONNECTED,
                ConnState.SYNC_SOURCE, false), "already syncing");
    }
}
