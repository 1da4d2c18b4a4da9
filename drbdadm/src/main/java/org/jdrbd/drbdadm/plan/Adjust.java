package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;
import org.jdrbd.netlink.schema.Limits;

/**
 * drbdadm adjust: compares the configuration with what {@code drbdsetup show} reports as
 * running and plans only the difference. Commands of all adjusted resources are collected
 * per stage and printed stage by stage, as drbd-utils 9.22 orders them (tear down disks, then
 * networking, then build up networking, options, disks and finally connect).
 */
public final class Adjust {
    /** Stages in execution order. */
    private enum Stage {
        /** new-resource, resource-options */ RESOURCE,
        /** detach, del-minor */ DISK_DOWN,
        /** new-minor */ DISK_UP,
        /** disconnect before all paths of a connection are replaced */ DISCONNECT,
        /** del-peer for connections no longer configured */ DEL_PEER,
        /** del-path */ DEL_PATH,
        /** drbd-proxy-ctl del connection, before a connection is made anew */ PROXY_DEL,
        /** new-peer */ NEW_PEER,
        /** drbd-proxy-ctl add connection and its settings, before its paths */ PROXY_ADD,
        /** new-path */ NEW_PATH,
        /** net-options */ NET,
        /** peer-device-options */ PEER_DEVICE,
        /** apply-al + attach, disk-options, resize */ DISK,
        /** connect */ CONNECT
    }

    private final Planner planner;
    private final Map<Stage, List<Cmd>> stages = new EnumMap<>(Stage.class);

    private final boolean singleShow;
    /** Stages adjust's --skip-disk / --skip-net leave out. */
    private final java.util.Set<Stage> skipped = java.util.EnumSet.noneOf(Stage.class);
    /** --tentative / --discard-my-data: passed on to each connect. */
    private final List<String> connectOpts = new ArrayList<>();

    /**
     * singleShow: show was asked for one named resource (drbdadm adjust RES); options: adjust's
     * own (--skip-disk, --skip-net, --tentative, --discard-my-data).
     */
    public Adjust(List<String> options, boolean singleShow) {
        this.singleShow = singleShow;
        this.planner = new Planner(List.of());
        for (Stage s : Stage.values()) {
            stages.put(s, new ArrayList<>());
        }
        for (String o : options) {
            // drbd-utils looks only at whether a skip option was given, not at its value
            if (o.startsWith("--skip-disk")) {
                skipped.addAll(List.of(Stage.DISK_DOWN, Stage.DISK));
            } else if (o.startsWith("--skip-net")) {
                skipped.addAll(List.of(Stage.DISCONNECT, Stage.DEL_PEER, Stage.DEL_PATH,
                        Stage.PROXY_DEL, Stage.NEW_PEER, Stage.PROXY_ADD, Stage.NEW_PATH, Stage.NET,
                        Stage.PEER_DEVICE, Stage.CONNECT));
            } else if (o.startsWith("--tentative") || o.startsWith("--discard-my-data")) {
                connectOpts.add(o);
            }
        }
    }

    /** Plans adjust for the targets against the parsed show output (not post-parsed). */
    public List<Cmd> plan(List<Target> targets, Config running) {
        for (Target t : targets) {
            Resource run = running == null ? null : running.resource(t.res().name);
            if (run == null && running != null && targets.size() == 1 && !running.resources.isEmpty()
                    && singleShow) {
                // "drbdsetup show RES" answers for that resource only, so drbd-utils takes
                // whatever it reports as RES (visible with FAKE_DRBDSETUP_SHOW)
                run = running.resources.get(0);
            }
            if (run == null) {
                planner.up(List.of(t));
                fromNothing(planner.take()).forEach(this::classify);
                for (Connection c : t.connections()) {
                    ProxySteps.down(planner, t.res(), c);
                    stages.get(Stage.PROXY_DEL).addAll(planner.take());
                    ProxySteps.up(planner, t.res(), c);
                    stages.get(Stage.PROXY_ADD).addAll(planner.take());
                }
            } else {
                resource(t, run);
            }
        }
        List<Cmd> all = new ArrayList<>();
        stages.forEach((stage, cmds) -> {
            if (!skipped.contains(stage)) {
                cmds.forEach(c -> all.add(stage == Stage.CONNECT ? withConnectOpts(c) : c));
            }
        });
        return all;
    }

    /**
     * A resource that is not running gets the up commands, except that adjust sets each
     * connection's peer-device options in volume order and with --set-defaults.
     */
    private static List<Cmd> fromNothing(List<Cmd> up) {
        List<Cmd> pd = new ArrayList<>();
        List<Cmd> out = new ArrayList<>();
        int at = -1;
        for (Cmd c : up) {
            if (c.tool().equals("drbdsetup") && c.args().get(0).equals("peer-device-options")) {
                List<String> a = new ArrayList<>(c.args());
                a.add(4, "--set-defaults");
                pd.add(new Cmd(c.tool(), a, c.res(), c.fallback()));
                at = at < 0 ? out.size() : at;
            } else {
                out.add(c);
            }
        }
        List<String> peers = new ArrayList<>();
        pd.forEach(c -> {
            if (!peers.contains(c.args().get(2))) {
                peers.add(c.args().get(2));
            }
        });
        pd.sort(java.util.Comparator.comparingInt((Cmd c) -> peers.indexOf(c.args().get(2)))
                .thenComparingInt(c -> Integer.parseInt(c.args().get(3))));
        if (at >= 0) {
            out.addAll(at, pd);
        }
        return out;
    }

    private Cmd withConnectOpts(Cmd c) {
        if (connectOpts.isEmpty()) {
            return c;
        }
        List<String> a = new ArrayList<>(c.args());
        a.addAll(connectOpts);
        return new Cmd(c.tool(), a, c.res(), c.fallback());
    }

    /** Files a command planned by the up logic into its stage. */
    private void classify(Cmd c) {
        Stage s = switch (c.tool().equals("drbdmeta") ? "attach" : c.args().get(0)) {
            case "new-resource" -> Stage.RESOURCE;
            case "new-minor" -> Stage.DISK_UP;
            case "new-peer" -> Stage.NEW_PEER;
            case "new-path" -> Stage.NEW_PATH;
            case "peer-device-options" -> Stage.PEER_DEVICE;
            case "connect" -> Stage.CONNECT;
            default -> Stage.DISK;
        };
        stages.get(s).add(c);
    }

    private void resource(Target t, Resource run) {
        Resource r = t.res();
        if (!OptionDiff.same(r.options, run.options, Limits.Section.RESOURCE)) {
            List<String> a = new ArrayList<>(List.of("resource-options", r.name, "--set-defaults"));
            add(Stage.RESOURCE, r, Planner.opts(a, r.options));
        }
        Host me = runningHost(run);
        List<Volume> runVols = me == null ? List.of() : me.volumes;
        for (Volume v : t.volumes()) {
            volume(r, v, find(runVols, v.vnr));
        }
        for (Volume rv : runVols) {
            if (r.me.volume(rv.vnr) == null) {
                if (hasDisk(rv)) {
                    add(Stage.DISK_DOWN, r, List.of("detach", "--diskless", String.valueOf(rv.minor)));
                }
                add(Stage.DISK_DOWN, r, List.of("del-minor", String.valueOf(rv.minor)));
            }
        }
        for (Connection c : t.connections()) {
            connection(r, c, findConn(run, c.peer.nodeId), runVols);
        }
        for (Connection rc : run.connections) {
            if (rc.peerNodeId != null && !configured(r, rc.peerNodeId)) {
                add(Stage.DEL_PEER, r, List.of("del-peer", r.name, rc.peerNodeId));
            }
        }
    }

    private void volume(Resource r, Volume v, Volume rv) {
        String minor = String.valueOf(v.minor);
        if (rv == null) {
            planner.newMinor(r, v);
            planner.take().forEach(this::classify);
            attach(r, v);
            return;
        }
        boolean want = hasDisk(v);
        boolean have = hasDisk(rv);
        if (have && (!want || !sameDisk(v, rv))) {
            add(Stage.DISK_DOWN, r, List.of("detach", "--diskless", minor));
            have = false;
        }
        if (want && !have) {
            attach(r, v);
            return;
        }
        if (!want) {
            return;
        }
        Opts cfg = OptionDiff.without(v.diskOpts, "size");
        if (!OptionDiff.same(cfg, OptionDiff.without(rv.diskOpts, "size"), Limits.Section.DISK)) {
            add(Stage.DISK, r, Planner.opts(List.of("disk-options", minor, "--set-defaults"), cfg));
        }
        if (!OptionDiff.sameOne(v.diskOpts, rv.diskOpts, "size", Limits.Section.DISK)
                && v.diskOpts.get("size") != null) {
            add(Stage.DISK, r, List.of("resize", minor, "--size=" + v.diskOpts.get("size").value()));
            add(Stage.DISK, r, List.of("check-resize", minor));
        }
    }

    private void attach(Resource r, Volume v) {
        planner.attach(r, v);
        stages.get(Stage.DISK).addAll(planner.take());
    }

    private void connection(Resource r, Connection c, Connection rc, List<Volume> runVols) {
        String peer = Planner.peerId(c);
        if (rc == null) {
            newConnection(r, c);
            return;
        }
        if (!OptionDiff.same(c.net, rc.net, Limits.Section.NET)) {
            List<String> a = planner.netCmd("net-options", r, c);
            a.add(3, "--set-defaults");
            add(Stage.NET, r, a);
        }
        paths(r, c, rc, peer);
        if (rc.standalone) {
            // drbdsetup show says the connection is not trying to connect (_is_standalone).
            List<String> connect = List.of("connect", r.name, peer);
            if (stages.get(Stage.CONNECT).stream().noneMatch(x -> x.args().equals(connect))) {
                add(Stage.CONNECT, r, connect);
            }
        }
        for (Volume v : reversed(r.me.volumes)) {
            Opts want = Planner.pd(c, v);
            Opts have = rc.volumePd.getOrDefault(v.vnr, new Opts());
            boolean newDevice = find(runVols, v.vnr) == null;
            if (newDevice || !OptionDiff.same(want, have, Limits.Section.PEER_DEVICE)) {
                add(Stage.PEER_DEVICE, r, Planner.opts(List.of("peer-device-options", r.name, peer,
                        String.valueOf(v.vnr), "--set-defaults"), want));
            }
        }
    }

    private void newConnection(Resource r, Connection c) {
        ProxySteps.down(planner, r, c);
        stages.get(Stage.PROXY_DEL).addAll(planner.take());
        ProxySteps.up(planner, r, c);
        stages.get(Stage.PROXY_ADD).addAll(planner.take());
        add(Stage.NEW_PEER, r, planner.netCmd("new-peer", r, c));
        planner.paths(r, c, "new-path");
        stages.get(Stage.NEW_PATH).addAll(planner.take());
        for (Volume v : reversed(r.me.volumes)) {
            Opts pd = Planner.pd(c, v);
            if (!pd.isEmpty()) {
                add(Stage.PEER_DEVICE, r, Planner.opts(List.of("peer-device-options", r.name,
                        Planner.peerId(c), String.valueOf(v.vnr)), pd));
            }
        }
        add(Stage.CONNECT, r, List.of("connect", r.name, Planner.peerId(c)));
    }

    /** Paths: removed ones are deleted, new ones added; replacing all needs a reconnect. */
    private void paths(Resource r, Connection c, Connection rc, String peer) {
        List<List<String>> want = new ArrayList<>();
        for (Path p : c.paths) {
            List<String> pair = pair(p, r.me);
            if (pair != null) {
                want.add(pair);
            }
        }
        List<List<String>> have = new ArrayList<>();
        for (Path p : rc.paths) {
            List<String> pair = showPair(p);
            if (pair != null) {
                have.add(pair);
            }
        }
        List<List<String>> gone = new ArrayList<>(have);
        gone.removeAll(want);
        List<List<String>> fresh = new ArrayList<>(want);
        fresh.removeAll(have);
        if (!gone.isEmpty() && gone.size() == have.size()) {
            add(Stage.DISCONNECT, r, List.of("disconnect", r.name, peer));
            add(Stage.CONNECT, r, List.of("connect", r.name, peer));
        }
        for (List<String> g : gone) {
            add(Stage.DEL_PATH, r, List.of("del-path", r.name, peer, g.get(0), g.get(1)));
        }
        if (!fresh.isEmpty()) {
            ProxySteps.up(planner, r, c);
            stages.get(Stage.PROXY_ADD).addAll(planner.take());
        }
        for (List<String> f : fresh) {
            add(Stage.NEW_PATH, r, List.of("new-path", r.name, peer, f.get(0), f.get(1)));
        }
    }

    private static List<String> pair(Path p, Host me) {
        HostRef mine = null;
        HostRef theirs = null;
        for (HostRef h : p.hosts) {
            if (h.host == me) {
                mine = h;
            } else {
                theirs = h;
            }
        }
        if (mine == null || theirs == null || mine.address == null || theirs.address == null) {
            return null;
        }
        return List.of(mine.address.setupForm(), Planner.remoteEnd(mine, theirs).setupForm());
    }

    private static List<String> showPair(Path p) {
        String local = null;
        String remote = null;
        for (HostRef h : p.hosts) {
            if (h.address == null) {
                continue;
            }
            if (h.name.equals("_this_host")) {
                local = h.address.setupForm();
            } else if (h.name.equals("_remote_host")) {
                remote = h.address.setupForm();
            }
        }
        return local == null || remote == null ? null : List.of(local, remote);
    }

    private static Host runningHost(Resource run) {
        for (Host h : run.hosts) {
            if (h.kind == HostKind.THIS_HOST) {
                return h;
            }
        }
        return null;
    }

    private static Volume find(List<Volume> vols, int vnr) {
        for (Volume v : vols) {
            if (v.vnr == vnr) {
                return v;
            }
        }
        return null;
    }

    private static Connection findConn(Resource run, String peerId) {
        for (Connection c : run.connections) {
            if (Objects.equals(c.peerNodeId, peerId)) {
                return c;
            }
        }
        return null;
    }

    private static boolean configured(Resource r, String peerId) {
        for (Connection c : r.connections) {
            if (c.peer != null && peerId.equals(c.peer.nodeId)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDisk(Volume v) {
        return v.disk != null && !v.disk.equals("none");
    }

    private static boolean sameDisk(Volume v, Volume rv) {
        return v.disk.equals(rv.disk) && Objects.equals(metaDisk(v), metaDisk(rv))
                && Objects.equals(v.metaIndex == null ? "internal" : v.metaIndex,
                rv.metaIndex == null ? "internal" : rv.metaIndex);
    }

    private static String metaDisk(Volume v) {
        return v.metaDisk == null || v.metaDisk.equals("internal") ? "internal" : v.metaDisk;
    }

    private static List<Volume> reversed(List<Volume> vols) {
        List<Volume> r = new ArrayList<>(vols);
        Collections.reverse(r);
        return r;
    }

    private void add(Stage s, Resource r, List<String> args) {
        stages.get(s).add(new Cmd("drbdsetup", args, r.name, false));
    }
}
