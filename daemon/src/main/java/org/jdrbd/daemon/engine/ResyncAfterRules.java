package org.jdrbd.daemon.engine;

import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.State;

/**
 * The resync-after rules (fact sheet §9.5), pure: whether a minor may resync now given the
 * dependency chain, and whether a new dependency is acceptable. The maps are passed in as
 * functions so the engine can answer from its snapshot and tests from a table.
 */
final class ResyncAfterRules {
    /** No dependency. */
    static final int NONE = -1;
    /** DRBD's highest minor number (MINORMASK). */
    static final int MAX_MINOR = (1 << 20) - 1;

    private ResyncAfterRules() {
    }

    /**
     * DRBD's may-sync-now: following the chain from {@code minor}, no dependency may be in the
     * range SyncSource..PausedSyncT (which holds VerifyS/T too) or carry an isp flag. The chain
     * ends at a minor without a dependency, or one that is unknown or diskless.
     *
     * @param afterOf the resync-after minor of a minor, {@link #NONE} when none
     * @param stateOf the state of a minor, null when the minor is not configured
     */
    static boolean maySyncNow(int minor, IntUnaryOperator afterOf, IntFunction<State> stateOf) {
        int current = minor;
        // A chain is never longer than the number of minors; the bound guards a cycle that
        // slipped in (the configuration check refuses them).
        for (int hops = 0; hops <= MAX_MINOR; hops++) {
            State here = stateOf.apply(current);
            if (here == null || here.disk() == DiskState.DISKLESS) {
                return true;
            }
            int next = afterOf.applyAsInt(current);
            if (next == NONE) {
                return true;
            }
            State dep = stateOf.apply(next);
            if (dep == null) {
                return true;
            }
            if (syncingOrPaused(dep)) {
                return false;
            }
            current = next;
        }
        return true;
    }

    /** Whether {@code s} keeps its dependents waiting. */
    static boolean syncingOrPaused(State s) {
        return s.conn().ge(ConnState.SYNC_SOURCE) && s.conn().le(ConnState.PAUSED_SYNC_T) || s.anyIsp();
    }

    /**
     * DRBD's resync-after check for setting {@code minor}'s dependency to {@code after}: null when
     * acceptable, else ERR_RESYNC_AFTER (out of range) or ERR_RESYNC_AFTER_CYCLE. Unknown and
     * diskless minors may be depended on; they end the chain.
     *
     * @param hasDisk whether a minor is configured with a disk
     */
    static ErrCode check(int minor, long after, IntUnaryOperator afterOf, IntPredicate hasDisk) {
        if (after == NONE) {
            return null;
        }
        if (after < NONE || after > MAX_MINOR) {
            return ErrCode.ERR_RESYNC_AFTER;
        }
        int current = (int) after;
        for (int hops = 0; hops <= MAX_MINOR; hops++) {
            if (current == minor) {
                return ErrCode.ERR_RESYNC_AFTER_CYCLE;
            }
            if (!hasDisk.test(current)) {
                return null;
            }
            int next = afterOf.applyAsInt(current);
            if (next == NONE) {
                return null;
            }
            current = next;
        }
        return ErrCode.ERR_RESYNC_AFTER_CYCLE;
    }

    /** Parses the option's text ("-1", "3"); null when it is not a number. */
    static Long parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
