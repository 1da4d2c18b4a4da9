package org.jdrbd.drbdadm.conf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdrbd.drbdadm.conf.Model.Address;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * The config-wide "used twice" checks, in drbd-utils' order and with its messages:
 * <ul>
 * <li>minors a host section gives itself are claimed while parsing ({@link #hostMinors}),
 * the first clash ends drbdadm;</li>
 * <li>after parsing, the volumes written at resource level: backing disk, then minor, host by
 * host (the first clash ends drbdadm);</li>
 * <li>after the connections are known, every path address: both ends the same, or used by
 * another resource. All clashes of one resource are reported, then drbdadm stops.</li>
 * </ul>
 */
public final class Uniqueness {
    private Uniqueness() { }

    /**
     * Claims the minors of volumes whose device is written in the host section just parsed
     * (drbd-utils reports these with line 0).
     */
    static void hostMinors(Cursor c, Host h) {
        for (Volume v : h.volumes) {
            if (v.deviceGiven && v.minor >= 0) {
                v.deviceFromHost = true;
                String clash = claim(c.diag, "device-minor", "device-minor:" + h.names.get(0) + ":"
                        + v.minor, c.file + ":0");
                if (clash != null) {
                    throw new ConfigException(clash, 10);
                }
            }
        }
    }

    /** Disk and minor of the resource-level volumes; false after the first clash (reported). */
    static boolean resourceVolumes(Config cfg, Diag diag) {
        for (Resource r : cfg.resources) {
            for (Host h : r.hosts) {
                if (h.names.isEmpty()) {
                    continue;
                }
                for (Volume rv : r.volumes) {
                    Volume hv = h.volume(rv.vnr);
                    String where = r.printFile + ":" + rv.line;
                    String host = h.names.get(0);
                    String clash = null;
                    if (rv.disk != null && !"none".equals(rv.disk)) {
                        clash = claim(diag, "disk", "disk:" + host + ":" + rv.disk, where);
                    }
                    boolean ownDevice = hv != null && hv.deviceFromHost;
                    if (clash == null && rv.deviceGiven && rv.minor >= 0 && !ownDevice) {
                        clash = claim(diag, "device-minor", "device-minor:" + host + ":" + rv.minor,
                                where);
                    }
                    if (clash != null) {
                        diag.error(clash);
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Records key's first use; returns the clash message when it was used before. */
    private static String claim(Diag diag, String what, String key, String where) {
        String first = diag.firstUse().putIfAbsent(key, where);
        if (first == null) {
            return null;
        }
        return where + ": conflicting use of " + what + " '" + key + "' ...\n" + first + ": "
                + what + " '" + key + "' first used here.\n";
    }

    /** Path addresses; false when a resource had a clash (all of its clashes are reported). */
    static boolean addresses(Config cfg, Diag diag) {
        Map<String, String[]> users = new HashMap<>();
        for (Resource r : cfg.resources) {
            boolean clash = false;
            for (Connection c : r.connections) {
                for (Path p : c.paths) {
                    clash |= path(r, c, p, users, diag);
                }
            }
            if (clash) {
                return false;
            }
        }
        return true;
    }

    private static boolean path(Resource r, Connection c, Path p, Map<String, String[]> users,
                                Diag diag) {
        List<HostRef> ends = p.hosts;
        if (ends.size() != 2 || ends.get(0).address == null || ends.get(1).address == null) {
            return false;
        }
        if (key(ends.get(0).address).equals(key(ends.get(1).address))) {
            int line = c.implicit || c.fromMesh ? 0 : c.line;
            diag.error(r.file + ":" + line + ": in resource " + r.name + " "
                    + key(ends.get(0).address) + " is used for both endpoints\n");
            return true;
        }
        boolean clash = false;
        for (HostRef end : ends) {
            String k = key(end.address);
            String where = r.file + ":" + (end.explicitAddress ? end.line : 0);
            String[] first = users.putIfAbsent(k, new String[] {r.name, where});
            if (first != null && !first[0].equals(r.name)) {
                diag.error(where + ": in resource " + r.name + "\n    " + k + " is also used "
                        + first[1] + " (resource " + first[0] + ")\n");
                clash = true;
            }
        }
        return clash;
    }

    private static String key(Address a) {
        return a.af() + ":" + a.addr() + ":" + a.port();
    }
}
