package org.jdrbd.drbdadm.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * The environment drbdadm adds before it runs a handler with /bin/sh -c (DRBD_CONF,
 * DRBD_RESOURCE, DRBD_NODE_ID_n, DRBD_MY_NODE_ID, DRBD_MINOR/VOLUME/LL_DISK lists). Variables
 * the caller (kernel or daemon) already set are kept. Reusable by the handlers module.
 */
public final class HandlerEnv {
    private HandlerEnv() { }

    /** inherited: the caller's environment; returns the full environment for the handler. */
    public static Map<String, String> build(Resource r, String confFile, Map<String, String> inherited) {
        Map<String, String> env = new LinkedHashMap<>(inherited);
        env.put("DRBD_CONF", confFile);
        env.put("DRBD_RESOURCE", r.name);
        for (Host h : r.hosts) {
            if (h.nodeId != null) {
                env.put("DRBD_NODE_ID_" + h.nodeId, String.join(" ", h.names));
            }
        }
        if (r.me != null) {
            if (r.me.nodeId != null) {
                env.putIfAbsent("DRBD_MY_NODE_ID", r.me.nodeId);
            }
            StringBuilder minors = new StringBuilder();
            StringBuilder vols = new StringBuilder();
            StringBuilder disks = new StringBuilder();
            for (Volume v : r.me.volumes) {
                sep(minors).append(v.minor);
                sep(vols).append(v.vnr);
                sep(disks).append(v.disk == null ? "none" : v.disk);
            }
            env.putIfAbsent("DRBD_MINOR", minors.toString());
            env.putIfAbsent("DRBD_VOLUME", vols.toString());
            env.putIfAbsent("DRBD_LL_DISK", disks.toString());
        }
        return env;
    }

    private static StringBuilder sep(StringBuilder b) {
        return b.length() > 0 ? b.append(' ') : b;
    }
}
