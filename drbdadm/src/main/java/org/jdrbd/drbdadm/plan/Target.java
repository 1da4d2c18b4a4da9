package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/** One addressed object: a resource, optionally narrowed to a volume and/or a peer. */
public record Target(Resource res, Integer vnr, String peer) {

    /** Volumes of this host selected by the target. */
    public List<Volume> volumes() {
        List<Volume> out = new ArrayList<>();
        if (res.me == null) {
            return out;
        }
        for (Volume v : res.me.volumes) {
            if (vnr == null || v.vnr == vnr) {
                out.add(v);
            }
        }
        return out;
    }

    /** Connections of this host selected by the target. */
    public List<Connection> connections() {
        List<Connection> out = new ArrayList<>();
        for (Connection c : res.connections) {
            if (c.peer == null) {
                continue;
            }
            if (peer == null || c.peer.names.contains(peer)) {
                out.add(c);
            }
        }
        return out;
    }
}
