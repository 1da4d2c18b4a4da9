package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: a Primary lost its peer and the fence-peer handler returned an exit code.
 * Expectation: codes 3..7 map to exactly the state changes of fact sheet §5.2 (5 only when this
 * node is UpToDate; 7 logs an error unless the policy is resource-and-stonith); every other code
 * and an exec failure mean "broken": no change, result false, IO stays frozen.
 * Why: this table is the contract between DRBD and cluster managers; a wrong row either loses
 * data (outdating a good peer) or blocks IO forever.
 */
class FencingExitCodeTest {

    private static final long EPOCH = 42;

    /** The expected change per code and own disk, written out from the fact sheet table. */
    private static Optional<FenceChange> expectedChange(int code, DiskState ownDisk) {
        switch (code) {
            case 3:
                return Optional.of(FenceChange.peerDisk(DiskState.INCONSISTENT));
            case 4:
            case 7:
                return Optional.of(FenceChange.peerDisk(DiskState.OUTDATED));
            case 5:
                return ownDisk == DiskState.UP_TO_DATE
                        ? Optional.of(FenceChange.peerDisk(DiskState.OUTDATED)) : Optional.empty();
            case 6:
                return Optional.of(FenceChange.ownDisk(DiskState.OUTDATED));
            default:
                throw new AssertionError("not an answer code: " + code);
        }
    }

    static Stream<Arguments> answerTable() {
        List<Arguments> rows = new ArrayList<>();
        for (int code = 3; code <= 7; code++) {
            for (DiskState disk : List.of(DiskState.UP_TO_DATE, DiskState.CONSISTENT)) {
                for (FencingPolicy fp : List.of(FencingPolicy.RESOURCE_ONLY, FencingPolicy.RESOURCE_AND_STONITH)) {
                    rows.add(Arguments.of(code, disk, fp));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "exit {0}, own disk {1}, {2}")
    @MethodSource("answerTable")
    void answerCodesMapToTheirStateChange(int code, DiskState ownDisk, FencingPolicy fp) {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(ownDisk), fp));
        FenceRun run = new FenceRun(fp, EPOCH);

        FenceVerdict v = Fencing.interpret(run, code, vols);

        assertFalse(v.broken());
        assertEquals(code, v.exitCode());
        assertEquals(code, v.answer().exitCode());
        assertEquals(expectedChange(code, ownDisk), v.change());
        boolean errorLogged = v.log().stream().anyMatch(l -> l.level() == LogLine.Level.ERR);
        assertEquals(code == 7 && fp != FencingPolicy.RESOURCE_AND_STONITH, errorLogged, v.log().toString());
        assertTrue(v.log().stream().anyMatch(l -> l.text().startsWith("fence-peer helper returned " + code)));

        FenceApply apply = Fencing.applyIfCurrent(run, v, ConnState.WF_CONNECTION, false, EPOCH);
        List<FenceVolume> after = vols;
        if (expectedChange(code, ownDisk).isPresent()) {
            FenceApply.Apply a = (FenceApply.Apply) apply;
            after = List.of(vols.get(0).withState(a.change().applyTo(vols.get(0).state())));
        } else {
            assertEquals(new FenceApply.NothingToApply(), apply);
        }
        // The procedure succeeds exactly when the peer's disk ended at Outdated or below.
        boolean expectFenced = code == 3 || code == 4 || code == 7 || (code == 5 && ownDisk == DiskState.UP_TO_DATE);
        assertEquals(expectFenced, Fencing.peerFenced(v, after));
    }

    @ParameterizedTest(name = "exit {0} is broken")
    @ValueSource(ints = {0, 1, 2, 8, 9, 100, 255, -1, 256})
    void otherCodesMeanBrokenAndChangeNothing(int code) {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE).withSuspFen(true),
                FencingPolicy.RESOURCE_AND_STONITH));
        FenceRun run = new FenceRun(FencingPolicy.RESOURCE_AND_STONITH, EPOCH);

        FenceVerdict v = Fencing.interpret(run, code, vols);

        assertBroken(v, code);
        assertEquals(new FenceApply.NothingToApply(),
                Fencing.applyIfCurrent(run, v, ConnState.WF_CONNECTION, false, EPOCH));
        // Even a peer disk that happens to be Outdated does not make a broken handler a success.
        List<FenceVolume> outdated = List.of(vols.get(0).withState(vols.get(0).state().withPdsk(DiskState.OUTDATED)));
        assertFalse(Fencing.peerFenced(v, outdated));
        assertTrue(IoFreeze.afterFencing(vols).isEmpty(), "IO must stay frozen");
    }

    @ParameterizedTest(name = "exec failure under {0}")
    @ValueSource(strings = {"RESOURCE_ONLY", "RESOURCE_AND_STONITH"})
    void execFailureCountsAsExitZero(FencingPolicy fp) {
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE), fp));
        FenceVerdict v = Fencing.interpretExecFailure(new FenceRun(fp, EPOCH), vols);
        assertBroken(v, 0);
    }

    @ParameterizedTest(name = "exit {0}: {1}")
    @MethodSource("staleness")
    void staleAnswersAreIgnored(int code, ConnState connNow, boolean stateSent, long epochNow,
            FenceApply expected) {
        FenceRun run = new FenceRun(FencingPolicy.RESOURCE_ONLY, EPOCH);
        List<FenceVolume> vols = List.of(volume(0, primaryDisconnected(DiskState.UP_TO_DATE), FencingPolicy.RESOURCE_ONLY));
        FenceVerdict v = Fencing.interpret(run, code, vols);
        assertEquals(expected, Fencing.applyIfCurrent(run, v, connNow, stateSent, epochNow));
    }

    static Stream<Arguments> staleness() {
        FenceApply outdate = new FenceApply.Apply(FenceChange.peerDisk(DiskState.OUTDATED));
        List<Arguments> rows = new ArrayList<>();
        for (int code : new int[] {3, 4, 6, 7}) {
            rows.add(Arguments.of(code, ConnState.WF_REPORT_PARAMS, false, EPOCH,
                    new FenceApply.Ignored(FenceApply.Reason.RECONNECTED)));
            rows.add(Arguments.of(code, ConnState.CONNECTED, false, EPOCH + 1,
                    new FenceApply.Ignored(FenceApply.Reason.RECONNECTED)));
            rows.add(Arguments.of(code, ConnState.WF_CONNECTION, true, EPOCH,
                    new FenceApply.Ignored(FenceApply.Reason.STATE_SENT)));
            rows.add(Arguments.of(code, ConnState.UNCONNECTED, false, EPOCH + 1,
                    new FenceApply.Ignored(FenceApply.Reason.EPOCH_CHANGED)));
        }
        rows.add(Arguments.of(4, ConnState.NETWORK_FAILURE, false, EPOCH, outdate));
        rows.add(Arguments.of(4, ConnState.WF_CONNECTION, false, EPOCH, outdate));
        rows.add(Arguments.of(6, ConnState.UNCONNECTED, false, EPOCH,
                new FenceApply.Apply(FenceChange.ownDisk(DiskState.OUTDATED))));
        return rows.stream();
    }

    private static void assertBroken(FenceVerdict v, int code) {
        assertTrue(v.broken());
        assertEquals(FenceExitCode.BROKEN, v.answer());
        assertEquals(Optional.empty(), v.change());
        assertEquals(List.of(LogLine.err("fence-peer helper broken, returned " + code)), v.log());
    }

    static State primaryDisconnected(DiskState disk) {
        return State.INITIAL.withRole(Role.PRIMARY).withConn(ConnState.WF_CONNECTION)
                .withDisk(disk).withPdsk(DiskState.UNKNOWN);
    }

    static FenceVolume volume(int nr, State s, FencingPolicy fp) {
        return new FenceVolume(nr, s, fp, false);
    }
}
