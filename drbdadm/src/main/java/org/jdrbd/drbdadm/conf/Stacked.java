package org.jdrbd.drbdadm.conf;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * Stacked resources (stacked-on-top-of LOWER): the stacked host stands for the hosts of the
 * lower resource (it takes their names), and each of its volumes sits on the lower resource's
 * DRBD device of the same volume number with internal meta data. A volume that is implicit on
 * one side but explicit on the other is an error, reported per lower host the way drbd-utils
 * does (with the line at the end of the config).
 */
final class Stacked {
    private Stacked() { }

    /**
     * Prepares every stacked host; false when volumes do not match (errors reported). With
     * fatal=false the mismatches are only reported (drbdadm sh-resources goes on regardless).
     */
    static boolean prepare(Config cfg, Diag diag, boolean fatal) {
        boolean ok = true;
        for (Resource r : cfg.resources) {
            for (Host h : r.hosts) {
                Resource lower = h.kind == HostKind.STACKED ? cfg.resource(h.lowerName) : null;
                if (lower != null && !lower.hosts.isEmpty()) {
                    ok &= stackedHost(cfg, r, h, lower, diag, fatal);
                }
            }
        }
        return ok;
    }

    private static boolean stackedHost(Config cfg, Resource r, Host h, Resource lower, Diag diag,
                                       boolean fatal) {
        List<String> lowerNames = new ArrayList<>();
        lower.hosts.forEach(lh -> lowerNames.addAll(lh.names));
        boolean ok = true;
        for (Volume v : h.volumes) {
            for (Host lh : lower.hosts) {
                Volume lv = lh.volume(v.vnr);
                if (lv != null && lv.implicit != v.implicit) {
                    String which = lh == lower.me ? h.lowerName : lh.names.get(0);
                    VolumeForms.report(cfg, diag, fatal, r, String.join(" ", lowerNames), which, v.vnr);
                    ok &= !fatal;
                }
            }
        }
        h.names.clear();
        h.names.addAll(lowerNames);
        for (Volume v : h.volumes) {
            // the lower device on this node; a node of neither resource has none to name
            Host under = lower.me != null ? lower.me : r.me != null ? lower.hosts.get(0) : null;
            Volume lv = under != null ? under.volume(v.vnr) : null;
            if (v.disk == null) {
                v.disk = lv != null ? lv.device : "";
                v.metaDisk = "internal";
                v.metaIndex = "internal";
            }
        }
        return ok;
    }
}
