package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

/*
 * Scenario: each UUID operation of fact sheet §3.1/§3.2 on hand-picked UUID sets: rotating and
 * plain slot writes, clearing the bitmap UUID, new current (with the "bm UUID was already set"
 * warning), promote/demote, the new-current-uuid admin command with and without --clear-bitmap
 * (incl. skip-initial-sync on both nodes), sync-UUID generation, P_SYNC_UUID and resync finished.
 * Expectation: the exact slot values DRBD would store, and the old current UUID still present in
 * bitmap or history after every operation that replaces it.
 * Why: these values decide the next handshake; a lost current UUID turns a later reconnect into
 * a split brain or a full sync in the wrong direction.
 */
class GenerationUuidsTest {

    static final long A = 0x1A00_0000_0000_00A0L;
    static final long B = 0x2B00_0000_0000_00B0L;
    static final long C = 0x3C00_0000_0000_00C0L;
    static final long D = 0x4D00_0000_0000_00D0L;

    /** A generator that returns a fixed value first: makes "new random UUID" checkable. */
    static RandomGenerator fixed(long value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return value;
            }
        };
    }

    static GenerationUuids u(long cur, long bm, long h1, long h2) {
        return GenerationUuids.of(cur, bm, h1, h2);
    }

    @Test
    void rotatingSetPushesOldValueIntoHistory() {
        assertEquals(u(A, D, B, C), u(A, B, C, 0).withSlotRotating(GenerationUuids.Slot.BITMAP, D, false));
        assertEquals(u(A, D, C, 0), u(A, 0, C, 0).withSlotRotating(GenerationUuids.Slot.BITMAP, D, false),
                "a zero old value is not rotated");
        assertEquals(u(D | 1, 0, A, B), u(A, 0, B, C).withSlotRotating(GenerationUuids.Slot.CURRENT, D, true),
                "current gets bit 0 per role");
        assertThrows(IllegalStateException.class,
                () -> u(A, 0, B, C).withSlotRotating(GenerationUuids.Slot.HISTORY1, D, false));
    }

    @Test
    void plainSetOverwritesWithoutRotation() {
        assertEquals(u(A, D, C, 0), u(A, B, C, 0).withSlot(GenerationUuids.Slot.BITMAP, D, false));
        assertEquals(u(D, B, C, 0), u(A, B, C, 0).withSlot(GenerationUuids.Slot.CURRENT, D | 1, false));
        assertEquals(u(A, B, C, D), u(A, B, C, 0).withSlot(GenerationUuids.Slot.HISTORY2, D, false));
    }

    @Test
    void clearBitmapUuidRotatesIntoHistory() {
        assertEquals(u(A, 0, B, C), u(A, B, C, D).clearBitmapUuid());
        assertEquals(u(A, 0, C, D), u(A, 0, C, D).clearBitmapUuid(), "no-op when already 0");
    }

    @Test
    void newCurrentMovesCurrentToBitmapAndWarnsOnOverwrite() {
        GenerationUuids.Update clean = u(A, 0, B, C).newCurrent(fixed(D), false);
        assertEquals(u(D, A, B, C), clean.uuids());
        assertEquals(List.of(), clean.warnings());
        GenerationUuids.Update overwrite = u(A, B, C, 0).newCurrent(fixed(D), true);
        assertEquals(u(D | 1, A, C, 0), overwrite.uuids());
        assertEquals(List.of("bm UUID was already set: " + Uuids.hex(B)), overwrite.warnings());
    }

    @Test
    void randomUuidNeverReadsAsNoData() {
        long[] values = {0, 1, 4, 5, D};
        RandomGenerator seq = new RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                return values[i++];
            }
        };
        assertEquals(D, Uuids.random(seq));
    }

    @Test
    void promoteAndDemote() {
        GenerationUuids base = u(A, 0, B, C);
        GenerationUuids.Update connected = UuidLifecycle.promote(base, fixed(D), ConnState.CONNECTED,
                DiskState.UP_TO_DATE, false);
        assertEquals(u(A | 1, 0, B, C), connected.uuids(), "peer follows: only bit 0");
        GenerationUuids.Update alone = UuidLifecycle.promote(base, fixed(D), ConnState.WF_CONNECTION,
                DiskState.UNKNOWN, false);
        assertEquals(u(D | 1, A, B, C), alone.uuids(), "peer cannot follow: new current");
        GenerationUuids.Update peerFailed = UuidLifecycle.promote(base, fixed(D), ConnState.CONNECTED,
                DiskState.FAILED, false);
        assertEquals(u(D | 1, A, B, C), peerFailed.uuids());
        GenerationUuids.Update bitmapInUse = UuidLifecycle.promote(u(A, C, B, 0), fixed(D),
                ConnState.STANDALONE, DiskState.UNKNOWN, false);
        assertEquals(u(A | 1, C, B, 0), bitmapInUse.uuids(), "bitmap UUID set: keep generation");
        GenerationUuids.Update forced = UuidLifecycle.promote(base, fixed(D), ConnState.CONNECTED,
                DiskState.UP_TO_DATE, true);
        assertEquals(u(D | 1, A, B, C), forced.uuids());
        assertEquals(u(D, A, B, C), UuidLifecycle.demote(forced.uuids()));
    }

    @Test
    void adminNewCurrentUuid() {
        UuidLifecycle.AdminResult plain = UuidLifecycle.adminNewCurrentUuid(u(A, B, C, 0), fixed(D),
                ConnState.STANDALONE, 101, false, false);
        assertEquals(UuidLifecycle.AdminStatus.OK, plain.status());
        assertEquals(u(D, A, B, C), plain.uuids(), "bitmap rotated, then old current becomes bitmap UUID");
        assertFalse(plain.clearBitmapBits());
        UuidLifecycle.AdminResult clear = UuidLifecycle.adminNewCurrentUuid(u(A, B, C, 0), fixed(D),
                ConnState.STANDALONE, 101, true, false);
        assertEquals(u(D, A, B, C), clear.uuids(), "--clear-bitmap StandAlone only zeroes the bits");
        assertTrue(clear.clearBitmapBits());
        assertFalse(clear.skipInitialSync());
        UuidLifecycle.AdminResult refused = UuidLifecycle.adminNewCurrentUuid(u(A, B, C, 0), fixed(D),
                ConnState.CONNECTED, 101, true, false);
        assertEquals(UuidLifecycle.AdminStatus.ERR_CONNECTED, refused.status());
        assertEquals(u(A, B, C, 0), refused.uuids());
    }

    @Test
    void skipInitialSyncOnBothNodes() {
        GenerationUuids fresh = GenerationUuids.justCreated();
        UuidLifecycle.AdminResult skip = UuidLifecycle.adminNewCurrentUuid(fresh, fixed(D), ConnState.CONNECTED,
                90, true, false);
        assertEquals(UuidLifecycle.AdminStatus.OK, skip.status());
        assertTrue(skip.skipInitialSync());
        assertEquals(u(D, 0, 0, 0), skip.uuids());
        UuidLifecycle.AdminResult oldPeer = UuidLifecycle.adminNewCurrentUuid(fresh, fixed(D), ConnState.CONNECTED,
                89, true, false);
        assertEquals(UuidLifecycle.AdminStatus.ERR_CONNECTED, oldPeer.status());
        UuidLifecycle.AdminResult noClear = UuidLifecycle.adminNewCurrentUuid(fresh, fixed(D), ConnState.CONNECTED,
                101, false, false);
        assertEquals(UuidLifecycle.AdminStatus.ERR_CONNECTED, noClear.status());

        PeerUuids flagged = new PeerUuids(skip.uuids(), 0, Uuids.FLAG_SKIP_INITIAL_SYNC);
        assertEquals(u(D, 0, 0, 0), UuidLifecycle.acceptSkipInitialSync(fresh, flagged, ConnState.CONNECTED, 90,
                false).orElseThrow());
        assertTrue(UuidLifecycle.acceptSkipInitialSync(fresh, PeerUuids.of(skip.uuids()), ConnState.CONNECTED, 90,
                false).isEmpty(), "flag 8 missing");
        assertTrue(UuidLifecycle.acceptSkipInitialSync(u(A, 0, 0, 0), flagged, ConnState.CONNECTED, 90, false)
                .isEmpty(), "not just created");
        assertTrue(UuidLifecycle.acceptSkipInitialSync(fresh, flagged, ConnState.WF_REPORT_PARAMS, 90, false)
                .isEmpty(), "not connected");
    }

    @Test
    void syncUuidGeneration() {
        UuidLifecycle.SyncUuidStart offset = UuidLifecycle.generateSyncUuid(u(A, B, C, 0), fixed(D));
        assertEquals(B + Uuids.UUID_NEW_BM_OFFSET, offset.syncUuid());
        assertEquals(u(A, B + Uuids.UUID_NEW_BM_OFFSET, B, C), offset.uuids());
        UuidLifecycle.SyncUuidStart fromZero = UuidLifecycle.generateSyncUuid(u(A, 0, C, 0), fixed(D));
        assertEquals(D, fromZero.syncUuid());
        assertEquals(u(A, D, C, 0), fromZero.uuids());
        UuidLifecycle.SyncUuidStart fromJustCreated = UuidLifecycle.generateSyncUuid(
                u(A, Uuids.UUID_JUST_CREATED, C, 0), fixed(D));
        assertEquals(D, fromJustCreated.syncUuid());
        assertEquals(u(A, D, Uuids.UUID_JUST_CREATED, C), fromJustCreated.uuids());
    }

    @Test
    void fullResyncCycleLeavesBothNodesOnTheSameGeneration() {
        // Source wrote on top of B while the target stayed at B (rule 50/70 relation).
        GenerationUuids source = u(A, B, C, 0);
        GenerationUuids target = u(B, 0, C, 0);
        UuidLifecycle.SyncUuidStart start = UuidLifecycle.generateSyncUuid(source, fixed(D));
        GenerationUuids t = UuidLifecycle.receiveSyncUuid(target, start.syncUuid(), false);
        assertEquals(u(start.syncUuid(), 0, C, 0), t);
        // The target's copy of the source's UUIDs is the P_UUIDS of the handshake (before the sync UUID).
        GenerationUuids tDone = UuidLifecycle.resyncFinishedAsTarget(t, source, false);
        GenerationUuids sDone = UuidLifecycle.resyncFinishedAsSource(start.uuids());
        assertEquals(u(A, 0, start.syncUuid(), B), sDone);
        assertEquals(sDone, tDone, "both nodes end with identical UUIDs");
        UuidComparison again = UuidCompare.compare(sDone, PeerUuids.of(tDone), UuidCompare.Context.defaults());
        assertEquals(0, again.hg(), "after resync no further sync");
    }

    @Test
    void historyMayHoldMoreSlots() {
        GenerationUuids big = new GenerationUuids(A, B, List.of(C, D, 7L, 9L));
        assertEquals(List.of(B, C, D, 7L), big.clearBitmapUuid().history());
        assertThrows(IllegalArgumentException.class, () -> new GenerationUuids(A, B, List.of(C)));
    }

    /** Operations that replace the current UUID must keep it (class comment; exceptions documented). */
    @Test
    void operationsNeverLoseTheCurrentUuid() {
        for (long seed : new long[] {7, 11, 42, 1234567}) {
            Random rnd = new Random(seed);
            RandomGenerator uuidSource = new SplittableRandom(seed);
            GenerationUuids g = u(Uuids.random(uuidSource), 0, 0, 0);
            for (int step = 0; step < 2000; step++) {
                long before = g.current();
                int op = rnd.nextInt(9);
                boolean primary = rnd.nextBoolean();
                g = apply(g, op, primary, rnd, uuidSource);
                assertTrue(Uuids.isNoGeneration(before) || g.containsGeneration(before),
                        "seed " + seed + " step " + step + " op " + op + " lost " + Uuids.hex(before) + ": " + g);
            }
        }
    }

    private static GenerationUuids apply(GenerationUuids g, int op, boolean primary, Random rnd,
            RandomGenerator uuids) {
        return switch (op) {
            case 0 -> g.newCurrent(uuids, primary).uuids();
            case 1 -> g.clearBitmapUuid();
            case 2 -> g.withSlotRotating(GenerationUuids.Slot.CURRENT, Uuids.random(uuids), primary);
            case 3 -> UuidLifecycle.promote(g, uuids, rnd.nextBoolean() ? ConnState.CONNECTED
                    : ConnState.STANDALONE, DiskState.UP_TO_DATE, rnd.nextBoolean()).uuids();
            case 4 -> UuidLifecycle.demote(g);
            case 5 -> UuidLifecycle.adminNewCurrentUuid(g, uuids, ConnState.STANDALONE, 101, rnd.nextBoolean(),
                    primary).uuids();
            case 6 -> UuidLifecycle.generateSyncUuid(g, uuids).uuids();
            case 7 -> UuidLifecycle.resyncFinishedAsTarget(g, u(Uuids.random(uuids), Uuids.random(uuids),
                    Uuids.random(uuids), 0), primary);
            default -> UuidLifecycle.resyncFinishedAsSource(g);
        };
    }
}
