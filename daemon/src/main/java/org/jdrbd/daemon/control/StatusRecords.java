package org.jdrbd.daemon.control;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.statemachine.Drbd9View;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;

/**
 * The daemon's status as events2 objects (reference §2.7 field sets): resource, its configured
 * connection, devices, peer devices. Single node: the connection is always StandAlone and the
 * peer's disk DUnknown.
 */
final class StatusRecords {
    private StatusRecords() {
    }

    static List<ObjectRecord> of(ResourceStatus r) {
        List<ObjectRecord> out = new ArrayList<>();
        out.add(resource(r));
        if (r.peerNodeId() >= 0) {
            out.add(connection(r));
        }
        for (VolumeStatus v : r.volumes()) {
            out.add(device(r.name(), v));
        }
        if (r.peerNodeId() >= 0) {
            for (VolumeStatus v : r.volumes()) {
                out.add(peerDevice(r, v));
            }
        }
        return out;
    }

    static ObjectRecord resource(ResourceStatus r) {
        boolean primary = r.volumes().stream().anyMatch(v -> v.state().role() == Role.PRIMARY);
        boolean suspended = r.volumes().stream().anyMatch(v -> v.state().susp());
        return ObjectRecord.of(ObjectType.RESOURCE, "name", r.name(),
                "node-id", Integer.toString(r.nodeId()),
                "role", primary ? Role.PRIMARY.displayName() : Role.SECONDARY.displayName(),
                "suspended", suspended ? "user" : "no",
                "force-io-failures", "no");
    }

    static ObjectRecord connection(ResourceStatus r) {
        State any = r.volumes().isEmpty() ? State.INITIAL : r.volumes().get(0).state();
        return ObjectRecord.of(ObjectType.CONNECTION, "name", r.name(),
                "peer-node-id", Integer.toString(r.peerNodeId()),
                "conn-name", "peer-" + r.peerNodeId(),
                "connection", Drbd9View.connection(any.conn()).displayName(),
                "role", any.peer().displayName());
    }

    static ObjectRecord device(String res, VolumeStatus v) {
        return ObjectRecord.of(ObjectType.DEVICE, "name", res,
                "volume", Integer.toString(v.volume()),
                "minor", Integer.toString(v.minor()),
                "backing_dev", v.backingDisk() == null ? "none" : v.backingDisk(),
                "disk", v.state().disk().displayName(),
                "client", "no",
                "quorum", "yes");
    }

    static ObjectRecord peerDevice(ResourceStatus r, VolumeStatus v) {
        return ObjectRecord.of(ObjectType.PEER_DEVICE, "name", r.name(),
                "peer-node-id", Integer.toString(r.peerNodeId()),
                "conn-name", "peer-" + r.peerNodeId(),
                "volume", Integer.toString(v.volume()),
                "replication", Drbd9View.replication(v.state().conn()).displayName(),
                "peer-disk", v.state().pdsk().displayName(),
                "peer-client", "no",
                "resync-suspended", "no",
                "out-of-sync", Long.toString(v.outOfSyncBits() * 4));
    }
}
