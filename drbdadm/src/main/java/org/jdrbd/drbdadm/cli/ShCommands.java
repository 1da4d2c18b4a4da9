package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;
import org.jdrbd.drbdadm.plan.Target;

/** The sh-* helper commands scripts use to read the config. */
final class ShCommands {
    /** The sh-* commands that describe the local disk and fail on a diskless volume. */
    private static final Set<String> NEED_DISK = Set.of("sh-md-dev", "sh-md-idx");

    private ShCommands() { }

    /** sh-resources and sh-mod-parms (they ignore resource names). */
    /** sh-resources lists this host's resources: the stacked ones with -S, else the others. */
    static int global(String cmd, Config cfg, PrintStream out, boolean stacked) {
        if (cmd.equals("sh-resources")) {
            for (Resource r : cfg.resources) {
                if (!r.ignored && r.stacked == stacked) {
                    out.print(r.name + "\n");
                }
            }
            return 0;
        }
        String mc = cfg.global.get("minor-count");
        if (mc == null) {
            int minors = 0;
            for (Resource r : cfg.resources) {
                minors += r.me != null ? r.me.volumes.size() : 0;
            }
            mc = String.valueOf(Math.min(255, Math.max(32, minors + 3)));
        }
        out.print("minor_count=" + mc + "\n");
        return 0;
    }

    static int perTarget(String cmd, List<Target> targets, PrintStream out, PrintStream err,
                         Config cfg) {
        int rc = 0;
        for (Target t : targets) {
            Resource r = t.res();
            switch (cmd) {
                case "sh-resource" -> out.print(r.name + "\n");
                case "sh-nop" -> { }
                case "sh-ip" -> localIps(t).forEach(ip -> out.print(ip + "\n"));
                case "sh-lr-of" -> {
                    if (!r.stacked) {
                        err.print("sh-lower-resource only available in stacked mode\n");
                        return 1;
                    }
                    out.print(r.me.lowerName + "\n");
                }
                case "sh-udev" -> {
                    if (t.vnr() == null) {
                        // only reachable with "all": named resources were refused earlier
                        err.print("volume not specified\n");
                        rc = 1;
                        continue;
                    }
                    t.volumes().forEach(v -> volumeLine(cmd, r, v, out, cfg));
                }
                default -> {
                    for (Volume v : t.volumes()) {
                        if (NEED_DISK.contains(cmd) && !hasDisk(v)) {
                            err.print("The " + cmd + " command requires a local disk, but the "
                                    + "configuration gives none.\n");
                            return 10;
                        }
                        volumeLine(cmd, r, v, out, cfg);
                    }
                }
            }
        }
        return rc;
    }

    private static boolean hasDisk(Volume v) {
        return v.disk != null && !"none".equals(v.disk);
    }

    private static void volumeLine(String cmd, Resource r, Volume v, PrintStream out, Config cfg) {
        switch (cmd) {
            case "sh-dev" -> out.print(v.device + "\n");
            case "sh-minor" -> out.print(v.minor + "\n");
            case "sh-ll-dev" -> out.print(v.disk + "\n");
            case "sh-md-dev" -> out.print(("internal".equals(v.metaIndex) ? v.disk : v.metaDisk) + "\n");
            case "sh-md-idx" -> out.print(v.metaIndex + "\n");
            case "sh-udev" -> {
                String dev = v.device.startsWith("/dev/") ? v.device.substring(5) : v.device;
                boolean vnrLink = !v.implicit || cfg.global.containsKey("udev-always-use-vnr");
                String link = "drbd/by-res/" + r.name + (vnrLink ? "/" + v.vnr : "");
                out.print("DEVICE=" + dev + "\nSYMLINK=" + link + "\nSYMLINK_BY_RES=" + link + "\n");
                if (v.disk != null && !"none".equals(v.disk)) {
                    String d = v.disk.startsWith("/dev/") ? v.disk.substring(5) : v.disk;
                    out.print("SYMLINK_BY_DISK=drbd/by-disk/" + d + "\n");
                }
            }
            default -> { }
        }
    }

    /**
     * drbd-utils prints this host's address of every path, once per selected volume and
     * connection (so an address repeats); a resource without peers prints nothing.
     */
    private static List<String> localIps(Target t) {
        List<String> ips = new ArrayList<>();
        Resource r = t.res();
        for (Volume ignored : t.volumes()) {
            for (Connection c : t.connections()) {
                for (Path p : c.paths) {
                    for (HostRef h : p.hosts) {
                        if (h.host == r.me && h.address != null) {
                            ips.add(h.address.addr());
                        }
                    }
                }
            }
        }
        return ips;
    }
}
