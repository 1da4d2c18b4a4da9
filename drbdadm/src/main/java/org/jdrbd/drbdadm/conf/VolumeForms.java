package org.jdrbd.drbdadm.conf;

import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * A volume must be written the same way on every host of a resource: implicitly (device/disk
 * directly in the host or resource section) or in a volume section. drbd-utils compares every
 * host with the first one and reports each mismatch with the line at the end of the config.
 */
final class VolumeForms {
    private VolumeForms() { }

    /**
     * False when some host disagrees with the first host of its resource (reported). With
     * fatal=false a mismatch is only a warning (drbdadm sh-resources without names).
     */
    static boolean agree(Config cfg, Diag diag, boolean fatal) {
        boolean ok = true;
        for (Resource r : cfg.resources) {
            List<Host> hosts = r.hosts;
            for (int i = 1; i < hosts.size(); i++) {
                for (Volume v : hosts.get(0).volumes) {
                    Volume other = hosts.get(i).volume(v.vnr);
                    if (other != null && other.implicit != v.implicit) {
                        report(cfg, diag, fatal, r, names(hosts.get(0)), hosts.get(i).names.get(0), v.vnr);
                        ok &= !fatal;
                    }
                }
            }
        }
        return ok;
    }

    /** Host names as drbd-utils shows them here; a stacked host has none yet. */
    private static String names(Host h) {
        return h.kind == HostKind.STACKED || h.names.isEmpty() ? "UNKNOWN" : String.join(" ", h.names);
    }

    static void report(Config cfg, Diag diag, boolean fatal, Resource r, String on, String resp, int vnr) {
        String message = r.printFile + ":" + cfg.endLine + ": in resource " + r.name + ", on " + on
                + " resp. " + resp + ": volume " + vnr + " must not be implicit on one but not the other\n";
        if (fatal) {
            diag.error(message);
        } else {
            diag.warn(message);
        }
    }
}
