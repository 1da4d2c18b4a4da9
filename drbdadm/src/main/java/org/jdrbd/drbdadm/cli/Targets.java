package org.jdrbd.drbdadm.cli;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;
import org.jdrbd.drbdadm.plan.Target;

/** Resolves all / RES / RES/VNR / minor-N / RES:PEER[/VNR] into targets. */
final class Targets {
    record Result(List<Target> targets, String error) { }

    private Targets() { }

    static Result resolve(Config cfg, List<String> names, String hostname, boolean includeIgnored) {
        List<Target> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals("all")) {
                int before = out.size();
                for (Resource r : cfg.resources) {
                    if (!r.ignored || includeIgnored) {
                        out.add(new Target(r, null, null));
                    }
                }
                if (out.size() == before) {
                    return new Result(null, cfg.resources.isEmpty() ? "no resources defined!\n"
                            : "WARN: no normal resources defined for this host (" + hostname + ")!?\n"
                            + "Misspelled name of the local machine with the 'on' keyword ?\n");
                }
                continue;
            }
            Target t = one(cfg, n, includeIgnored);
            if (t == null) {
                return new Result(null, "'" + n + "' not defined in your config (for this host).\n");
            }
            out.add(t);
        }
        return new Result(out, null);
    }

    private static Target one(Config cfg, String n, boolean includeIgnored) {
        if (n.startsWith("minor-")) {
            int minor;
            try {
                minor = Integer.parseInt(n.substring(6));
            } catch (NumberFormatException e) {
                return null;
            }
            for (Resource r : cfg.resources) {
                if (r.me != null) {
                    for (Volume v : r.me.volumes) {
                        if (v.minor == minor) {
                            return new Target(r, v.vnr, null);
                        }
                    }
                }
            }
            return null;
        }
        String res = n;
        Integer vnr = null;
        String peer = null;
        int slash = res.indexOf('/');
        if (slash >= 0) {
            try {
                vnr = Integer.parseInt(res.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            res = res.substring(0, slash);
        }
        int colon = res.indexOf(':');
        if (colon >= 0) {
            peer = res.substring(colon + 1);
            res = res.substring(0, colon);
        }
        Resource r = cfg.resource(res);
        if (r == null || (r.ignored && !includeIgnored)) {
            return null;
        }
        return new Target(r, vnr, peer);
    }
}
