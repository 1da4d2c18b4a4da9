package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * Scenario: application IO is frozen (susp_fen by resource-and-stonith, susp_nod by
 * on-no-data-accessible=suspend-io, susp by the admin) and something happens: fence-peer succeeds,
 * the peer comes back, a disk attaches, or the admin runs resume-io / suspend-io.
 * Expectation: the thaw cases of fact sheet §5.3 with their UUID and transfer-log actions; a peer
 * that comes back only Consistent while a new UUID is pending is refused (ProtocolError).
 * Why: thawing wrongly either acknowledges writes the surviving data does not hold, or resends
 * writes to a peer that lost them.
 */
class IoFreezeTest {

    private static State frozenPrimary() {
        return State.INITIAL.withRole(Role.PRIMARY).withConn(ConnState.WF_CONNECTION)
                .withDisk(DiskState.UP_TO_DATE).withPdsk(DiskState.UNKNOWN).withSuspFen(true);
    }

    private static FenceVolume vol(int nr, State s, boolean newCurUuid) {
        return new FenceVolume(nr, s, FencingPolicy.RESOURCE_AND_STONITH, newCurUuid);
    }

    @Test
    void fenceSuccessThawsWithNewUuidsAndOutOfSyncCompletion() {
        List<FenceVolume> vols = List.of(
                vol(0, frozenPrimary().withPdsk(DiskState.OUTDATED), true),
                vol(1, frozenPrimary().withPdsk(DiskState.INCONSISTENT), false),
                vol(2, frozenPrimary().withPdsk(DiskState.OUTDATED), true));
        IoThaw t = IoFreeze.afterFencing(vols).orElseThrow();
        assertEquals(IoThaw.Cause.PEER_FENCED, t.cause());
        assertEquals(List.of(0, 2), t.newCurrentUuidVolumes());
        assertFalse(t.dropNewCurUuid());
        assertEquals(Effect.TlRestart.CONNECTION_LOST_WHILE_PENDING, t.transferLog());
        State after = t.applyTo(vols.get(0).state());
        assertFalse(after.suspFen());
        assertEquals(vols.get(0).state().withSuspFen(false), after);
    }

    @Test
    void noThawWhileAnyPeerDiskMayBeGood() {
        List<FenceVolume> vols = List.of(
                vol(0, frozenPrimary().withPdsk(DiskState.OUTDATED), true),
                vol(1, frozenPrimary(), false));
        assertEquals(Optional.empty(), IoFreeze.afterFencing(vols));
        // Nothing frozen: nothing to thaw either.
        assertEquals(Optional.empty(), IoFreeze.afterFencing(
                List.of(vol(0, frozenPrimary().withSuspFen(false).withPdsk(DiskState.OUTDATED), false))));
    }

    @Test
    void reconnectThawsByResendAndDropsPendingUuid() {
        State back = frozenPrimary().withConn(ConnState.CONNECTED).withPdsk(DiskState.UP_TO_DATE);
        IoFreeze.ReconnectThaw r = IoFreeze.onReconnect(List.of(vol(0, back, true), vol(1, back, false)));
        IoThaw t = ((IoFreeze.ReconnectThaw.Thaw) r).thaw();
        assertEquals(IoThaw.Cause.RECONNECTED, t.cause());
        assertTrue(t.dropNewCurUuid());
        assertEquals(List.of(), t.newCurrentUuidVolumes());
        assertEquals(Effect.TlRestart.RESEND, t.transferLog());
        State after = t.applyTo(back.withSuspNod(true));
        assertFalse(after.suspFen());
        assertFalse(after.suspNod());
    }

    @Test
    void reconnectWaitsForEveryVolume() {
        State back = frozenPrimary().withConn(ConnState.CONNECTED).withPdsk(DiskState.UP_TO_DATE);
        State notYet = frozenPrimary().withConn(ConnState.WF_REPORT_PARAMS);
        assertEquals(new IoFreeze.ReconnectThaw.NotYet(),
                IoFreeze.onReconnect(List.of(vol(0, back, false), vol(1, notYet, false))));
        assertEquals(new IoFreeze.ReconnectThaw.NotYet(), IoFreeze.onReconnect(List.of()));
        assertEquals(new IoFreeze.ReconnectThaw.NotYet(),
                IoFreeze.onReconnect(List.of(vol(0, back.withSuspFen(false), false))));
    }

    @Test
    void onlyConsistentPeerIsRefusedWhileUuidPending() {
        State rebooted = frozenPrimary().withConn(ConnState.CONNECTED).withPdsk(DiskState.CONSISTENT);
        IoFreeze.ReconnectThaw r = IoFreeze.onReconnect(List.of(vol(0, rebooted, true), vol(1, rebooted, false)));
        IoFreeze.ReconnectThaw.AbortConnect a = (IoFreeze.ReconnectThaw.AbortConnect) r;
        assertEquals(List.of(0), a.volumes());
        assertEquals(ConnState.PROTOCOL_ERROR, a.conn());
        // Without a pending UUID a Consistent peer is acceptable: resend.
        assertTrue(IoFreeze.onReconnect(List.of(vol(0, rebooted, false))) instanceof IoFreeze.ReconnectThaw.Thaw);
    }

    @Test
    void attachToUpToDateRestartsIoFrozenForLackOfData() {
        State nod = State.INITIAL.withRole(Role.PRIMARY).withSuspNod(true).withDisk(DiskState.UP_TO_DATE);
        IoThaw t = IoFreeze.afterAttach(nod).orElseThrow();
        assertEquals(Effect.TlRestart.RESTART_FROZEN_DISK_IO, t.transferLog());
        assertFalse(t.applyTo(nod).suspNod());
        assertEquals(Optional.empty(), IoFreeze.afterAttach(nod.withDisk(DiskState.CONSISTENT)));
        assertEquals(Optional.empty(), IoFreeze.afterAttach(nod.withSuspNod(false)));
    }

    @Test
    void resumeIoWithDiskAndPendingUuid() {
        State s = frozenPrimary().withSusp(true).withSuspNod(true);
        IoFreeze.ResumeIo r = IoFreeze.resumeIo(vol(0, s, true));
        assertEquals(IoFreeze.ResumeIo.UuidAction.NEW_CURRENT, r.uuid());
        assertFalse(r.next().suspended());
        assertTrue(r.clearTransferLog(), "disconnected: frozen requests complete as out-of-sync");
        assertFalse(r.failFrozenDiskIo());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DiskState.class, names = {"DISKLESS", "FAILED"})
    void resumeIoWithoutDisk(DiskState disk) {
        State s = frozenPrimary().withDisk(disk).withConn(ConnState.CONNECTED);
        IoFreeze.ResumeIo r = IoFreeze.resumeIo(vol(0, s, true));
        assertEquals(IoFreeze.ResumeIo.UuidAction.RANDOM_EFFECTIVE, r.uuid());
        assertFalse(r.clearTransferLog(), "connected: the transfer log stays");
        assertTrue(r.failFrozenDiskIo());
        assertEquals(IoFreeze.ResumeIo.UuidAction.NONE, IoFreeze.resumeIo(vol(0, s, false)).uuid());
    }

    @Test
    void suspendIoSetsOnlySusp() {
        State s = State.INITIAL.withRole(Role.PRIMARY);
        State t = IoFreeze.suspendIo(s);
        assertEquals(s.withSusp(true), t);
        assertFalse(t.suspNod());
        assertFalse(t.suspFen());
    }
}
