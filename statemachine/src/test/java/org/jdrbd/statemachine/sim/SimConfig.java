package org.jdrbd.statemachine.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.jdrbd.statemachine.AfterSbPolicy;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.TimerConfig;

/**
 * One simulated resource's configuration, drawn from the seed so that a seed names the whole run.
 * Both nodes share the options; after-sb-0pri discard-local/-remote is mirrored for the second node
 * ({@link AfterSbPolicy#peerView}), as drbdadm does when it writes one config for both hosts.
 *
 * @param seed the run's seed
 * @param allowTwoPrimaries net option allow-two-primaries
 * @param fencing disk option fencing (same on both nodes)
 * @param afterSb0pri after-sb-0pri of node 0 (node 1 gets its peer view)
 * @param afterSb1pri after-sb-1pri
 * @param afterSb2pri after-sb-2pri
 * @param rrConflict rr-conflict
 * @param timers net timer options (short, so dead links are found within a few ticks)
 * @param mutation a deliberate fault for the checker tests; {@link Mutation#NONE} in real runs
 */
public record SimConfig(long seed, boolean allowTwoPrimaries, FencingPolicy fencing,
        AfterSbPolicy afterSb0pri, AfterSbPolicy afterSb1pri, AfterSbPolicy afterSb2pri,
        AfterSbPolicy rrConflict, TimerConfig timers, Mutation mutation) {

    /** Blocks on each simulated disk. */
    public static final int BLOCKS = 24;

    /** A deliberately broken node, used only to prove the invariant checkers can fail. */
    public enum Mutation {
        /** The real logic, unchanged. */
        NONE,
        /** Promotion never creates a new current UUID (only sets the primary bit). */
        SKIP_PROMOTE_NEW_UUID,
        /** The handshake ignores SyncHandshake: equal currents mean no sync, else the RC holder syncs. */
        SILENT_SYNC,
        /** A new current UUID overwrites the old one instead of moving it to the bitmap slot. */
        DROP_OLD_CURRENT,
        /** The SyncSource forgets block 0: it never sends it, yet the resync finishes. */
        FORGET_RESYNC_BLOCK,
        /** Both nodes validate as if allow-two-primaries were set, though the resource forbids it. */
        IGNORE_TWO_PRIMARIES_RULE
    }

    /** The configuration a seed stands for. */
    public static SimConfig fromSeed(long seed, Mutation mutation) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        boolean two = r.nextInt(100) < 15;
        FencingPolicy[] fp = {FencingPolicy.DONT_CARE, FencingPolicy.RESOURCE_ONLY,
            FencingPolicy.RESOURCE_AND_STONITH};
        return new SimConfig(seed, two, fp[r.nextInt(fp.length)],
                pick(r, AfterSbPolicy.Option.AFTER_SB_0PRI), pick(r, AfterSbPolicy.Option.AFTER_SB_1PRI),
                pick(r, AfterSbPolicy.Option.AFTER_SB_2PRI), pick(r, AfterSbPolicy.Option.RR_CONFLICT),
                new TimerConfig(1, 10, 20, 7, 1), mutation);
    }

    /** after-sb-0pri as node {@code id} sees it (node 1 holds the mirrored word). */
    public AfterSbPolicy afterSb0priOf(int id) {
        return id == 0 ? afterSb0pri : afterSb0pri.peerView();
    }

    private static AfterSbPolicy pick(SplittableRandom r, AfterSbPolicy.Option option) {
        List<AfterSbPolicy> allowed = new ArrayList<>(AfterSbPolicy.allowed(option));
        // Half of all runs use the default, the safe and most common configuration.
        if (r.nextBoolean()) {
            return AfterSbPolicy.DISCONNECT;
        }
        return allowed.get(r.nextInt(allowed.size()));
    }

    @Override
    public String toString() {
        return "seed=" + seed + " allow-two-primaries=" + allowTwoPrimaries + " fencing=" + fencing.configName()
                + " after-sb-0pri=" + afterSb0pri + " 1pri=" + afterSb1pri + " 2pri=" + afterSb2pri
                + " rr-conflict=" + rrConflict + (mutation == Mutation.NONE ? "" : " MUTATION=" + mutation);
    }
}
