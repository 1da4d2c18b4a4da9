package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;
import java.util.LinkedHashSet;
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
    private ShCommands() { }

    /** sh-resources and sh-mod-parms (they ignore resource names). */
    static int global(String cmd, Config cfg, PrintStream out) {
        if (cmd.equals("sh-resources")) {
            StringBuilder b = new StringBuilder();
            for (Resource r : cfg.resources) {
                if (!r.ignored) {
                    b.append(b.length() > 0 ? " " : "").append(r.name);
                }
            }
            out.print(b + "\n");
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

    static int perTarget(String cmd, List<Target> targets, PrintStream out, Config cfg) {
        for (Target t : targets) {
            Resource r = t.res();
            switch (cmd) {
                case "sh-resource" -> out.print(r.name + "\n");
                case "sh-nop" -> { }
                case "sh-ip" -> localIps(r).forEach(ip -> out.print(ip + "\n"));
                case "sh-lr-of" -> {
                    if (!r.stacked) {
                        return 1;
                    }
                    out.print(r.me.lowerName + "\n");
                }
                default -> {
                    for (Volume v : t.volumes()) {
                        volumeLine(cmd, r, v, out, cfg);
                    }
                }
            }
        }
        return 0;
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

    private static Set<String> localIps(Resource r) {
        Set<String> ips = new LinkedHashSet<>();
        for (Connection c : r.connections) {
            for (Path p : c.paths) {
                for (HostRef h : p.hosts) {
                    if (h.host == r.me && h.address != null) {
                        ips.add(h.address.addr());
                    }
                }
            }
        }
        if (ips.isEmpty() && r.me != null && r.me.address != null) {
            ips.add(r.me.address.addr());
        }
        return ips;
    }
}
