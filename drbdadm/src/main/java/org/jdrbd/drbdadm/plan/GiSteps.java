package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * The generation-identifier commands (get-gi, show-gi, set-gi, forget-peer): they address a
 * peer's slot in the meta data, so drbdmeta gets --node-id of each peer. drbdsetup answers while
 * the device is up; drbdmeta reads the meta data when it is not.
 */
final class GiSteps {
    private GiSteps() { }

    /** get-gi / show-gi: volume by volume, each peer: drbdsetup, then drbdmeta as fallback. */
    static void query(Planner p, String cmd, Target t) {
        Resource r = t.res();
        for (Volume v : t.volumes()) {
            if (!Planner.hasDisk(v)) {
                p.add(Planner.noDisk(cmd, r, true));
                return;
            }
            for (Connection c : t.connections()) {
                p.setup(r, List.of(cmd, r.name, Planner.peerId(c), String.valueOf(v.vnr)));
                p.metaForPeer(r, v, c, cmd, true);
            }
        }
    }

    /** set-gi: drbdmeta only, for each peer of each volume. */
    static void set(Planner p, Target t) {
        Resource r = t.res();
        for (Volume v : t.volumes()) {
            if (!Planner.hasDisk(v)) {
                p.add(Planner.noDisk("set-gi", r, true));
                return;
            }
            if (t.connections().isEmpty() && t.vnr() != null) {
                // for a named volume without peers drbd-utils addresses this node's own slot
                p.metaForNode(r, v, r.me.nodeId, "set-gi", false);
            }
            for (Connection c : t.connections()) {
                p.metaForPeer(r, v, c, "set-gi", false);
            }
        }
    }

    /**
     * forget-peer: per peer, drbdsetup then drbdmeta for every volume. A diskless volume is
     * reported but does not stop the other peers and resources (as drbd-utils does).
     */
    static void forgetPeer(Planner p, Target t) {
        Resource r = t.res();
        for (Connection c : t.connections()) {
            p.setup(r, new ArrayList<>(List.of("forget-peer", r.name, Planner.peerId(c))));
            for (Volume v : t.volumes()) {
                if (Planner.hasDisk(v)) {
                    p.metaForPeer(r, v, c, "forget-peer", true);
                } else {
                    p.add(Planner.noDisk("forget-peer", r, false));
                }
            }
        }
    }
}
