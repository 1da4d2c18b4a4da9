package org.jdrbd.drbdadm.conf;

import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * The resync-after option names a resource ("r1") or a volume ("r1/0"); drbdsetup wants the
 * minor of that volume. drbd-utils checks the resource's own option (a warning when the named
 * resource does not exist) and, when the config is expanded for a command, turns each host
 * volume's option into the minor: an unknown resource is warned about again and the option
 * dropped; a missing volume number is reported and the resource alone is tried; a resource
 * with several volumes is ambiguous (an error).
 */
public final class ResyncAfter {
    private static final String NAME = "resync-after";

    private ResyncAfter() { }

    /** Runs the checks (and, when expanded, the resolution) over every resource. */
    public static void check(Config cfg, Diag diag, boolean expanded) {
        for (Resource r : cfg.resources) {
            Opt o = r.disk.get(NAME);
            if (o == null || o.value() == null) {
                continue;
            }
            Resource target = cfg.resource(resourcePart(o.value()));
            if (target != null && target.ignored && !r.ignored) {
                continue;
            }
            if (target != null && target.ignored) {
                diag.warn(notKnown(r, o, " on this host"));
            } else if (target == null) {
                diag.warn(notKnown(r, o, ""));
            }
            if (r.ignored && (target == null || target.ignored)) {
                // on a node outside the resource drbd-utils drops what it could not resolve
                replace(r.disk, o, null);
            }
        }
        if (!expanded) {
            return;
        }
        for (Resource r : cfg.resources) {
            for (Host h : r.hosts) {
                for (Volume v : h.volumes) {
                    resolve(cfg, diag, r, h, v);
                }
            }
        }
    }

    private static void resolve(Config cfg, Diag diag, Resource r, Host h, Volume v) {
        Opt o = v.diskOpts.get(NAME);
        if (o == null || o.value() == null) {
            return;
        }
        Resource target = cfg.resource(resourcePart(o.value()));
        if (target == null || target.ignored) {
            diag.warn(notKnown(r, o, ""));
            replace(v.diskOpts, o, null);
            return;
        }
        List<Volume> vols = volumesOf(target, h);
        int slash = o.value().indexOf('/');
        if (slash >= 0) {
            String vnr = o.value().substring(slash + 1);
            for (Volume tv : vols) {
                if (String.valueOf(tv.vnr).equals(vnr)) {
                    replace(v.diskOpts, o, String.valueOf(tv.minor));
                    return;
                }
            }
            diag.warn("Resource '" + target.name + "' has no volume " + vnr + "\n");
        }
        if (vols.size() == 1) {
            replace(v.diskOpts, o, String.valueOf(vols.get(0).minor));
            return;
        }
        diag.error(r.file + ":" + r.line + ": in resource " + r.name + ":\n\t" + NAME
                + " contains '" + o.value() + "', which is ambiguous, since it contains "
                + vols.size() + " volumes\n");
    }

    /** The target's volumes on the host of the same name (else on this node). */
    private static List<Volume> volumesOf(Resource target, Host h) {
        for (Host th : target.hosts) {
            if (!h.names.isEmpty() && th.names.contains(h.names.get(0))) {
                return th.volumes;
            }
        }
        return target.me != null ? target.me.volumes : target.volumes;
    }

    private static void replace(Opts opts, Opt old, String value) {
        int i = opts.list.indexOf(old);
        if (value == null) {
            opts.list.remove(i);
        } else {
            opts.list.set(i, new Opt(old.name(), value, old.line()));
        }
    }

    private static String resourcePart(String value) {
        int slash = value.indexOf('/');
        return slash < 0 ? value : value.substring(0, slash);
    }

    private static String notKnown(Resource r, Opt o, String where) {
        return r.file + ":" + r.line + ": in resource " + r.name + ":\n\tresource '" + o.value()
                + "' mentioned in 'resync-after' option is not known" + where + ".\n";
    }
}
