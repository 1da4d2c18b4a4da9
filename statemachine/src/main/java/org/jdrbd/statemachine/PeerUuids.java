package org.jdrbd.statemachine;

/**
 * What a P_UUIDS packet tells about the peer (fact sheet §3.1): its four UUIDs, the number of
 * bits set in its bitmap when it sent them (UI_SIZE) and the UI_FLAGS word.
 *
 * @param uuids the peer's current, bitmap and history UUIDs as received
 * @param bitmapBits the peer's bitmap weight at send time ("number of changes" for after-sb)
 * @param flags UI_FLAGS: {@link Uuids#FLAG_DISCARD_MY_DATA}, {@link Uuids#FLAG_CRASHED_PRIMARY},
 *     {@link Uuids#FLAG_INCONSISTENT}, {@link Uuids#FLAG_SKIP_INITIAL_SYNC}
 */
public record PeerUuids(GenerationUuids uuids, long bitmapBits, long flags) {

    public PeerUuids {
        if (uuids == null) {
            throw new IllegalArgumentException("peer UUIDs missing");
        }
        if (bitmapBits < 0) {
            throw new IllegalArgumentException("peer bitmap weight is negative: " + bitmapBits);
        }
    }

    /** Peer UUIDs with no bitmap bits and no flags. */
    public static PeerUuids of(GenerationUuids uuids) {
        return new PeerUuids(uuids, 0, 0);
    }

    /** The peer has discard-my-data set (flag 1). */
    public boolean discardMyData() {
        return (flags & Uuids.FLAG_DISCARD_MY_DATA) != 0;
    }

    /** The peer crashed while Primary (flag 2). */
    public boolean crashedPrimary() {
        return (flags & Uuids.FLAG_CRASHED_PRIMARY) != 0;
    }

    /** The peer's attach-time disk is Inconsistent (flag 4). */
    public boolean inconsistent() {
        return (flags & Uuids.FLAG_INCONSISTENT) != 0;
    }

    /** The peer asks to skip the initial sync (flag 8). */
    public boolean skipInitialSync() {
        return (flags & Uuids.FLAG_SKIP_INITIAL_SYNC) != 0;
    }

    /** The same packet with other UUIDs (used for our corrected copy of the peer's UUIDs). */
    public PeerUuids withUuids(GenerationUuids corrected) {
        return new PeerUuids(corrected, bitmapBits, flags);
    }
}
