package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * Turns a drbdadm command and its targets into drbdsetup/drbdmeta command lines in
 * drbd-utils 9.22 order (DRBD 9 mode). Pure: reads the expanded config, returns commands.
 */
public final class Planner {
    private final List<String> backendOpts;
    private final List<Cmd> out = new ArrayList<>();

    public Planner(List<String> backendOpts) {
        this.backendOpts = backendOpts;
    }

    /** Plans cmd for the targets; returns null when the command is not a planning command. */
    public List<Cmd> plan(String cmd, List<Target> targets) {
        switch (cmd) {
            case "up" -> up(targets);
            case "down" -> perRes(targets, "down");
            case "primary" -> perResOpts(targets, "primary");
            case "secondary" -> perResOpts(targets, "secondary");
            case "role" -> perRes(targets, "role");
            case "status" -> perRes(targets, "status");
            case "resource-options" -> each(targets, t -> setup(t.res(), opts(List.of("resource-options",
                    t.res().name), t.res().options)));
            case "new-resource" -> each(targets, this::newResource);
            case "attach" -> each(targets, t -> t.volumes().forEach(v -> attach(t.res(), v)));
            case "detach" -> eachVolume(targets, (r, v) -> setup(r, withOpts("detach", minor(v))));
            case "disk-options" -> eachVolume(targets, (r, v) -> setup(r, opts(List.of("disk-options",
                    minor(v)), v.diskOpts)));
            case "new-minor" -> eachVolume(targets, this::newMinor);
            case "del-minor" -> eachVolume(targets, (r, v) -> setup(r, List.of("del-minor", minor(v))));
            case "suspend-io", "resume-io", "resize", "check-resize" -> resizeLike(cmd, targets);
            case "new-current-uuid" -> eachVolume(targets, (r, v) ->
                    setup(r, withOpts("new-current-uuid", minor(v))));
            case "invalidate" -> eachVolume(targets, (r, v) -> {
                setup(r, withOpts("invalidate", minor(v)));
                meta(r, v, List.of("invalidate"), true);
            });
            case "outdate" -> eachVolume(targets, (r, v) -> {
                setup(r, withOpts("outdate", r.name, String.valueOf(v.vnr)));
                meta(r, v, List.of("outdate"), true);
            });
            case "dstate" -> eachVolume(targets, (r, v) -> {
                setup(r, List.of("dstate", minor(v)));
                meta(r, v, List.of("dstate"), true);
            });
            case "create-md" -> eachVolume(targets, this::createMd);
            case "dump-md", "wipe-md", "apply-al" -> eachVolume(targets, (r, v) -> meta(r, v,
                    List.of(cmd), false));
            case "connect" -> eachConn(targets, (r, c) -> setup(r, withOpts("connect", r.name, peerId(c))));
            case "disconnect" -> eachConn(targets, (r, c) -> setup(r, withOpts("disconnect", r.name,
                    peerId(c))));
            case "cstate" -> eachConn(targets, (r, c) -> setup(r, List.of("cstate", r.name, peerId(c))));
            case "del-peer" -> eachConn(targets, (r, c) -> setup(r, withOpts("del-peer", r.name, peerId(c))));
            case "new-peer", "net-options" -> eachConn(targets, (r, c) -> setup(r, netCmd(cmd, r, c)));
            case "new-path" -> eachConn(targets, (r, c) -> paths(r, c, "new-path"));
            case "del-path" -> eachConn(targets, (r, c) -> paths(r, c, "del-path"));
            case "verify", "pause-sync", "resume-sync", "invalidate-remote" -> eachPeerDevice(targets,
                    (r, c, v) -> setup(r, withOpts(cmd, r.name, peerId(c), String.valueOf(v.vnr))));
            case "peer-device-options" -> eachPeerDevice(targets, (r, c, v) -> setup(r, opts(List.of(
                    "peer-device-options", r.name, peerId(c), String.valueOf(v.vnr)), pd(c, v))));
            case "wait-connect" -> perRes(targets, "wait-connect-resource");
            case "wait-sync" -> perRes(targets, "wait-sync-resource");
            default -> {
                return null;
            }
        }
        return out;
    }

    private interface TargetStep {
        void run(Target t);
    }

    private interface VolumeStep {
        void run(Resource r, Volume v);
    }

    private interface ConnStep {
        void run(Resource r, Connection c);
    }

    private interface PeerDeviceStep {
        void run(Resource r, Connection c, Volume v);
    }

    private void each(List<Target> ts, TargetStep s) {
        for (Target t : ts) {
            s.run(t);
        }
    }

    private void eachVolume(List<Target> ts, VolumeStep s) {
        for (Target t : ts) {
            for (Volume v : t.volumes()) {
                s.run(t.res(), v);
            }
        }
    }

    private void eachConn(List<Target> ts, ConnStep s) {
        for (Target t : ts) {
            for (Connection c : t.connections()) {
                s.run(t.res(), c);
            }
        }
    }

    private void eachPeerDevice(List<Target> ts, PeerDeviceStep s) {
        for (Target t : ts) {
            for (Connection c : t.connections()) {
                for (Volume v : t.volumes()) {
                    s.run(t.res(), c, v);
                }
            }
        }
    }

    private void perRes(List<Target> ts, String sub) {
        each(ts, t -> setup(t.res(), List.of(sub, t.res().name)));
    }

    private void perResOpts(List<Target> ts, String sub) {
        each(ts, t -> setup(t.res(), withOpts(sub, t.res().name)));
    }

    private void resizeLike(String cmd, List<Target> ts) {
        eachVolume(ts, (r, v) -> {
            setup(r, withOpts(cmd, minor(v)));
            if (cmd.equals("resize")) {
                setup(r, List.of("check-resize", minor(v)));
            }
        });
    }

    void up(List<Target> ts) {
        each(ts, this::newResource);
        eachVolume(ts, this::newMinor);
        eachConn(ts, (r, c) -> setup(r, netCmd("new-peer", r, c)));
        eachConn(ts, (r, c) -> paths(r, c, "new-path"));
        // drbd-utils sets peer-device options volume by volume from the highest number down
        eachConn(ts, (r, c) -> {
            List<Volume> vols = new ArrayList<>(r.me.volumes);
            java.util.Collections.reverse(vols);
            for (Volume v : vols) {
                Opts pd = pd(c, v);
                if (!pd.isEmpty()) {
                    setup(r, opts(List.of("peer-device-options", r.name, peerId(c), String.valueOf(v.vnr)), pd));
                }
            }
        });
        eachVolume(ts, this::attach);
        eachConn(ts, (r, c) -> setup(r, List.of("connect", r.name, peerId(c))));
    }

    private void newResource(Target t) {
        Resource r = t.res();
        setup(r, opts(List.of("new-resource", r.name, r.me.nodeId), r.options));
    }

    void newMinor(Resource r, Volume v) {
        List<String> a = new ArrayList<>(List.of("new-minor", r.name, minor(v), String.valueOf(v.vnr)));
        if ("none".equals(v.disk)) {
            a.add("--diskless");
        }
        setup(r, a);
    }

    void attach(Resource r, Volume v) {
        if (v.disk == null || "none".equals(v.disk)) {
            return;
        }
        meta(r, v, List.of("apply-al"), false);
        List<String> a = new ArrayList<>(List.of("attach", minor(v), v.disk));
        a.addAll(attachMeta(v));
        setup(r, opts(a, v.diskOpts));
    }

    private void createMd(Resource r, Volume v) {
        String maxPeers = String.valueOf(Math.max(1, r.connections.stream().filter(c -> c.peer != null).count()));
        List<String> rest = new ArrayList<>();
        for (String o : backendOpts) {
            if (o.startsWith("--max-peers=")) {
                maxPeers = o.substring("--max-peers=".length());
            } else {
                rest.add(o);
            }
        }
        List<String> a = new ArrayList<>(List.of("create-md", maxPeers));
        a.addAll(rest);
        metaRaw(r, v, a, false);
    }

    /** Returns the commands planned so far and starts a new list (for {@link Adjust}). */
    List<Cmd> take() {
        List<Cmd> done = new ArrayList<>(out);
        out.clear();
        return done;
    }

    List<String> netCmd(String sub, Resource r, Connection c) {
        List<String> a = new ArrayList<>(List.of(sub, r.name, peerId(c), "--_name=" + c.peer.joinedNames()));
        for (Opt o : c.net.list) {
            if (!o.name().equals("_name")) {
                a.add(opt(o));
            }
        }
        return a;
    }

    void paths(Resource r, Connection c, String sub) {
        for (Path p : c.paths) {
            HostRef mine = null;
            HostRef theirs = null;
            for (HostRef h : p.hosts) {
                if (h.host == r.me) {
                    mine = h;
                } else {
                    theirs = h;
                }
            }
            if (mine != null && theirs != null && mine.address != null && theirs.address != null) {
                setup(r, List.of(sub, r.name, peerId(c), mine.address.setupForm(),
                        theirs.address.setupForm()));
            }
        }
    }

    static Opts pd(Connection c, Volume v) {
        Opts pd = c.volumePd.get(v.vnr);
        return pd != null ? pd : new Opts();
    }

    static String peerId(Connection c) {
        return c.peer.nodeId;
    }

    private static String minor(Volume v) {
        return String.valueOf(v.minor);
    }

    private static List<String> attachMeta(Volume v) {
        if ("internal".equals(v.metaIndex)) {
            return List.of(v.disk, "internal");
        }
        return List.of(v.metaDisk, v.metaIndex);
    }

    private void meta(Resource r, Volume v, List<String> sub, boolean fallback) {
        if (v.disk == null || "none".equals(v.disk)) {
            return;
        }
        List<String> a = new ArrayList<>(sub);
        if (backendOpts.contains("--force")) {
            a.add("--force");
        }
        metaRaw(r, v, a, fallback);
    }

    private void metaRaw(Resource r, Volume v, List<String> sub, boolean fallback) {
        if (v.disk == null || "none".equals(v.disk)) {
            return;
        }
        List<String> a = new ArrayList<>(List.of(minor(v), "v09"));
        if ("internal".equals(v.metaIndex)) {
            a.addAll(List.of(v.disk, "internal"));
        } else if ("flexible".equals(v.metaIndex)) {
            a.addAll(List.of(v.metaDisk, "flex-external"));
        } else {
            a.addAll(List.of(v.metaDisk, v.metaIndex));
        }
        a.addAll(sub);
        out.add(new Cmd("drbdmeta", a, r.name, fallback));
    }

    private List<String> withOpts(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(backendOpts);
        return a;
    }

    static List<String> opts(List<String> head, Opts opts) {
        List<String> a = new ArrayList<>(head);
        for (Opt o : opts.list) {
            a.add(opt(o));
        }
        return a;
    }

    private static String opt(Opt o) {
        return o.value() == null ? "--" + o.name() : "--" + o.name() + "=" + o.value();
    }

    void setup(Resource r, List<String> args) {
        out.add(new Cmd("drbdsetup", args, r.name, false));
    }
}
