package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/*
 * Scenario: the SyncTarget's scheduler is run over out-of-sync bitmaps (hand-made and seeded
 * random ones) with per-tick budgets; replies are simulated by clearing bits and calling done.
 * Expectation: requests cover only set bits, never twice while in flight, never cross the
 * aligned request size, never exceed the budget (a low rate is not overrun by one large
 * request), and repeated ticks
 * cover every set bit exactly once; the rate converts to blocks per 100 ms tick.
 * Why: the resync must move exactly the dirty blocks, at the configured rate.
 */
class ResyncSchedulerTest {

    @Test
    void mergesRunsWithinAlignedRequests() {
        BitSet bits = new BitSet();
        bits.set(2, 10);
        bits.set(14, 20);
        ResyncScheduler s = new ResyncScheduler(64, 8);
        List<ResyncScheduler.Range> r = s.next(b -> bits.get((int) b), 1000);
        assertThat(r).containsExactly(new ResyncScheduler.Range(2, 6), new ResyncScheduler.Range(8, 2),
                new ResyncScheduler.Range(14, 2), new ResyncScheduler.Range(16, 4));
        assertThat(s.inFlightBlocks()).isEqualTo(14);
        assertThat(s.next(b -> bits.get((int) b), 1000)).as("all in flight").isEmpty();
    }

    @Test
    void budgetFromRate() {
        assertThat(ResyncScheduler.budgetBlocks(102400)).isEqualTo(2560);
        assertThat(ResyncScheduler.budgetBlocks(1)).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void coversEveryDirtyBlockOnceWithinBudget(long seed) {
        Random rnd = new Random(seed);
        int total = 5000;
        BitSet dirty = new BitSet();
        for (int i = 0; i < total; i++) {
            if (rnd.nextInt(4) == 0) {
                dirty.set(i, Math.min(total, i + rnd.nextInt(40)));
            }
        }
        int expected = dirty.cardinality();
        BitSet requested = new BitSet();
        ResyncScheduler s = new ResyncScheduler(total, 16);
        long budget = 1 + rnd.nextInt(100);
        for (int tick = 0; tick < 10_000 && !dirty.isEmpty(); tick++) {
            List<ResyncScheduler.Range> got = s.next(b -> dirty.get((int) b), budget);
            long spent = 0;
            for (ResyncScheduler.Range r : got) {
                int from = (int) r.firstBit();
                int to = from + r.blocks();
                assertThat(r.blocks()).isBetween(1, 16);
                assertThat(from / 16).as("aligned").isEqualTo((to - 1) / 16);
                assertThat(dirty.get(from, to).cardinality()).isEqualTo(r.blocks());
                assertThat(requested.get(from, to).isEmpty()).as("requested twice").isTrue();
                requested.set(from, to);
                spent += r.blocks();
            }
            assertThat(spent).as("within the budget").isLessThanOrEqualTo(budget);
            for (ResyncScheduler.Range r : got) {
                dirty.clear((int) r.firstBit(), (int) (r.firstBit() + r.blocks()));
                s.done(r);
            }
        }
        assertThat(dirty.isEmpty()).isTrue();
        assertThat(requested.cardinality()).isEqualTo(expected);
    }
}
