package org.jdrbd.drbdadm.conf;

import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Resource;

/** Parses the body of resource { } and common { } (after the opening brace). */
final class ResourceParser {
    private static final String RES_ITEMS = "protocol | on | disk | net | syncer | startup | handlers"
            + " | connection | ignore-on | stacked-on-top-of | skip";

    private ResourceParser() { }

    static void body(Cursor c, Resource r, boolean common) {
        Repeats seen = new Repeats(c, r.name);
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case STRING -> {
                    if (t.text().equals("protocol")) {
                        seen.once("protocol statement", " protocol", t.line());
                    }
                    word(c, r, t);
                }
                case ON, FLOATING, STACKED, THIS_HOST, REMOTE_HOST -> host(c, r, t, common, seen);
                case VOLUME -> r.volumes.add(HostParser.volume(c, t.line()));
                case DEVICE, META_DISK, FLEX_META_DISK ->
                        HostParser.volumeItem(c, Parser.implicitVolume(r, t.line()), t);
                case DISK -> {
                    if (c.peek().is(Tk.LBRACE)) {
                        seen.once("disk section", "disk", t.line());
                        OptionParser.disk(c, r.disk, r.pd);
                    } else {
                        HostParser.volumeItem(c, Parser.implicitVolume(r, t.line()), t);
                    }
                }
                case NET -> {
                    seen.once("net section", "net", t.line());
                    OptionParser.net(c, r.net);
                }
                case OPTIONS -> {
                    seen.once("resource options section", "res_options", t.line());
                    OptionParser.options(c, r.options);
                }
                case STARTUP -> {
                    seen.once("startup section", "startup", t.line());
                    OptionParser.startup(c, r.startup);
                }
                case HANDLERS -> {
                    seen.once("handlers section", "handlers", t.line());
                    OptionParser.handlers(c, r.handlers);
                }
                case SYNCER -> {
                    seen.once("syncer section", "syncer", t.line());
                    OptionParser.syncer(c, r);
                }
                case PROXY -> {
                    seen.once("proxy section", "proxy", t.line());
                    OptionParser.proxy(c, r.proxy, r.proxyPlugins);
                }
                case CONNECTION -> r.connections.add(ConnParser.connection(c, t.line()));
                case CONNECTION_MESH -> r.meshes.add(ConnParser.mesh(c, t.line()));
                case TEMPLATE_FILE -> {
                    r.templateFile = c.string().text();
                    c.semi();
                }
                case SKIP -> c.skipSection();
                case EOF -> {
                    // drbd-utils lets the end of the file close a resource or common section
                    commonHosts(c, r, common);
                    return;
                }
                default -> throw c.expected(t, RES_ITEMS, true);
            }
        }
        commonHosts(c, r, common);
    }

    /**
     * Host sections in common are parsed like any other and reported once at the end (with the
     * line of the last one).
     */
    private static void commonHosts(Cursor c, Resource r, boolean common) {
        if (common && !r.hosts.isEmpty()) {
            c.diag.error(c.whereShort(r.hosts.get(r.hosts.size() - 1).line)
                    + "in the common section, there are no host sections allowed.\n");
        }
    }

    private static void word(Cursor c, Resource r, Token t) {
        if (t.text().equals("protocol")) {
            Token v = c.next();
            Limits.Option o = Limits.lookup(Limits.Section.NET, "protocol");
            String problem = OptionValue.problem(o, v.text());
            if (problem != null) {
                throw new ConfigException(c.whereShort(v.line()) + "Parse error: while parsing value ('"
                        + Diag.shown(v) + "')\nfor protocol. " + problem + "\n", 10);
            }
            c.semi();
            r.net.list.add(new Opt("protocol", v.text(), t.line()));
            return;
        }
        throw c.expected(t, RES_ITEMS, true);
    }

    private static void host(Cursor c, Resource r, Token t, boolean common, Repeats seen) {
        Host h = switch (t.kind()) {
            case ON -> HostParser.on(c, r, seen);
            case FLOATING -> HostParser.floating(c, r, seen);
            case STACKED -> HostParser.stacked(c, r, seen);
            case THIS_HOST -> HostParser.showHost(c, r, HostKind.THIS_HOST, seen);
            default -> HostParser.showHost(c, r, HostKind.REMOTE_HOST, seen);
        };
        if (h.kind == HostKind.STACKED) {
            r.stacked = true;
        }
        r.hosts.add(h);
    }
}
