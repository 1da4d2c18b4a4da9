package org.jdrbd.drbdadm.setup;

import java.util.List;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;

/** role / cstate / dstate answers from a snapshot; null when the object does not exist. */
final class QueryText {
    private QueryText() { }

    /** "Primary" etc., null when the resource is unknown. */
    static String role(Snapshot s, String res) {
        ObjectRecord r = s.resource(res);
        return r == null ? null : r.get("role") + "\n";
    }

    /** The connection state word, null when there is no such connection. */
    static String cstate(Snapshot s, String res, int peer) {
        List<ObjectRecord> c = s.ofPeer(ObjectType.CONNECTION, res, Integer.toString(peer));
        return c.isEmpty() ? null : c.get(0).get("connection") + "\n";
    }

    /** Local disk state then "/peer-disk" per peer device of that volume; null when no device. */
    static String dstate(Snapshot s, int minor) {
        ObjectRecord d = s.of(ObjectType.DEVICE).stream()
                .filter(o -> Integer.toString(minor).equals(o.get("minor"))).findFirst().orElse(null);
        if (d == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(d.get("disk"));
        for (ObjectRecord pd : s.of(ObjectType.PEER_DEVICE, d.get("name"))) {
            if (d.get("volume").equals(pd.get("volume"))) {
                out.append('/').append(pd.get("peer-disk"));
            }
        }
        return out.append('\n').toString();
    }
}
