package org.jdrbd.statemachine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * Scenario: two simulated DRBD nodes run the real state machine (pipeline, two-phase changes,
 * UUID lifecycle, sync handshake, after-sb, fencing, timers) under a random workload with
 * partitions, lost packets, crashes and restarts, all drawn from a seed.
 * Expectation: the six invariants of SimInvariants hold after every step of every seed; a seed
 * replays to the same trace; and each checker does fire on a deliberately broken node.
 * Why: the pieces are each tested alone; only running them together shows that their contracts
 * fit (STYLE.md rule 10). -Dsim.seed=N replays one seed, -Dsim.steps=N sets the steps per seed;
 * -Dsim.seeds=N and -Dsim.firstSeed=N explore more seeds than CI runs.
 */
class TwoNodeSimulatorTest {

    private static final int SEEDS = 100;
    private static final long STEPS_PER_SEED = 5_000;

    @Test
    void invariantsHoldForManySeeds() {
        long steps = Long.getLong("sim.steps", STEPS_PER_SEED);
        int seeds = Integer.getInteger("sim.seeds", SEEDS);
        long firstSeed = Long.getLong("sim.firstSeed", 1_000);
        String only = System.getProperty("sim.seed");
        Map<String, Long> totals = new TreeMap<>();
        long totalSteps = 0;
        long startNanos = System.nanoTime();
        for (int i = 0; i < seeds; i++) {
            long seed = only != null ? Long.parseLong(only) : firstSeed + i;
            SimResult r = Simulator.run(SimConfig.fromSeed(seed, SimConfig.Mutation.NONE), steps);
            totalSteps += r.steps();
            r.stats().forEach((k, v) -> totals.merge(k, v, Long::sum));
            if (only != null) {
                break;
            }
        }
        System.out.printf("simulator: %d steps in %d ms; %s%n", totalSteps,
                (System.nanoTime() - startNanos) / 1_000_000, totals);
        if (only == null) {
            assertThat(totalSteps).isGreaterThanOrEqualTo(100_000);
            // The run is only worth something if it reached the interesting situations.
            assertThat(totals.getOrDefault("handshakes with split-brain handling", 0L)).isPositive();
            assertThat(totals.getOrDefault("handshake DISCONNECT_SPLIT_BRAIN", 0L)).isPositive();
            assertThat(totals.getOrDefault("resyncs finished", 0L)).isGreaterThan(50);
            assertThat(totals.getOrDefault("promotions while disconnected", 0L)).isGreaterThan(20);
            assertThat(totals.getOrDefault("settled steps checked", 0L)).isGreaterThan(10_000);
            assertThat(totals.getOrDefault("acked writes discarded by split-brain resolution", 0L)).isPositive();
        }
    }

    @Test
    void sameSeedSameTrace() {
        SimConfig config = SimConfig.fromSeed(4242, SimConfig.Mutation.NONE);
        SimResult first = Simulator.run(config, 3_000);
        SimResult second = Simulator.run(config, 3_000);
        SimResult other = Simulator.run(SimConfig.fromSeed(4243, SimConfig.Mutation.NONE), 3_000);
        assertThat(second.traceHash()).isEqualTo(first.traceHash());
        assertThat(second.stats()).isEqualTo(first.stats());
        assertThat(other.traceHash()).isNotEqualTo(first.traceHash());
    }

    /** Each mutant must be caught by the invariant that guards against it, on some seed. */
    @ParameterizedTest
    @EnumSource(value = SimConfig.Mutation.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void checkersCatchBrokenNodes(SimConfig.Mutation mutation) {
        int expected = switch (mutation) {
            case SKIP_PROMOTE_NEW_UUID -> 2;
            case SILENT_SYNC -> 3;
            case DROP_OLD_CURRENT -> 4;
            case IGNORE_TWO_PRIMARIES_RULE -> 1;
            case FORGET_RESYNC_BLOCK -> 5;
            case NONE -> throw new IllegalStateException();
        };
        // A mutant may trip another checker first on some seeds; the one that guards against it must
        // fire on some seed, with a message that says how to replay.
        Map<Integer, Long> caughtBy = new TreeMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            try {
                Simulator.run(SimConfig.fromSeed(seed, mutation), 4_000);
            } catch (SimViolation v) {
                caughtBy.merge(v.invariant(), 1L, Long::sum);
                if (v.invariant() == expected) {
                    assertThat(v.getMessage()).contains("replay with -Dsim.seed=" + seed);
                    return;
                }
            }
        }
        fail("invariant " + expected + " never caught mutation " + mutation + "; caught by " + caughtBy);
    }
}
