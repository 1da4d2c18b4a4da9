package org.jdrbd.daemon.control;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.daemon.admin.HelperLine;
import org.jdrbd.daemon.admin.PathStatus;
import org.jdrbd.daemon.admin.ResourceObjects;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.SplitBrainSummary;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.Drbd9View;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;

/**
 * The daemon's status as events2 objects (reference §2.7 field sets): resource, its configured
 * connection, devices, peer devices, and for events2 the connection's paths and handler lines.
 * Single node: the connection is always StandAlone and the peer's disk DUnknown.
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
            ObjectRecord d = device(r.name(), v);
            out.add(v.kernelDevice() == null ? d : d.with("kernel-device", v.kernelDevice()));
        }
        if (r.peerNodeId() >= 0) {
            for (VolumeStatus v : r.volumes()) {
                out.add(peerDevice(r, v));
            }
        }
        return out;
    }

    /**
     * events2's objects of a resource: resource, connection, devices, peer devices, paths. The
     * connection, its peer devices and paths exist only while the resource has a connection.
     */
    static List<ObjectRecord> events2(ResourceObjects o) {
        ResourceStatus r = o.status();
        List<ObjectRecord> out = new ArrayList<>();
        out.add(resource(r));
        if (o.hasConnection()) {
            out.add(connection(r, o.connName()));
        }
        for (VolumeStatus v : r.volumes()) {
            out.add(device(r.name(), v));
        }
        if (o.hasConnection()) {
            for (VolumeStatus v : r.volumes()) {
                out.add(peerDevice(r, v, o.connName()));
            }
            for (PathStatus p : o.paths()) {
                out.add(path(r, o.connName(), p));
            }
        }
        return out;
    }

    /**
     * drbdsetup show's objects: events2's, with the options as set on the connection (net) and
     * on each peer device, as fields named by their keywords.
     */
    static List<ObjectRecord> show(ResourceObjects o) {
        List<ObjectRecord> out = new ArrayList<>();
        for (ObjectRecord rec : events2(o)) {
            java.util.Map<String, String> options = rec.type() == ObjectType.CONNECTION ? o.netOptions()
                    : rec.type() == ObjectType.PEER_DEVICE ? o.peerDeviceOptions() : java.util.Map.of();
            for (var e : options.entrySet()) {
                rec = rec.with(e.getKey(), e.getValue());
            }
            out.add(rec);
        }
        return out;
    }

    static ObjectRecord path(ResourceStatus r, String connName, PathStatus p) {
        return ObjectRecord.of(ObjectType.PATH, "name", r.name(),
                "peer-node-id", Integer.toString(r.peerNodeId()),
                "conn-name", connName,
                "local", p.local(),
                "peer", p.peer(),
                "established", p.established() ? "yes" : "no");
    }

    /** A handler line: name, [peer-node-id], [conn-name], [volume], helper, [status]. */
    static ObjectRecord helper(HelperLine h) {
        ObjectRecord o = ObjectRecord.of(ObjectType.HELPER, "name", h.resource());
        if (h.connName() != null) {
            if (h.peerNodeId() >= 0) {
                o = o.with("peer-node-id", Integer.toString(h.peerNodeId()));
            }
            o = o.with("conn-name", h.connName());
        }
        if (h.volume() >= 0) {
            o = o.with("volume", Integer.toString(h.volume()));
        }
        o = o.with("helper", h.helper());
        return h.response() ? o.with("status", Integer.toString(h.status())) : o;
    }

    static ObjectRecord resource(ResourceStatus r) {
        boolean primary = r.volumes().stream().anyMatch(v -> v.state().role() == Role.PRIMARY);
        return ObjectRecord.of(ObjectType.RESOURCE, "name", r.name(),
                "node-id", Integer.toString(r.nodeId()),
                "role", primary ? Role.PRIMARY.displayName() : Role.SECONDARY.displayName(),
                "suspended", suspension(r),
                "force-io-failures", "no");
    }

    /** DRBD 9's suspended: field: no, or the reasons comma-joined (user, no-data, fencing). */
    private static String suspension(ResourceStatus r) {
        List<String> why = new ArrayList<>();
        if (r.volumes().stream().anyMatch(v -> v.state().susp())) {
            why.add("user");
        }
        if (r.volumes().stream().anyMatch(v -> v.state().suspNod())) {
            why.add("no-data");
        }
        if (r.volumes().stream().anyMatch(v -> v.state().suspFen())) {
            why.add("fencing");
        }
        return why.isEmpty() ? "no" : String.join(",", why);
    }

    static ObjectRecord connection(ResourceStatus r) {
        return connection(r, r.connName());
    }

    static ObjectRecord connection(ResourceStatus r, String connName) {
        State any = r.volumes().isEmpty() ? State.INITIAL : r.volumes().get(0).state();
        return ObjectRecord.of(ObjectType.CONNECTION, "name", r.name(),
                "peer-node-id", Integer.toString(r.peerNodeId()),
                "conn-name", connName,
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
        return peerDevice(r, v, r.connName());
    }

    static ObjectRecord peerDevice(ResourceStatus r, VolumeStatus v, String connName) {
        ObjectRecord pd = plainPeerDevice(r, v, connName);
        SplitBrainSummary sb = v.splitBrain();
        if (sb == null) {
            return pd;
        }
        // Beyond DRBD: the last split brain's damage report, after DRBD's own fields.
        return pd.with("split-brain-rule", Integer.toString(sb.rule()))
                .with("split-brain-victim", sb.victim())
                .with("split-brain-discarded-blocks", Long.toString(sb.discardedBlocks()))
                .with("split-brain-changed-here", Long.toString(sb.changedHereBlocks()))
                .with("split-brain-changed-peer", Long.toString(sb.changedPeerBlocks()));
    }

    private static ObjectRecord plainPeerDevice(ResourceStatus r, VolumeStatus v, String connName) {
        ObjectRecord pd = plainFields(r, v, connName);
        // drbdsetup works out done: from these while a resync or verify runs (internal fields).
        if (v.resyncTotalBits() <= 0) {
            return pd;
        }
        pd = pd.with("_rs-total", Long.toString(v.resyncTotalBits() * 4));
        boolean verifying = v.state().conn() == ConnState.VERIFY_S || v.state().conn() == ConnState.VERIFY_T;
        return verifying ? pd.with("_ov-left", Long.toString(v.verifyLeftBits() * 4)) : pd;
    }

    private static ObjectRecord plainFields(ResourceStatus r, VolumeStatus v, String connName) {
        return ObjectRecord.of(ObjectType.PEER_DEVICE, "name", r.name(),
                "peer-node-id", Integer.toString(r.peerNodeId()),
                "conn-name", connName,
                "volume", Integer.toString(v.volume()),
                "replication", Drbd9View.replication(v.state().conn()).displayName(),
                "peer-disk", v.state().pdsk().displayName(),
                "peer-client", "no",
                "resync-suspended", org.jdrbd.daemon.repl.ResyncPause.suspendedReasons(v.state()),
                "out-of-sync", Long.toString(v.outOfSyncBits() * 4));
    }
}
