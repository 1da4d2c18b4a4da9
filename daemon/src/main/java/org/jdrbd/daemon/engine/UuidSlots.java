package org.jdrbd.daemon.engine;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;
import org.jdrbd.statemachine.GenerationUuids;

/**
 * Maps the v09 superblock's UUIDs onto the statemachine's {@link GenerationUuids}: the bitmap
 * UUID is the one of the configured peer's slot (0 without a peer), history is the 32 history
 * UUIDs.
 */
final class UuidSlots {
    private UuidSlots() {
    }

    static GenerationUuids of(Superblock sb, int peerNodeId) {
        long bitmap = peerNodeId < 0 ? 0 : sb.bitmapUuid(peerNodeId);
        return new GenerationUuids(sb.currentUuid(), bitmap, sb.history());
    }

    /** {@code sb} with {@code uuids} stored; the bitmap UUID only when a peer is configured. */
    static Superblock store(Superblock sb, GenerationUuids uuids, int peerNodeId) {
        List<PeerSlot> peers = new ArrayList<>(sb.peers());
        if (peerNodeId >= 0) {
            peers.set(peerNodeId, peers.get(peerNodeId).withBitmapUuid(uuids.bitmap()));
        }
        List<Long> history = new ArrayList<>(uuids.history());
        while (history.size() < sb.history().size()) {
            history.add(0L);
        }
        return sb.withUuids(uuids.current(), peers, history.subList(0, sb.history().size()));
    }

    /**
     * The bitmap slot of {@code peerNodeId}, assigning the lowest free one (and marking the node
     * as existing) when it has none yet; -1 when every slot is taken.
     */
    static Superblock assignBitmapSlot(Superblock sb, int peerNodeId) {
        PeerSlot slot = sb.peers().get(peerNodeId);
        if (slot.bitmapIndex() >= 0) {
            return sb;
        }
        boolean[] used = new boolean[sb.maxPeers()];
        for (PeerSlot p : sb.peers()) {
            if (p.bitmapIndex() >= 0 && p.bitmapIndex() < used.length) {
                used[p.bitmapIndex()] = true;
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                List<PeerSlot> peers = new ArrayList<>(sb.peers());
                peers.set(peerNodeId, new PeerSlot(slot.bitmapUuid(), slot.bitmapDagtag(),
                        slot.flags() | MdFlags.NODE_EXISTS, i));
                return sb.withPeers(peers);
            }
        }
        return sb;
    }

    /** Bitmap index of the peer, -1 when none is configured or assigned. */
    static int bitmapIndex(Superblock sb, int peerNodeId) {
        return peerNodeId < 0 ? -1 : sb.peers().get(peerNodeId).bitmapIndex();
    }
}
