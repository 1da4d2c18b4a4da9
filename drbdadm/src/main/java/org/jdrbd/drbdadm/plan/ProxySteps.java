package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Address;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Resource;

/**
 * proxy-up / proxy-down: drbd-proxy-ctl commands for each connection whose two hosts both
 * go through a DRBD proxy. A proxy connection is named RES-PEER-ME.
 */
final class ProxySteps {
    /** The tool name in plans (-p replaces it). */
    static final String TOOL = "drbd-proxy-ctl";

    private ProxySteps() { }

    /** True when the resource has a proxy on this host (proxy commands address only those). */
    static boolean hasProxy(Resource r) {
        return r.me != null && r.me.proxy != null;
    }

    static void up(Planner p, Target t) {
        t.connections().forEach(c -> up(p, t.res(), c));
    }

    static void down(Planner p, Target t) {
        t.connections().forEach(c -> down(p, t.res(), c));
    }

    /** add connection + set options for one connection (nothing when it has no proxies). */
    static void up(Planner p, Resource r, Connection c) {
        Host me = r.me;
        Host peer = c.peer;
        if (me.proxy == null || peer.proxy == null) {
            return;
        }
        String name = name(r, c);
        p.add(new Cmd(TOOL, List.of("-c", "add connection " + name + " " + hostPort(me.proxy.inside)
                + " " + hostPort(peer.proxy.outside) + " " + hostPort(me.proxy.outside) + " "
                + hostPort(me.address)), r.name, false));
        List<String> set = settings(r, me, name);
        if (!set.isEmpty()) {
            p.add(new Cmd(TOOL, set, r.name, false));
        }
    }

    /** del connection for one connection (nothing when it has no proxies). */
    static void down(Planner p, Resource r, Connection c) {
        if (r.me.proxy != null && c.peer.proxy != null) {
            p.add(new Cmd(TOOL, List.of("-c", "del connection " + name(r, c)), r.name, false));
        }
    }

    /**
     * One "-c 'set OPTION CONN VALUE'" per proxy option (as inherited from the resource), then
     * the plugin lines numbered from 0 and a closing "set plugin CONN N END", which drbd-utils
     * passes without its own -c.
     */
    private static List<String> settings(Resource r, Host me, String name) {
        Opts opts = me.proxy.opts.copy();
        opts.inherit(r.proxy);
        List<String> plugins = me.proxy.plugins.isEmpty() ? r.proxyPlugins : me.proxy.plugins;
        List<String> a = new ArrayList<>();
        for (Opt o : opts.list) {
            a.add("-c");
            a.add("set " + o.name() + " " + name + (o.value() == null ? "" : " " + o.value()));
        }
        for (int i = 0; i < plugins.size(); i++) {
            a.add("-c");
            a.add("set plugin " + name + " " + i + " " + plugins.get(i));
        }
        if (!plugins.isEmpty()) {
            a.add("set plugin " + name + " " + plugins.size() + " END");
        }
        return a;
    }

    private static String name(Resource r, Connection c) {
        return r.name + "-" + c.peer.names.get(0) + "-" + r.me.names.get(0);
    }

    private static String hostPort(Address a) {
        return a.addr() + ":" + a.port();
    }
}
