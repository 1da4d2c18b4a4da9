package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: a table of drbdsetup verify requests on a 1000-block device: with and without
 * --start and --stop, with no previous run, after an interrupted run (with and without its own
 * stop), after a run that reached its stop, and with values off the 4 KiB grid or past the end.
 * Expectation: the start rounded down to a block, the stop rounded up (a block is verified when
 * its first sector is before the stop), an explicit --start wins over any checkpoint, an
 * interrupted run resumes at its position and keeps its stop, a finished run resumes at its stop
 * and runs to the end, everything clamped to the device, and never a negative range.
 * Why: the drbdsetup manual's resume rules; a wrong start silently skips blocks that were never
 * verified.
 */
class VerifyPlanTest {
    private static final long BLOCKS = 1000;
    private static final long N = VerifyPlan.NOT_GIVEN;

    static Stream<Arguments> table() {
        VerifyPlan.Resume interrupted = new VerifyPlan.Resume(800, -1, false);
        VerifyPlan.Resume interruptedWithStop = new VerifyPlan.Resume(800, 1600, false);
        VerifyPlan.Resume reachedStop = new VerifyPlan.Resume(1600, 1600, true);
        return Stream.of(
                row("fresh: whole device", N, N, null, 0, 1000, -1),
                row("start rounded down", 13, N, null, 1, 1000, -1),
                row("stop rounded up", N, 17, null, 0, 3, 17),
                row("stop on a block edge", 8, 16, null, 1, 2, 16),
                row("start past the end", 9000, N, null, 1000, 1000, -1),
                row("stop past the end", N, 99999, null, 0, 1000, 99999),
                row("stop before start", 800, 80, null, 100, 100, 80),
                row("interrupted resumes at its position", N, N, interrupted, 100, 1000, -1),
                row("interrupted keeps its stop", N, N, interruptedWithStop, 100, 200, 1600),
                row("interrupted, new stop wins", N, 2400, interruptedWithStop, 100, 300, 2400),
                row("explicit start wins over the checkpoint", 0, N, interruptedWithStop, 0, 1000, -1),
                row("finished resumes at its stop to the end", N, N, reachedStop, 200, 1000, -1),
                row("finished, new stop", N, 2000, reachedStop, 200, 250, 2000));
    }

    private static Arguments row(String name, long start, long stop, VerifyPlan.Resume resume,
            long startBit, long stopBit, long stopSector) {
        return Arguments.of(name, start, stop, resume, startBit, stopBit, stopSector);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void planFollowsDrbdsetupsRules(String name, long start, long stop, VerifyPlan.Resume resume,
            long startBit, long stopBit, long stopSector) {
        VerifyPlan p = VerifyPlan.of(start, stop, resume, BLOCKS);
        assertThat(p).as(name).isEqualTo(new VerifyPlan(startBit, stopBit, stopSector));
        assertThat(p.blocks()).isEqualTo(stopBit - startBit).isNotNegative();
    }
}
