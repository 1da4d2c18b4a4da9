package org.jdrbd.statemachine;

import static org.jdrbd.statemachine.FencingExitCodeTest.primaryDisconnected;
import static org.jdrbd.statemachine.FencingExitCodeTest.volume;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * Scenario: the steps of conn_try_outdate_peer before the handler runs (fact sheet §5.2 steps
 * 1-3) and the decision whether a lost connection needs fencing at all.
 * Expectation: refused while conn >= WFReportParams; the effective policy is the highest over
 * volumes with a disk >= Consistent; no such volume -> "not even Consistent" (failing pending
 * requests only when no other suspension holds them); dont-care -> success without a handler;
 * otherwise the handler runs tagged with the connection epoch.
 * Why: running fence-peer when it must not (or not running it) is how split brains happen.
 */
class FencingProcedureTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnState.class, names = {"WF_REPORT_PARAMS", "CONNECTED", "SYNC_SOURCE", "AHEAD"})
    void refusedWhileConnected(ConnState conn) {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE),
                FencingPolicy.RESOURCE_ONLY));
        FenceStart s = Fencing.begin(conn, 1, vols);
        assertEquals(new FenceStart.NotDisconnected(conn), s);
        assertFalse(((FenceStart.Done) s).peerFenced());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ConnState.class, names = {"STANDALONE", "UNCONNECTED", "TIMEOUT", "NETWORK_FAILURE",
        "WF_CONNECTION"})
    void runsHandlerWithEpochWhenDisconnected(ConnState conn) {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE),
                FencingPolicy.RESOURCE_AND_STONITH));
        FenceStart s = Fencing.begin(conn, 17, vols);
        FenceRun run = ((FenceStart.RunHandler) s).run();
        assertEquals(new FenceRun(FencingPolicy.RESOURCE_AND_STONITH, 17), run);
        assertEquals(HandlerName.FENCE_PEER, run.handler());
        assertEquals("fence-peer", run.handler().configName());
    }

    @Test
    void policyIsHighestOverConsistentVolumesOnly() {
        // Volume 1 asks for stonith but its disk is Inconsistent: it has nothing to protect.
        List<FenceVolume> vols = List.of(
                volume(0, primaryDisconnected(DiskState.CONSISTENT), FencingPolicy.RESOURCE_ONLY),
                volume(1, primaryDisconnected(DiskState.INCONSISTENT), FencingPolicy.RESOURCE_AND_STONITH),
                volume(2, primaryDisconnected(DiskState.UP_TO_DATE), FencingPolicy.DONT_CARE));
        assertEquals(FencingPolicy.RESOURCE_ONLY, Fencing.effectivePolicy(vols));
        assertEquals(new FenceStart.RunHandler(new FenceRun(FencingPolicy.RESOURCE_ONLY, 3)),
                Fencing.begin(ConnState.WF_CONNECTION, 3, vols));
    }

    @Test
    void dontCareSucceedsWithoutHandler() {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE), FencingPolicy.DONT_CARE));
        FenceStart s = Fencing.begin(ConnState.WF_CONNECTION, 1, vols);
        assertEquals(new FenceStart.NoHandlerNeeded(), s);
        assertTrue(((FenceStart.Done) s).peerFenced());
    }

    @Test
    void notConsistentFailsPendingRequestsUnlessAnotherSuspensionHoldsThem() {
        State incon = primaryDisconnected(DiskState.INCONSISTENT).withSuspFen(true);
        List<FenceVolume> onlyFen = List.of(volume(0, incon, FencingPolicy.RESOURCE_AND_STONITH));
        assertEquals(new FenceStart.NotConsistent(true), Fencing.begin(ConnState.WF_CONNECTION, 1, onlyFen));

        List<FenceVolume> alsoNod = List.of(volume(0, incon.withSuspNod(true), FencingPolicy.RESOURCE_AND_STONITH));
        assertEquals(new FenceStart.NotConsistent(false), Fencing.begin(ConnState.WF_CONNECTION, 1, alsoNod));

        List<FenceVolume> alsoAdmin = List.of(volume(0, incon.withSusp(true), FencingPolicy.RESOURCE_ONLY));
        FenceStart s = Fencing.begin(ConnState.WF_CONNECTION, 1, alsoAdmin);
        assertEquals(new FenceStart.NotConsistent(false), s);
        assertFalse(((FenceStart.Done) s).peerFenced());
        assertEquals("Not fencing peer, I'm not even Consistent myself.", FenceStart.NotConsistent.MESSAGE);
    }

    @Test
    void noVolumesMeansNotAvailable() {
        assertEquals(FencingPolicy.NOT_AVAILABLE, Fencing.effectivePolicy(List.of()));
    }

    @Test
    void fencingAfterConnectionLossNeedsPrimaryAndUnknownPeerDisk() {
        State secondary = primaryDisconnected(DiskState.UP_TO_DATE).withRole(Role.SECONDARY);
        State primary = primaryDisconnected(DiskState.UP_TO_DATE);
        FencingPolicy fp = FencingPolicy.RESOURCE_ONLY;

        assertTrue(Fencing.shouldFenceAfterConnectionLoss(List.of(volume(0, primary, fp))));
        assertTrue(Fencing.shouldFenceAfterConnectionLoss(List.of(volume(0, secondary, fp),
                volume(1, primary.withPdsk(DiskState.OUTDATED), fp), volume(2, secondary, fp))),
                "one Primary volume and one peer disk DUnknown anywhere suffice");
        assertFalse(Fencing.shouldFenceAfterConnectionLoss(List.of(volume(0, secondary, fp))));
        assertFalse(Fencing.shouldFenceAfterConnectionLoss(List.of(volume(0, primary.withPdsk(DiskState.OUTDATED), fp))));
        assertFalse(Fencing.shouldFenceAfterConnectionLoss(
                List.of(volume(0, primary.withPdsk(DiskState.INCONSISTENT), fp))));
        assertTrue(Fencing.shouldFenceAfterConnectionLoss(List.of(volume(0, primary.withPdsk(DiskState.UP_TO_DATE), fp))));
    }

    @Test
    void peerDownUsesHighestDiskOverAllVolumes() {
        FenceRun run = new FenceRun(FencingPolicy.RESOURCE_ONLY, 1);
        List<FenceVolume> mixed = List.of(
                volume(0, primaryDisconnected(DiskState.CONSISTENT), FencingPolicy.RESOURCE_ONLY),
                volume(1, primaryDisconnected(DiskState.UP_TO_DATE), FencingPolicy.RESOURCE_ONLY));
        assertEquals(FenceChange.peerDisk(DiskState.OUTDATED), Fencing.interpret(run, 5, mixed).change().orElseThrow());

        List<FenceVolume> noneUpToDate = List.of(
                volume(0, primaryDisconnected(DiskState.CONSISTENT), FencingPolicy.RESOURCE_ONLY),
                volume(1, primaryDisconnected(DiskState.OUTDATED), FencingPolicy.RESOURCE_ONLY));
        FenceVerdict v = Fencing.interpret(run, 5, noneUpToDate);
        assertTrue(v.change().isEmpty());
        assertTrue(v.log().stream().anyMatch(l -> l.level() == LogLine.Level.WARN
                && l.text().contains("doing nothing since disk != UpToDate")));
    }

    @Test
    void fenceChangeEncodesAsMaskVal() {
        State s = primaryDisconnected(DiskState.UP_TO_DATE);
        for (FenceChange c : List.of(FenceChange.peerDisk(DiskState.OUTDATED), FenceChange.ownDisk(DiskState.OUTDATED),
                FenceChange.peerDisk(DiskState.INCONSISTENT))) {
            assertEquals(c.applyTo(s), StateWord.applyMaskVal(s, c.mask(), c.val()).orElseThrow());
        }
    }

    @Test
    void fenceRunNeedsAPolicy() {
        assertThrows(IllegalArgumentException.class, () -> new FenceRun(FencingPolicy.DONT_CARE, 1));
        assertThrows(IllegalArgumentException.class, () -> new FenceRun(FencingPolicy.NOT_AVAILABLE, 1));
    }
}
