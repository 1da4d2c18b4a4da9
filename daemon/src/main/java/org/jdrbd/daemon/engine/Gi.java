package org.jdrbd.daemon.engine;

import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.GenerationInfo;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;

/** {@code get-gi} from the in-core superblock of an attached volume. */
final class Gi {
    private Gi() {
    }

    static GenerationInfo of(Resource r, int peerNodeId, int volume) {
        r.assertOwner();
        Volume v = r.volumes.get(Math.max(0, volume));
        if (v == null) {
            return GenerationInfo.none(AdminResult.failed(AdminError.ERR_MINOR_INVALID, ""));
        }
        if (v.disk == null) {
            return GenerationInfo.none(AdminResult.failed(AdminError.ERR_NO_DISK, ""));
        }
        Superblock sb = v.disk.superblock;
        int peer = peerNodeId >= 0 ? peerNodeId : r.peerNodeId;
        PeerSlot slot = peer >= 0 && peer < sb.peers().size() ? sb.peers().get(peer) : PeerSlot.EMPTY;
        return new GenerationInfo(AdminResult.success(), sb.currentUuid(), slot.bitmapUuid(),
                sb.history().get(0), sb.history().get(1), sb.flags(), slot.flags(), sb.laSizeSect(),
                sb.laPeerMaxBioSize());
    }
}
