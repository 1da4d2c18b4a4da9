package org.jdrbd.systest.soak;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The soak's fault schedule, drawn up front from the seed alone (so a printed seed replays the
 * same sequence of faults with the same parameters, whatever the timing of a run).
 */
final class SoakPlan {
    /** The kinds of fault a step injects. */
    enum Kind {
        /** kill -9 of the Secondary while the Primary writes; restart, reconnect, resync. */
        KILL_SECONDARY,
        /** kill -9 of the Primary mid-batch; promote the survivor, verify, restart the old one. */
        KILL_PRIMARY,
        /** kill -9 of the Secondary while it resyncs as SyncTarget after a partition; restart. */
        KILL_SYNC_TARGET,
        /** Both directions cut (new connections refused) for a while, the Primary writing. */
        PARTITION,
        /** One direction cut (asymmetric partition) for a while, the Primary writing. */
        PARTITION_ONE_WAY,
        /** Random per-chunk latency on the replication link while the Primary writes. */
        DELAY,
        /** Primary switch through the OCF agent: demote the Primary, promote the Secondary. */
        SWITCH_PRIMARY,
        /** An online verify run, which must find nothing out of sync. */
        VERIFY
    }

    /**
     * One step.
     *
     * @param number 1-based step number
     * @param kind the fault
     * @param holdMs how long a partition or delay is held (a fault duration, not a wait)
     * @param killAfterKiB how much of the cut batch the Primary must have written before a kill
     * @param delayMaxMs upper bound of the per-chunk latency of a DELAY step
     * @param batchKiB size of the batch written during (or after) the fault
     * @param viaAgent whether a failover promotion goes through the OCF agent (else drbdsetup)
     * @param onSecondary whether a VERIFY starts on the Secondary (else on the Primary);
     *     for PARTITION_ONE_WAY whether the Primary's outgoing direction is cut (else incoming)
     */
    record Step(int number, Kind kind, int holdMs, int killAfterKiB, int delayMaxMs, int batchKiB,
            boolean viaAgent, boolean onSecondary) {
        @Override
        public String toString() {
            String p = switch (kind) {
                case KILL_SECONDARY -> "batch " + batchKiB + " KiB";
                case KILL_PRIMARY -> "kill after " + killAfterKiB + " KiB, promote via "
                        + (viaAgent ? "OCF agent" : "drbdsetup");
                case KILL_SYNC_TARGET -> "partition, 1 MiB batch, heal, kill the SyncTarget";
                case PARTITION -> "hold " + holdMs + " ms, batch " + batchKiB + " KiB";
                case PARTITION_ONE_WAY -> "hold " + holdMs + " ms, cut Primary's "
                        + (onSecondary ? "outgoing" : "incoming") + ", batch " + batchKiB + " KiB";
                case DELAY -> "1.." + delayMaxMs + " ms per chunk for a batch of " + batchKiB + " KiB";
                case SWITCH_PRIMARY -> "OCF demote + promote";
                case VERIFY -> "started on the " + (onSecondary ? "Secondary" : "Primary");
            };
            return "step " + number + " " + kind + " (" + p + ")";
        }
    }

    private SoakPlan() {
    }

    /** {@code count} steps from {@code seed}, drawn only from {@code kinds}. */
    static List<Step> draw(long seed, int count, Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no fault kinds left to draw from");
        }
        List<Kind> palette = new ArrayList<>(EnumSet.copyOf(kinds));
        Random r = new Random(seed);
        List<Step> steps = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Kind k = palette.get(r.nextInt(palette.size()));
            steps.add(new Step(i, k, 200 + r.nextInt(1300), 16 + 4 * r.nextInt(96), 2 + r.nextInt(30),
                    64 + 64 * r.nextInt(4), r.nextBoolean(), r.nextBoolean()));
        }
        return steps;
    }

    /** The kinds left after {@code excluded} (comma-separated names, e.g. "DELAY,VERIFY"). */
    static Set<Kind> kindsWithout(String excluded) {
        Set<Kind> kinds = EnumSet.allOf(Kind.class);
        if (excluded != null && !excluded.isBlank()) {
            for (String name : excluded.split(",")) {
                kinds.remove(Kind.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return kinds;
    }
}
