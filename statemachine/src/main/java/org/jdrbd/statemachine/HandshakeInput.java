package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * Everything {@link SyncHandshake#decide} looks at (fact sheet §3.4). Build with {@link #builder}.
 *
 * @param self our generation UUIDs
 * @param peer the peer's last P_UUIDS
 * @param agreedProtocol apv
 * @param agreedFeatures feature flags both sides support
 * @param localCrashedPrimary our CRASHED_PRIMARY flag
 * @param localRole our role
 * @param peerRole the peer's role from its P_STATE
 * @param resolveConflicts we hold RESOLVE_CONFLICTS
 * @param localDisk our disk state now
 * @param attachTimeDisk the disk state computed at attach; used instead of {@code localDisk} while
 *     that is Negotiating
 * @param peerReportedDisk the disk state in the peer's P_STATE (Negotiating is resolved with its
 *     UI_FLAGS bit 4)
 * @param afterSb0pri after-sb-0pri
 * @param afterSb1pri after-sb-1pri
 * @param afterSb2pri after-sb-2pri
 * @param rrConflict rr-conflict
 * @param alwaysAsbp always-asbp
 * @param discardMyData our one-shot discard-my-data flag
 * @param dryRun connect --dry-run here, or CF_DRY_RUN from the peer
 * @param bitmapBitsSelf our bitmap weight (our "number of changes")
 */
public record HandshakeInput(GenerationUuids self, PeerUuids peer, int agreedProtocol, int agreedFeatures,
        boolean localCrashedPrimary, Role localRole, Role peerRole, boolean resolveConflicts, DiskState localDisk,
        DiskState attachTimeDisk, DiskState peerReportedDisk, AfterSbPolicy afterSb0pri, AfterSbPolicy afterSb1pri,
        AfterSbPolicy afterSb2pri, AfterSbPolicy rrConflict, boolean alwaysAsbp, boolean discardMyData,
        boolean dryRun, long bitmapBitsSelf) {

    public HandshakeInput {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(localRole, "localRole");
        Objects.requireNonNull(peerRole, "peerRole");
        Objects.requireNonNull(localDisk, "localDisk");
        Objects.requireNonNull(peerReportedDisk, "peerReportedDisk");
        Objects.requireNonNull(afterSb0pri, "afterSb0pri");
        Objects.requireNonNull(afterSb1pri, "afterSb1pri");
        Objects.requireNonNull(afterSb2pri, "afterSb2pri");
        Objects.requireNonNull(rrConflict, "rrConflict");
        if (localDisk == DiskState.NEGOTIATING && attachTimeDisk == null) {
            throw new IllegalArgumentException("local disk is Negotiating but the attach-time disk is missing");
        }
        if (bitmapBitsSelf < 0) {
            throw new IllegalArgumentException("bitmap weight is negative: " + bitmapBitsSelf);
        }
    }

    /** Defaults: both Secondary and UpToDate, newest protocol with WSAME, every policy disconnect. */
    public static Builder builder(GenerationUuids self, PeerUuids peer) {
        return new Builder(self, peer);
    }

    /** Our disk as the handshake sees it: the attach-time value while Negotiating. */
    public DiskState myDisk() {
        return localDisk == DiskState.NEGOTIATING ? attachTimeDisk : localDisk;
    }

    /** The peer's disk as the handshake sees it: Negotiating reads as Inconsistent or Consistent. */
    public DiskState realPeerDisk() {
        return SyncHandshake.realPeerDisk(peerReportedDisk, peer.flags());
    }

    /** The compare rules' context. */
    public UuidCompare.Context compareContext() {
        return new UuidCompare.Context(agreedProtocol, agreedFeatures, localCrashedPrimary, localRole, peerRole,
                resolveConflicts);
    }

    /** The same input with another local role (after a demotion). */
    public HandshakeInput withLocalRole(Role role) {
        return new HandshakeInput(self, peer, agreedProtocol, agreedFeatures, localCrashedPrimary, role, peerRole,
                resolveConflicts, localDisk, attachTimeDisk, peerReportedDisk, afterSb0pri, afterSb1pri, afterSb2pri,
                rrConflict, alwaysAsbp, discardMyData, dryRun, bitmapBitsSelf);
    }

    /** Fluent construction for the many fields; every setter returns the builder. */
    public static final class Builder {
        private final GenerationUuids self;
        private final PeerUuids peer;
        private int agreedProtocol = UuidCompare.PRO_VERSION_MAX;
        private int agreedFeatures = UuidCompare.FF_WSAME;
        private boolean localCrashedPrimary;
        private Role localRole = Role.SECONDARY;
        private Role peerRole = Role.SECONDARY;
        private boolean resolveConflicts;
        private DiskState localDisk = DiskState.UP_TO_DATE;
        private DiskState attachTimeDisk;
        private DiskState peerReportedDisk = DiskState.UP_TO_DATE;
        private AfterSbPolicy afterSb0pri = AfterSbPolicy.DISCONNECT;
        private AfterSbPolicy afterSb1pri = AfterSbPolicy.DISCONNECT;
        private AfterSbPolicy afterSb2pri = AfterSbPolicy.DISCONNECT;
        private AfterSbPolicy rrConflict = AfterSbPolicy.DISCONNECT;
        private boolean alwaysAsbp;
        private boolean discardMyData;
        private boolean dryRun;
        private long bitmapBitsSelf;

        private Builder(GenerationUuids self, PeerUuids peer) {
            this.self = self;
            this.peer = peer;
        }

        public Builder agreedProtocol(int v) {
            agreedProtocol = v;
            return this;
        }

        public Builder agreedFeatures(int v) {
            agreedFeatures = v;
            return this;
        }

        public Builder localCrashedPrimary(boolean v) {
            localCrashedPrimary = v;
            return this;
        }

        public Builder roles(Role local, Role peerSide) {
            localRole = local;
            peerRole = peerSide;
            return this;
        }

        public Builder resolveConflicts(boolean v) {
            resolveConflicts = v;
            return this;
        }

        public Builder disks(DiskState local, DiskState peerReported) {
            localDisk = local;
            peerReportedDisk = peerReported;
            return this;
        }

        public Builder attachTimeDisk(DiskState v) {
            attachTimeDisk = v;
            return this;
        }

        public Builder afterSb(AfterSbPolicy p0, AfterSbPolicy p1, AfterSbPolicy p2) {
            afterSb0pri = p0;
            afterSb1pri = p1;
            afterSb2pri = p2;
            return this;
        }

        public Builder rrConflict(AfterSbPolicy v) {
            rrConflict = v;
            return this;
        }

        public Builder alwaysAsbp(boolean v) {
            alwaysAsbp = v;
            return this;
        }

        public Builder discardMyData(boolean v) {
            discardMyData = v;
            return this;
        }

        public Builder dryRun(boolean v) {
            dryRun = v;
            return this;
        }

        public Builder bitmapBitsSelf(long v) {
            bitmapBitsSelf = v;
            return this;
        }

        public HandshakeInput build() {
            return new HandshakeInput(self, peer, agreedProtocol, agreedFeatures, localCrashedPrimary, localRole,
                    peerRole, resolveConflicts, localDisk, attachTimeDisk, peerReportedDisk, afterSb0pri, afterSb1pri,
                    afterSb2pri, rrConflict, alwaysAsbp, discardMyData, dryRun, bitmapBitsSelf);
        }
    }
}
