package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;

/** Gives the configured peer a bitmap slot in an attached volume's meta data (persisted). */
final class PeerSlots {
    private PeerSlots() {
    }

    static Future<AdminResult> assign(Volume v) {
        v.assertOwner();
        if (v.disk == null || v.resource.peerNodeId < 0) {
            return Future.succeededFuture(AdminResult.success());
        }
        var sb = UuidSlots.assignBitmapSlot(v.disk.superblock, v.resource.peerNodeId);
        if (UuidSlots.bitmapIndex(sb, v.resource.peerNodeId) < 0) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                    "no free bitmap slot for peer node-id " + v.resource.peerNodeId
                            + " (meta data has " + sb.maxPeers() + ")"));
        }
        v.setSuperblock(sb);
        return v.syncMetaData().map(x -> AdminResult.success());
    }
}
