package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;

/**
 * DRBD's {@code drbd_uuid_compare} (fact sheet §3.3): the rules in their exact order, first match
 * wins. Rules 51 and 71 only decide when their extra condition holds; otherwise evaluation goes on.
 * Every comparison masks bit 0 (the primary flag).
 */
public final class UuidCompare {

    /** The highest protocol this implementation speaks (PRO_VERSION_MAX). */
    public static final int PRO_VERSION_MAX = 101;

    /** Feature flag WSAME (DRBD_FF_WSAME); rule 41 needs it agreed. */
    public static final int FF_WSAME = 4;

    /** Split brain; automatic recovery may resolve it. */
    public static final int HG_SPLIT_BRAIN_AUTO = 100;

    /** Split brain; only always-asbp or discard-my-data resolve it. */
    public static final int HG_SPLIT_BRAIN_MANUAL = -100;

    /** Unrelated data. */
    public static final int HG_UNRELATED = -1000;

    /** Both sides need protocol 91 (the correction rules). */
    public static final int HG_NEEDS_PROTOCOL_91 = -1091;

    /** Both sides need PRO_VERSION_MAX and feature WSAME (rule 41): -0x10465 with max 101. */
    public static final int HG_NEEDS_WSAME = -(0x10000 | PRO_VERSION_MAX | (FF_WSAME << 8));

    /**
     * What the comparison needs besides the UUIDs.
     *
     * @param agreedProtocol apv of the connection
     * @param agreedFeatures feature flags both sides announced
     * @param localCrashedPrimary our CRASHED_PRIMARY meta-data flag
     * @param localRole our role
     * @param peerRole the peer's role from its P_STATE
     * @param resolveConflicts we hold RESOLVE_CONFLICTS (accepted the meta socket)
     */
    public record Context(int agreedProtocol, int agreedFeatures, boolean localCrashedPrimary, Role localRole,
            Role peerRole, boolean resolveConflicts) {

        /** Newest protocol, WSAME agreed, both Secondary, no crash flag, not the RC holder. */
        public static Context defaults() {
            return new Context(PRO_VERSION_MAX, FF_WSAME, false, Role.SECONDARY, Role.SECONDARY, false);
        }

        /** The same context seen from the peer (roles, crash flags and RC swapped). */
        public Context mirrored(boolean peerCrashedPrimary) {
            return new Context(agreedProtocol, agreedFeatures, peerCrashedPrimary, peerRole, localRole,
                    !resolveConflicts);
        }
    }

    private UuidCompare() {
    }

    /** Runs the rule chain. Pure: corrections are returned in the result, not applied elsewhere. */
    public static UuidComparison compare(GenerationUuids self, PeerUuids peer, Context context) {
        return new Evaluation(self, peer, context).run();
    }

    private static long m(long uuid) {
        return Uuids.masked(uuid);
    }

    /** One run of the chain; holds the (possibly corrected) UUIDs and the log while it runs. */
    private static final class Evaluation {
        private GenerationUuids self;
        private PeerUuids peer;
        private final Context ctx;
        private final List<LogLine> log = new ArrayList<>();

        Evaluation(GenerationUuids self, PeerUuids peer, Context ctx) {
            this.self = self;
            this.peer = peer;
            this.ctx = ctx;
        }

        private GenerationUuids p() {
            return peer.uuids();
        }

        private UuidComparison verdict(int hg, UuidRule rule) {
            return new UuidComparison(hg, rule, self, peer, log);
        }

        UuidComparison run() {
            long selfCurrent = m(self.current());
            long peerCurrent = m(p().current());
            long justCreated = Uuids.UUID_JUST_CREATED;
            if (selfCurrent == justCreated && peerCurrent == justCreated) {
                return verdict(0, UuidRule.JUST_CREATED_BOTH);
            }
            if ((selfCurrent == justCreated || selfCurrent == 0) && peerCurrent != justCreated) {
                return verdict(-2, UuidRule.JUST_CREATED_SELF);
            }
            if (selfCurrent != justCreated && (peerCurrent == justCreated || peerCurrent == 0)) {
                return verdict(2, UuidRule.JUST_CREATED_PEER);
            }
            if (selfCurrent == peerCurrent) {
                return currentsEqual();
            }
            return currentsDiffer(selfCurrent, peerCurrent);
        }

        /** Rules 34..41: same current UUID on both sides. */
        private UuidComparison currentsEqual() {
            long selfBitmap = m(self.bitmap());
            long peerBitmap = m(p().bitmap());
            if (peerBitmap == 0 && selfBitmap != 0) {
                return onlySelfHasBitmap(selfBitmap);
            }
            if (selfBitmap == 0 && peerBitmap != 0) {
                return onlyPeerHasBitmap(peerBitmap);
            }
            return crashArbitration();
        }

        /** Rules 34 / 36. */
        private UuidComparison onlySelfHasBitmap(long selfBitmap) {
            boolean missedFinish = selfBitmap == m(p().history1()) && m(self.history1()) == m(p().history2());
            UuidRule rule = missedFinish ? UuidRule.SOURCE_MISSED_FINISH : UuidRule.SOURCE_BITMAP_ONLY_SELF;
            if (ctx.agreedProtocol() < 91) {
                return verdict(HG_NEEDS_PROTOCOL_91, rule);
            }
            if (missedFinish) {
                self = self.clearBitmapUuid();
                log.add(LogLine.info("was SyncSource, missed the resync finished event, corrected myself: " + self));
            } else {
                log.add(LogLine.info("was SyncSource (peer failed to write sync_uuid)"));
            }
            return verdict(1, rule);
        }

        /** Rules 35 / 37. */
        private UuidComparison onlyPeerHasBitmap(long peerBitmap) {
            boolean peerMissedFinish = m(self.history1()) == peerBitmap && m(self.history2()) == m(p().history1());
            UuidRule rule = peerMissedFinish ? UuidRule.PEER_SOURCE_MISSED_FINISH : UuidRule.TARGET_BITMAP_ONLY_PEER;
            if (ctx.agreedProtocol() < 91) {
                return verdict(HG_NEEDS_PROTOCOL_91, rule);
            }
            if (peerMissedFinish) {
                peer = peer.withUuids(p().clearBitmapUuid());
                log.add(LogLine.info("was SyncTarget, peer missed the resync finished event, corrected peer: "
                        + p()));
            } else {
                log.add(LogLine.info("was SyncTarget (failed to write sync_uuid)"));
            }
            return verdict(-1, rule);
        }

        /** Rules 40 / 41: equal currents, no one-sided bitmap UUID. */
        private UuidComparison crashArbitration() {
            int rct = (ctx.localCrashedPrimary() ? 1 : 0) + (int) (peer.flags() & Uuids.FLAG_CRASHED_PRIMARY);
            if (rct == 0) {
                return verdict(0, UuidRule.RECONNECTED);
            }
            boolean localPrimary = ctx.localRole() == Role.PRIMARY;
            boolean peerPrimary = ctx.peerRole() == Role.PRIMARY;
            if (localPrimary || peerPrimary) {
                return primaryPresent(localPrimary, peerPrimary);
            }
            return switch (rct) {
                case 1 -> verdict(1, UuidRule.RECONNECTED);
                case 2 -> verdict(-1, UuidRule.RECONNECTED);
                case 3 -> verdict(ctx.resolveConflicts() ? -1 : 1, UuidRule.RECONNECTED);
                default -> throw new IllegalStateException("rct out of range: " + rct);
            };
        }

        /** Rule 41. */
        private UuidComparison primaryPresent(boolean localPrimary, boolean peerPrimary) {
            if ((ctx.agreedFeatures() & FF_WSAME) == 0) {
                log.add(LogLine.warn("Equivalent unrotated UUIDs, but current primary present."));
                return verdict(HG_NEEDS_WSAME, UuidRule.CRASHED_PRIMARY_WITH_PRIMARY);
            }
            if (localPrimary && peerPrimary) {
                log.add(LogLine.err("Equivalent unrotated UUIDs, but both are primary. Can not resolve this."));
                return verdict(HG_SPLIT_BRAIN_MANUAL, UuidRule.CRASHED_PRIMARY_WITH_PRIMARY);
            }
            return verdict(localPrimary ? 1 : -1, UuidRule.CRASHED_PRIMARY_WITH_PRIMARY);
        }

        /** Rules 50..100. */
        private UuidComparison currentsDiffer(long selfCurrent, long peerCurrent) {
            if (selfCurrent == m(p().bitmap())) {
                return verdict(-1, UuidRule.BITMAP_PEER);
            }
            if (selfCurrent == m(p().history1()) && peerLostSyncUuid()) {
                if (ctx.agreedProtocol() < 91) {
                    return verdict(HG_NEEDS_PROTOCOL_91, UuidRule.LOST_SYNC_UUID_PEER);
                }
                peer = peer.withUuids(p().withSlot(GenerationUuids.Slot.BITMAP, p().history1(), false).pullHistory());
                log.add(LogLine.info("Lost last syncUUID packet, corrected: " + p()));
                return verdict(-1, UuidRule.LOST_SYNC_UUID_PEER);
            }
            if (selfCurrent == m(p().history1()) || selfCurrent == m(p().history2())) {
                return verdict(-2, UuidRule.HISTORY_PEER);
            }
            if (m(self.bitmap()) == peerCurrent) {
                return verdict(1, UuidRule.BITMAP_SELF);
            }
            if (m(self.history1()) == peerCurrent && selfLostSyncUuid()) {
                if (ctx.agreedProtocol() < 91) {
                    return verdict(HG_NEEDS_PROTOCOL_91, UuidRule.LOST_SYNC_UUID_SELF);
                }
                self = self.withSlot(GenerationUuids.Slot.BITMAP, self.history1(), false).pullHistory();
                log.add(LogLine.info("Last syncUUID did not get through, corrected: " + self));
                return verdict(1, UuidRule.LOST_SYNC_UUID_SELF);
            }
            if (peerCurrent == m(self.history1()) || peerCurrent == m(self.history2())) {
                return verdict(2, UuidRule.HISTORY_SELF);
            }
            return splitBrainOrUnrelated();
        }

        /** Rule 51's extra condition: the peer started a resync as SyncSource but its P_SYNC_UUID never arrived. */
        private boolean peerLostSyncUuid() {
            if (ctx.agreedProtocol() < 96) {
                return m(self.history1()) == m(p().history2());
            }
            return m(p().history1()) + Uuids.UUID_NEW_BM_OFFSET == m(p().bitmap());
        }

        /** Rule 71's extra condition, mirrored. */
        private boolean selfLostSyncUuid() {
            if (ctx.agreedProtocol() < 96) {
                return m(self.history2()) == m(p().history1());
            }
            return m(self.history1()) + Uuids.UUID_NEW_BM_OFFSET == m(self.bitmap());
        }

        /**
         * Rules 90 / 100. As in DRBD 8.4, rule 100 has no zero test: two empty history slots count
         * as a common ancestor, so fresh but unrelated nodes read as split brain, not -1000.
         */
        private UuidComparison splitBrainOrUnrelated() {
            long selfBitmap = m(self.bitmap());
            if (selfBitmap == m(p().bitmap()) && selfBitmap != 0) {
                return verdict(HG_SPLIT_BRAIN_AUTO, UuidRule.SPLIT_BRAIN_BITMAP);
            }
            long[] mine = {m(self.history1()), m(self.history2())};
            long[] theirs = {m(p().history1()), m(p().history2())};
            for (long s : mine) {
                for (long t : theirs) {
                    if (s == t) {
                        return verdict(HG_SPLIT_BRAIN_MANUAL, UuidRule.SPLIT_BRAIN_HISTORY);
                    }
                }
            }
            return verdict(HG_UNRELATED, UuidRule.NONE);
        }
    }
}
