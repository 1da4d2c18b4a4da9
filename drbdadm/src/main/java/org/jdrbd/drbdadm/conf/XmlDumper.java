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
import org.jdrbd.drbdadm.conf.Model.Proxy;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * drbdadm dump-xml, formatted like drbd-utils 9.22: the config as parsed (common kept apart),
 * resource volumes merged into the hosts, implicit connections listed.
 */
public final class XmlDumper {
    private final StringBuilder out = new StringBuilder();
    private int level;

    /** Whole file: config element with global, common and all resources. */
    public String dumpAll(Config cfg, List<Resource> resources) {
        line("<config file=\"" + esc(cfg.file) + "\">");
        level++;
        global(cfg.global);
        if (cfg.common != null) {
            line("<common>");
            level++;
            sections(cfg.common);
            level--;
            line("</common>");
        }
        resources.forEach(r -> resource(r, false));
        level--;
        line("</config>");
        return out.toString();
    }

    /** Named resources only (no config element). */
    public String dumpResources(List<Resource> resources) {
        resources.forEach(r -> resource(r, true));
        return out.toString();
    }

    private void global(Map<String, String> g) {
        // usage-count is not shown here, and an empty global element is left out
        if (!g.containsKey("disable-ip-verification") && !g.containsKey("minor-count")
                && !g.containsKey("dialog-refresh")) {
            return;
        }
        line("<global>");
        level++;
        if (g.containsKey("disable-ip-verification")) {
            line("<disable-ip-verification/>");
        }
        if (g.containsKey("minor-count")) {
            line("<minor-count count=\"" + esc(g.get("minor-count")) + "\"/>");
        }
        if (g.containsKey("dialog-refresh")) {
            line("<dialog-refresh refresh=\"" + esc(g.get("dialog-refresh")) + "\"/>");
        }
        level--;
        line("</global>");
    }

    private void resource(Resource r, boolean named) {
        line("<resource name=\"" + esc(r.name) + "\" conf-file-line=\"" + esc(r.file) + ":" + r.line + "\">");
        level++;
        r.hosts.forEach(this::host);
        for (Connection c : r.connections) {
            connection(c, named);
        }
        sections(r);
        level--;
        line("</resource>");
    }

    private void sections(Resource r) {
        section("options", r.options);
        section("net", r.net);
        Opts disk = r.disk.copy();
        disk.list.addAll(r.pd.list);
        section("disk", disk);
        section("startup", r.startup);
        section("handlers", r.handlers);
        if (!r.proxy.isEmpty() || !r.proxyPlugins.isEmpty()) {
            proxySection(r.proxy, r.proxyPlugins);
        }
    }

    private void host(Host h) {
        if (h.kind == HostKind.FLOATING) {
            line("<host floating=\"1\">");
        } else {
            // a stacked host is shown under the names of the lower resource's hosts
            line("<host name=\"" + esc(String.join(" ", h.names)) + "\">");
        }
        level++;
        section("options", h.resOpts);
        for (Volume v : h.volumes) {
            volume(v, own(h, v.vnr));
        }
        if (h.address != null) {
            line(address("address", h.address));
        }
        level--;
        line("</host>");
    }

    /** The volume as written in the host section, or null. */
    private static Volume own(Host h, int vnr) {
        for (Volume v : h.ownVolumes) {
            if (v.vnr == vnr) {
                return v;
            }
        }
        return null;
    }

    /** Disk options printed are the host section's own (resource-level ones are not shown). */
    private void volume(Volume v, Volume own) {
        line("<volume vnr=\"" + v.vnr + "\">");
        level++;
        if (own != null) {
            Opts disk = own.diskOpts.copy();
            disk.list.addAll(own.pdOpts.list);
            section("disk", disk);
        }
        if (v.deviceGiven) {
            line("<device minor=\"" + v.minor + "\">" + (v.deviceNameGiven ? esc(v.device) : "") + "</device>");
        }
        if (v.disk != null) {
            line("<disk>" + esc(v.disk) + "</disk>");
        }
        if (v.metaDisk != null) {
            boolean indexed = v.metaIndex != null && v.metaIndex.matches("[0-9]+");
            line("<meta-disk" + (indexed ? " index=\"" + v.metaIndex + "\"" : "") + ">" + esc(v.metaDisk)
                    + "</meta-disk>");
        }
        level--;
        line("</volume>");
    }

    private void connection(Connection c, boolean named) {
        line("<connection>");
        level++;
        if (c.implicitPath) {
            c.paths.get(0).hosts.forEach(this::hostRef);
        } else {
            for (Path p : c.paths) {
                line("<path>");
                level++;
                p.hosts.forEach(this::hostRef);
                level--;
                line("</path>");
            }
        }
        Opts net = c.net;
        if (named && c.peer != null && net.get("_name") == null) {
            // drbd-utils names the peer connection when resources are named
            net = net.copy();
            net.list.add(0, new Opt("_name", c.peer.joinedNames(), c.line));
        }
        section("net", net);
        section("disk", c.pdOpts);
        for (Map.Entry<Integer, Opts> e : c.volumePd.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            line("<volume vnr=\"" + e.getKey() + "\">");
            level++;
            section("disk", e.getValue());
            level--;
            line("</volume>");
        }
        level--;
        line("</connection>");
    }

    private void hostRef(HostRef h) {
        String name = h.host == null ? h.name : h.host.kind == HostKind.FLOATING ? h.host.names.get(0)
                : h.host.kind == HostKind.STACKED ? h.host.joinedNames() : h.name;
        Proxy proxy = h.host != null ? h.host.proxy : null;
        if (proxy == null) {
            line("<host name=\"" + esc(name) + "\">" + (h.address == null ? "" : address("address", h.address))
                    + "</host>");
            return;
        }
        line("<host name=\"" + esc(name) + "\">");
        level++;
        if (h.address != null) {
            line(address("address", h.address));
        }
        proxy(proxy);
        level--;
        line("</host>");
    }

    private void proxy(Proxy p) {
        line("<proxy hostname=\"" + esc(String.join(" ", p.names)) + "\">");
        level++;
        if (p.inside != null) {
            line(address("inside", p.inside));
        }
        if (p.outside != null) {
            line(address("outside", p.outside));
        }
        level--;
        line("</proxy>");
    }

    private void proxySection(Opts opts, List<String> plugins) {
        line("<section name=\"proxy\">");
        level++;
        options(opts);
        if (!plugins.isEmpty()) {
            line("<section name=\"plugin\">");
            level++;
            plugins.forEach(p -> line("<option name=\"" + esc(p) + "\"/>"));
            level--;
            line("</section>");
        }
        level--;
        line("</section>");
    }

    private void section(String name, Opts opts) {
        if (opts.isEmpty()) {
            return;
        }
        line("<section name=\"" + name + "\">");
        level++;
        options(opts);
        level--;
        line("</section>");
    }

    private void options(Opts opts) {
        for (Opt o : opts.list) {
            line("<option name=\"" + esc(o.name()) + "\"" + (o.value() == null ? "" : " value=\""
                    + esc(o.value()) + "\"") + "/>");
        }
    }

    private static String address(String tag, Address a) {
        return "<" + tag + " family=\"" + a.af() + "\" port=\"" + a.port() + "\">" + esc(a.addr()) + "</" + tag + ">";
    }

    private void line(String s) {
        out.append("    ".repeat(level)).append(s).append('\n');
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
