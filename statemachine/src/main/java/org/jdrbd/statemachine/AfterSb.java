package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;

/**
 * After-split-brain automatic recovery (DRBD's {@code drbd_asb_recover_0p/1p/2p}, fact sheet
 * §4.2-4.4) as pure functions. Result +1: this node becomes SyncSource (the peer's data is
 * discarded); -1: this node becomes SyncTarget; -100: not resolved. Every path starts from
 * "not resolved" and names why it ended where it did.
 *
 * <p>call-pri-lost-after-sb may need this node to give up the Primary role, which a pure function
 * cannot do: the decision then has status {@link Status#DEMOTION_NEEDED}; the caller tries the
 * demotion and calls {@link Decision#afterDemotion}.
 */
public final class AfterSb {

    /** The "not resolved" result. */
    public static final int UNRESOLVED = -100;

    /** Whether a decision is final. */
    public enum Status {
        /** The result is final. */
        DECIDED,
        /** This Primary lost: the caller must try to demote it, then call {@link Decision#afterDemotion}. */
        DEMOTION_NEEDED
    }

    /**
     * What the recovery looks at.
     *
     * @param afterSb0pri policy with no Primary (also the inner decision of 1pri/2pri)
     * @param afterSb1pri policy with one Primary
     * @param afterSb2pri policy with two Primaries
     * @param selfBitmapUuid our bitmap UUID; bit 0 = we were Primary when our generation split off
     * @param peerBitmapUuid the peer's bitmap UUID from P_UUIDS
     * @param changesSelf our bitmap weight (blocks changed since the split)
     * @param changesPeer the peer's bitmap weight (UI_SIZE of its P_UUIDS)
     * @param resolveConflicts we hold RESOLVE_CONFLICTS (the tie-breaker)
     * @param localRole our role now
     */
    public record Inputs(AfterSbPolicy afterSb0pri, AfterSbPolicy afterSb1pri, AfterSbPolicy afterSb2pri,
            long selfBitmapUuid, long peerBitmapUuid, long changesSelf, long changesPeer,
            boolean resolveConflicts, Role localRole) {
    }

    /**
     * A recovery verdict.
     *
     * @param status final, or waiting for a demotion attempt
     * @param result +1 / -1 / -100 (while DEMOTION_NEEDED: -1, the outcome if the demotion works)
     * @param reason why, in one line
     * @param log what DRBD logs
     * @param handlers handlers to run (pri-lost-after-sb when a demotion failed)
     */
    public record Decision(Status status, int result, String reason, List<LogLine> log, List<HandlerName> handlers) {

        public Decision {
            log = List.copyOf(log);
            handlers = List.copyOf(handlers);
        }

        /** Whether the split brain is resolved (result +1 or -1 and final). */
        public boolean resolved() {
            return status == Status.DECIDED && result != UNRESOLVED;
        }

        /**
         * Finishes a DEMOTION_NEEDED decision: demoted means this node gave up Primary and becomes
         * SyncTarget (-1); otherwise the pri-lost-after-sb handler runs and the result is -100.
         */
        public Decision afterDemotion(boolean demoted) {
            if (status != Status.DEMOTION_NEEDED) {
                throw new IllegalStateException("no demotion was requested: " + this);
            }
            List<LogLine> lines = new ArrayList<>(log);
            if (demoted) {
                lines.add(LogLine.warn("Successfully gave up primary role."));
                return new Decision(Status.DECIDED, -1, reason + "; gave up the Primary role", lines, handlers);
            }
            lines.add(LogLine.err("could not give up the Primary role; calling pri-lost-after-sb"));
            List<HandlerName> hs = new ArrayList<>(handlers);
            hs.add(HandlerName.PRI_LOST_AFTER_SB);
            return new Decision(Status.DECIDED, UNRESOLVED, reason + "; demotion failed", lines, hs);
        }
    }

    private AfterSb() {
    }

    /** No node is Primary: after-sb-0pri decides. */
    public static Decision recover0p(Inputs in) {
        List<LogLine> log = new ArrayList<>();
        AfterSbPolicy p = in.afterSb0pri();
        return switch (p) {
            case CONSENSUS, DISCARD_SECONDARY, CALL_HELPER, VIOLENTLY ->
                    configurationError(AfterSbPolicy.Option.AFTER_SB_0PRI, p, log);
            case DISCONNECT -> decided(UNRESOLVED, "after-sb-0pri is disconnect", log);
            case DISCARD_YOUNGER_PRIMARY -> discardYoungerPrimary(in, log);
            case DISCARD_OLDER_PRIMARY -> discardOlderPrimary(in, log);
            case DISCARD_ZERO_CHANGES -> discardZeroChanges(in, log, false);
            case DISCARD_LEAST_CHANGES -> discardLeastChanges(in, log);
            case DISCARD_LOCAL -> decided(-1, "discard-local: this node's data is discarded", log);
            case DISCARD_REMOTE -> decided(1, "discard-remote: the peer's data is discarded", log);
        };
    }

    /** Exactly one node is Primary: after-sb-1pri decides. */
    public static Decision recover1p(Inputs in) {
        List<LogLine> log = new ArrayList<>();
        AfterSbPolicy p = in.afterSb1pri();
        boolean iAmPrimary = in.localRole() == Role.PRIMARY;
        return switch (p) {
            case DISCARD_YOUNGER_PRIMARY, DISCARD_OLDER_PRIMARY, DISCARD_LEAST_CHANGES, DISCARD_LOCAL,
                    DISCARD_REMOTE, DISCARD_ZERO_CHANGES ->
                    configurationError(AfterSbPolicy.Option.AFTER_SB_1PRI, p, log);
            case DISCONNECT -> decided(UNRESOLVED, "after-sb-1pri is disconnect", log);
            case CONSENSUS -> consensus(in, iAmPrimary);
            case VIOLENTLY -> wrap("violently-as0p", recover0p(in));
            case DISCARD_SECONDARY -> decided(iAmPrimary ? 1 : -1,
                    "discard-secondary: " + (iAmPrimary ? "the peer" : "this node") + " is Secondary", log);
            case CALL_HELPER -> callHelper(in, iAmPrimary);
        };
    }

    /** Both nodes are Primary: after-sb-2pri decides. */
    public static Decision recover2p(Inputs in) {
        List<LogLine> log = new ArrayList<>();
        AfterSbPolicy p = in.afterSb2pri();
        return switch (p) {
            case DISCARD_YOUNGER_PRIMARY, DISCARD_OLDER_PRIMARY, DISCARD_LEAST_CHANGES, DISCARD_LOCAL,
                    DISCARD_REMOTE, CONSENSUS, DISCARD_SECONDARY, DISCARD_ZERO_CHANGES ->
                    configurationError(AfterSbPolicy.Option.AFTER_SB_2PRI, p, log);
            case VIOLENTLY -> wrap("violently-as0p", recover0p(in));
            case DISCONNECT -> decided(UNRESOLVED, "after-sb-2pri is disconnect", log);
            case CALL_HELPER -> callHelper(in, true);
        };
    }

    /** Picks 0p/1p/2p by the number of Primaries (0, 1 or 2). */
    public static Decision recover(Inputs in, int primaryCount) {
        return switch (primaryCount) {
            case 0 -> recover0p(in);
            case 1 -> recover1p(in);
            case 2 -> recover2p(in);
            default -> throw new IllegalStateException("primary count must be 0..2, not " + primaryCount);
        };
    }

    private static Decision discardYoungerPrimary(Inputs in, List<LogLine> log) {
        boolean selfPri = Uuids.primaryBit(in.selfBitmapUuid());
        boolean peerPri = Uuids.primaryBit(in.peerBitmapUuid());
        if (!selfPri && peerPri) {
            return decided(-1, "discard-younger-primary: this node became Primary after the split", log);
        }
        if (selfPri && !peerPri) {
            return decided(1, "discard-younger-primary: the peer became Primary after the split", log);
        }
        return discardOlderPrimary(in, log);
    }

    private static Decision discardOlderPrimary(Inputs in, List<LogLine> log) {
        boolean selfPri = Uuids.primaryBit(in.selfBitmapUuid());
        boolean peerPri = Uuids.primaryBit(in.peerBitmapUuid());
        if (!selfPri && peerPri) {
            return decided(1, "discard-older-primary: the peer was Primary at the split", log);
        }
        if (selfPri && !peerPri) {
            return decided(-1, "discard-older-primary: this node was Primary at the split", log);
        }
        log.add(LogLine.warn("Discard younger/older primary did not find a decision; "
                + "using discard-least-changes instead"));
        return discardZeroChanges(in, log, true);
    }

    /** {@code fellThrough}: reached from younger/older-primary, so "both changed" goes on to least-changes. */
    private static Decision discardZeroChanges(Inputs in, List<LogLine> log, boolean fellThrough) {
        long self = in.changesSelf();
        long peer = in.changesPeer();
        if (self == 0 && peer == 0) {
            return decided(in.resolveConflicts() ? -1 : 1,
                    "discard-zero-changes: no changes on either node, RESOLVE_CONFLICTS breaks the tie", log);
        }
        if (peer == 0) {
            return decided(1, "discard-zero-changes: the peer changed nothing", log);
        }
        if (self == 0) {
            return decided(-1, "discard-zero-changes: this node changed nothing", log);
        }
        if (!fellThrough) {
            return decided(UNRESOLVED, "discard-zero-changes: both nodes changed data", log);
        }
        return discardLeastChanges(in, log);
    }

    private static Decision discardLeastChanges(Inputs in, List<LogLine> log) {
        long self = in.changesSelf();
        long peer = in.changesPeer();
        String counts = " (" + self + " here, " + peer + " on the peer)";
        if (self < peer) {
            return decided(-1, "discard-least-changes: fewer changes here" + counts, log);
        }
        if (self > peer) {
            return decided(1, "discard-least-changes: fewer changes on the peer" + counts, log);
        }
        return decided(in.resolveConflicts() ? -1 : 1,
                "discard-least-changes: equal changes" + counts + ", RESOLVE_CONFLICTS breaks the tie", log);
    }

    private static Decision consensus(Inputs in, boolean iAmPrimary) {
        Decision inner = recover0p(in);
        int hg = inner.result();
        boolean discardsSecondary = (hg == -1 && !iAmPrimary) || (hg == 1 && iAmPrimary);
        String reason = "consensus: after-sb-0pri says " + hg + " (" + inner.reason() + ")";
        if (discardsSecondary) {
            return new Decision(Status.DECIDED, hg, reason + ", which discards the Secondary", inner.log(), List.of());
        }
        return new Decision(Status.DECIDED, UNRESOLVED, reason + ", which does not discard the Secondary",
                inner.log(), List.of());
    }

    private static Decision callHelper(Inputs in, boolean iAmPrimary) {
        Decision inner = recover0p(in);
        String reason = "call-pri-lost-after-sb: after-sb-0pri says " + inner.result() + " (" + inner.reason() + ")";
        if (inner.result() == -1 && iAmPrimary) {
            return new Decision(Status.DEMOTION_NEEDED, -1, reason + ", this Primary loses", inner.log(), List.of());
        }
        return new Decision(Status.DECIDED, inner.result(), reason, inner.log(), List.of());
    }

    private static Decision wrap(String prefix, Decision inner) {
        return new Decision(inner.status(), inner.result(), prefix + ": " + inner.reason(), inner.log(),
                inner.handlers());
    }

    private static Decision configurationError(AfterSbPolicy.Option option, AfterSbPolicy p, List<LogLine> log) {
        String msg = "Configuration error: policy " + p.name().toLowerCase().replace('_', '-')
                + " is not valid for " + option.configName();
        log.add(LogLine.err(msg));
        return decided(UNRESOLVED, msg, log);
    }

    private static Decision decided(int result, String reason, List<LogLine> log) {
        return new Decision(Status.DECIDED, result, reason, log, List.of());
    }
}
