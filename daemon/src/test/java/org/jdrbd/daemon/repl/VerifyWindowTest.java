package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: seeded random runs of the VerifyS bookkeeping: blocks taken in random budgets,
 * results arriving in random order, sometimes a new (shorter or longer) stop while running.
 * Expectation: every block from start to the final stop is asked for exactly once; the
 * checkpoint never passes a block whose result is missing and only moves forward; left = total -
 * answered; done exactly when all are answered; a result for a block not asked for is refused.
 * Why: a resumed verify starts at the checkpoint, so a checkpoint past an unanswered block would
 * skip it for good.
 */
class VerifyWindowTest {

    static LongStream seeds() {
        return LongStream.range(1, 41);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void checkpointNeverPassesAnUnansweredBlock(long seed) {
        Random r = new Random(seed);
        long start = r.nextInt(50);
        long stop = start + r.nextInt(400);
        VerifyWindow w = new VerifyWindow(start, stop);
        List<Long> pending = new ArrayList<>();
        TreeSet<Long> answered = new TreeSet<>();
        List<Long> asked = new ArrayList<>();
        long lastCheckpoint = w.checkpointBit();
        boolean restopped = false;
        while (!w.done()) {
            if (!restopped && r.nextInt(20) == 0) {
                w.setStop(start + r.nextInt(500));
                restopped = true;
            }
            if (pending.isEmpty() || r.nextBoolean()) {
                List<Long> got = w.take(1 + r.nextInt(16));
                pending.addAll(got);
                asked.addAll(got);
            }
            if (!pending.isEmpty()) {
                long bit = pending.remove(r.nextInt(pending.size()));
                assertThat(w.resulted(bit)).isTrue();
                answered.add(bit);
            }
            long cp = w.checkpointBit();
            assertThat(cp).isGreaterThanOrEqualTo(lastCheckpoint);
            for (long b = start; b < cp; b++) {
                assertThat(answered).as("seed %d: block %d before checkpoint %d", seed, b, cp).contains(b);
            }
            assertThat(w.leftBits()).isEqualTo(w.totalBits() - answered.size());
            lastCheckpoint = cp;
        }
        assertThat(asked).doesNotHaveDuplicates().hasSize((int) w.totalBits());
        assertThat(answered).containsExactlyElementsOf(
                LongStream.range(start, w.stopBit()).boxed().toList());
        assertThat(w.checkpointBit()).isEqualTo(w.stopBit());
        assertThat(w.leftBits()).isZero();
    }

    @Test
    void refusesResultsNotAskedFor() {
        VerifyWindow w = new VerifyWindow(10, 20);
        assertThat(w.resulted(10)).isFalse();
        assertThat(w.take(3)).containsExactly(10L, 11L, 12L);
        assertThat(w.resulted(11)).isTrue();
        assertThat(w.resulted(11)).isFalse();
        assertThat(w.checkpointBit()).isEqualTo(10);
        w.setStop(5);
        assertThat(w.stopBit()).as("never before what was asked").isEqualTo(13);
        assertThat(w.done()).isFalse();
        w.resulted(10);
        w.resulted(12);
        assertThat(w.done()).isTrue();
    }
}
