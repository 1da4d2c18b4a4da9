package org.jdrbd.drbdadm.conf;

import java.util.List;
import java.util.Map;
import org.jdrbd.drbdadm.conf.Model.Address;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/** drbdadm dump / dump -v text, formatted like drbd-utils 9.22. */
public final class Dumper {
    private final StringBuilder out = new StringBuilder();
    private final boolean verbose;
    private final String hostname;

    public Dumper(boolean verbose, String hostname) {
        this.verbose = verbose;
        this.hostname = hostname;
    }

    /** Whole-file dump: header, global, common, then the given resources. */
    public String dumpAll(Config cfg, List<Resource> resources) {
        out.append("# ").append(cfg.file).append('\n');
        global(cfg.global);
        if (cfg.common != null) {
            out.append("common {\n");
            sections(cfg.common, 1);
            out.append("}\n\n");
        }
        for (Resource r : resources) {
            resource(r);
        }
        return out.toString();
    }

    /** Dump of named resources only. */
    public String dumpResources(List<Resource> resources) {
        for (Resource r : resources) {
            resource(r);
        }
        return out.toString();
    }

    private void global(Map<String, String> g) {
        // dump -v shows the global section even when the config has none
        if (g.isEmpty() && !verbose) {
            return;
        }
        StringBuilder body = new StringBuilder();
        for (String k : List.of("disable-ip-verification", "minor-count", "dialog-refresh",
                "usage-count")) {
            if (g.containsKey(k)) {
                String v = g.get(k);
                body.append("    ").append(k).append(v == null ? "" : " " + v).append(";\n");
            }
        }
        out.append("global {\n").append(body).append("}\n\n");
    }

    private void resource(Resource r) {
        out.append("# resource ").append(r.name).append(" on ").append(hostname).append(": ")
                .append(r.ignored ? "ignored" : "not ignored").append(", ")
                .append(r.stacked ? "stacked" : "not stacked").append('\n');
        out.append("# defined at ").append(r.file).append(':').append(r.line).append('\n');
        out.append("resource ").append(r.name).append(" {\n");
        if (!verbose) {
            for (Volume v : r.volumes) {
                volume(v, 1);
            }
        }
        for (Host h : r.hosts) {
            host(h);
        }
        for (Connection c : r.connections) {
            if (verbose || !(c.implicit || c.fromMesh)) {
                connection(r, c);
            }
        }
        if (!verbose) {
            for (Model.Mesh m : r.meshes) {
                indent(1).append("connection-mesh {\n");
                indent(2).append("hosts ").append(String.join(" ", m.hosts)).append(";\n");
                optSection("net", m.net, 2);
                indent(1).append("}\n");
            }
        }
        sections(r, 1);
        out.append("}\n\n");
    }

    private void sections(Resource r, int level) {
        optSection("options", r.options, level);
        optSection("net", r.net, level);
        Opts disk = r.disk.copy();
        disk.list.addAll(r.pd.list);
        optSection("disk", disk, level);
        optSection("startup", r.startup, level);
        optSection("handlers", r.handlers, level);
        proxySection("proxy", r.proxy, r.proxyPlugins, level);
    }

    /** An option section that may end with a plugin { } block (proxy options). */
    private void proxySection(String name, Opts opts, List<String> plugins, int level) {
        if (opts.isEmpty() && plugins.isEmpty()) {
            return;
        }
        indent(level).append(name).append(" {\n");
        options(opts, level + 1);
        if (!plugins.isEmpty()) {
            indent(level + 1).append("plugin {\n");
            plugins.forEach(pl -> indent(level + 2).append(pl).append(";\n"));
            indent(level + 1).append("}\n");
        }
        indent(level).append("}\n");
    }

    /**
     * proxy on NAME { inside; outside; [options] } at level (inside/outside fixed width);
     * inline continues the current line (dump -v puts it behind a path's host).
     */
    private void proxyOn(Model.Proxy p, Opts opts, List<String> plugins, int level, boolean inline) {
        (inline ? out : indent(level)).append("proxy on ").append(String.join(" ", p.names)).append(" {\n");
        if (p.inside != null) {
            indent(level + 1).append(pad("inside", 16)).append(' ').append(addr(p.inside)).append(";\n");
        }
        if (p.outside != null) {
            indent(level + 1).append(pad("outside", 16)).append(' ').append(addr(p.outside)).append(";\n");
        }
        proxySection("options", opts, plugins, level + 1);
        indent(level).append("}\n");
    }

    private void host(Host h) {
        if (h.kind == HostKind.FLOATING) {
            indent(1).append(pad("floating", 16)).append(' ').append(addr(h.address)).append(" {\n");
        } else if (h.kind == HostKind.STACKED) {
            indent(1).append("stacked-on-top-of ").append(h.lowerName).append(" {\n");
            indent(2).append("# on ").append(String.join(" ", h.names)).append(" \n");
        } else {
            indent(1).append("on ").append(String.join(" ", h.names)).append(" {\n");
        }
        if (h.nodeId != null) {
            indent(2).append("node-id ").append(h.nodeId).append(";\n");
        }
        optSection("options", h.resOpts, 2);
        // a stacked host's device shows only in dump -v, and never its (derived) disk
        boolean stacked = h.kind == HostKind.STACKED;
        for (Volume v : verbose ? h.volumes : stacked ? List.<Volume>of() : h.ownVolumes) {
            volume(v, 2, !stacked);
        }
        if (h.address != null && h.kind != HostKind.FLOATING) {
            indent(2).append(pad("address", 16)).append(' ').append(addr(h.address)).append(";\n");
        }
        if (h.proxy != null && !verbose) {
            proxyOn(h.proxy, h.proxy.opts, h.proxy.plugins, 2, false);
        }
        indent(1).append("}\n");
    }

    private void volume(Volume v, int level) {
        volume(v, level, true);
    }

    private void volume(Volume v, int level, boolean withDisk) {
        int inner = level;
        if (!v.implicit) {
            indent(level).append("volume ").append(v.vnr).append(" {\n");
            inner = level + 1;
        }
        Opts disk = v.diskOpts.copy();
        disk.list.addAll(v.pdOpts.list);
        optSection("disk", disk, inner);
        int w = 24 - 4 * inner;
        if (v.deviceGiven) {
            String dev = verbose || v.deviceNameGiven ? v.device + " minor " + v.minor : "minor " + v.minor;
            indent(inner).append(pad("device", w)).append(' ').append(dev).append(";\n");
        }
        if (v.disk != null && withDisk) {
            indent(inner).append(pad("disk", w)).append(' ').append(right(quote(v.disk))).append(";\n");
        }
        if (v.metaDisk != null && withDisk) {
            String kw = "meta-disk";
            if (v.metaIndex != null && v.metaIndex.matches("[0-9]+")) {
                indent(inner).append(pad(kw, 16)).append(' ').append(v.metaDisk).append(" [")
                        .append(v.metaIndex).append("];\n");
            } else if (!"internal".equals(v.metaDisk)) {
                // drbd-utils prints an external meta-disk with a fixed width at every level
                indent(inner).append(pad(kw, 16)).append(' ').append(right(quote(v.metaDisk))).append(";\n");
            } else {
                indent(inner).append(pad(kw, w)).append(' ').append(right(quote(v.metaDisk))).append(";\n");
            }
        }
        if (!v.implicit) {
            indent(level).append("}\n");
        }
    }

    private void connection(Resource r, Connection c) {
        indent(1).append("connection {\n");
        if (c.implicitPath && !verbose) {
            for (HostRef h : c.paths.get(0).hosts) {
                indent(2).append("host ").append(h.name);
                if (h.explicitAddress) {
                    out.append(" address ").append(addr(h.address));
                } else if (h.port != null) {
                    out.append(" port ").append(h.port);
                }
                out.append(";\n");
            }
        } else {
            for (Path p : c.paths) {
                indent(2).append("path {\n");
                for (HostRef h : p.hosts) {
                    if (h.host != null && h.host.kind == HostKind.STACKED && h.address != null) {
                        // drbd-utils' own layout for a stacked end of a path (with a stray ';')
                        indent(3).append(pad("address", 16)).append(' ').append(addr(h.address))
                                .append("; # on ").append(h.host.joinedNames()).append("\n;\n");
                        continue;
                    }
                    String name = h.host != null && h.host.kind == HostKind.FLOATING
                            ? h.host.names.get(0) : h.name;
                    indent(3).append("host ").append(name);
                    if (h.address != null) {
                        out.append(" ").append("            ").append("address").append("         ")
                                .append(addr(h.address));
                    }
                    if (h.host != null && h.host.proxy != null) {
                        Model.Proxy px = h.host.proxy;
                        // the proxy's options as inherited from the resource (each prepended)
                        Opts opts = px.opts.copy();
                        opts.inherit(r.proxy);
                        out.append("             via ");
                        proxyOn(px, opts, px.plugins.isEmpty() ? r.proxyPlugins : px.plugins, 3, true);
                    } else {
                        out.append(";\n");
                    }
                }
                indent(2).append("}\n");
            }
        }
        optSection("net", c.net, 2);
        optSection("disk", c.pdOpts, 2);
        for (Map.Entry<Integer, Opts> e : c.volumePd.entrySet()) {
            indent(2).append("volume ").append(e.getKey()).append(" {\n");
            optSection("disk", e.getValue(), 3);
            indent(2).append("}\n");
        }
        indent(1).append("}\n");
    }

    private void optSection(String name, Opts opts, int level) {
        if (opts.isEmpty()) {
            return;
        }
        indent(level).append(name).append(" {\n");
        options(opts, level + 1);
        indent(level).append("}\n");
    }

    private void options(Opts opts, int level) {
        int w = 24 - 4 * level;
        for (Opt o : opts.list) {
            indent(level);
            if (o.value() == null) {
                out.append(o.name()).append(";\n");
            } else {
                out.append(pad(o.name(), w)).append(' ').append(right(quote(o.value()))).append(";\n");
            }
        }
    }

    static String addr(Address a) {
        String ad = a.af().equals("ipv6") ? "[" + a.addr() + "]" : a.addr();
        return a.af() + " " + ad + ":" + a.port();
    }

    /** Quotes a value unless it consists of word characters only. */
    static String quote(String v) {
        boolean plain = !v.isEmpty();
        for (int i = 0; i < v.length() && plain; i++) {
            plain = Scanner.isWordChar(v.charAt(i));
        }
        if (plain) {
            return v;
        }
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String pad(String s, int w) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < w) {
            b.append(' ');
        }
        return b.toString();
    }

    private static String right(String s) {
        return s.length() >= 3 ? s : "   ".substring(s.length()) + s;
    }

    private StringBuilder indent(int level) {
        for (int i = 0; i < level; i++) {
            out.append("    ");
        }
        return out;
    }
}
