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
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case STRING -> word(c, r, t);
                case ON, FLOATING, STACKED, THIS_HOST, REMOTE_HOST -> host(c, r, t, common);
                case VOLUME -> r.volumes.add(HostParser.volume(c, t.line()));
                case DEVICE, META_DISK, FLEX_META_DISK ->
                        HostParser.volumeItem(c, Parser.implicitVolume(r, t.line()), t);
                case DISK -> {
                    if (c.peek().is(Tk.LBRACE)) {
                        OptionParser.disk(c, r.disk, r.pd);
                    } else {
                        HostParser.volumeItem(c, Parser.implicitVolume(r, t.line()), t);
                    }
                }
                case NET -> OptionParser.net(c, r.net);
                case OPTIONS -> OptionParser.options(c, r.options);
                case STARTUP -> OptionParser.startup(c, r.startup);
                case HANDLERS -> OptionParser.handlers(c, r.handlers);
                case SYNCER -> OptionParser.syncer(c, r);
                case PROXY -> OptionParser.proxy(c, r.proxy, r.proxyPlugins);
                case CONNECTION -> r.connections.add(ConnParser.connection(c, t.line()));
                case CONNECTION_MESH -> r.meshes.add(ConnParser.mesh(c, t.line()));
                case TEMPLATE_FILE -> {
                    r.templateFile = c.string().text();
                    c.semi();
                }
                case SKIP -> c.skipSection();
                case EOF -> throw c.expected(t, RES_ITEMS, true);
                default -> throw c.expected(t, RES_ITEMS, true);
            }
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

    private static void host(Cursor c, Resource r, Token t, boolean common) {
        if (common) {
            throw new ConfigException(c.whereShort(t.line())
                    + "in the common section, there are no host sections allowed.\n", 10);
        }
        Host h = switch (t.kind()) {
            case ON -> HostParser.on(c, r);
            case FLOATING -> HostParser.floating(c, r);
            case STACKED -> HostParser.stacked(c, r);
            case THIS_HOST -> HostParser.showHost(c, r, HostKind.THIS_HOST);
            default -> HostParser.showHost(c, r, HostKind.REMOTE_HOST);
        };
        if (h.kind == HostKind.STACKED) {
            r.stacked = true;
        }
        r.hosts.add(h);
    }
}
