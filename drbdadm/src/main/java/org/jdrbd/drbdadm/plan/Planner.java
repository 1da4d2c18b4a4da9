package org.jdrbd.drbdadm.plan;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model;
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
            // drbd-utils sends only the command line's options here, not the config's
            case "resource-options" -> each(targets, t -> setup(t.res(), cliOpts(List.of("resource-options",
                    t.res().name), new Opts())));
            case "new-resource" -> each(targets, this::newResource);
            case "attach" -> withDisk(cmd, targets, this::attach);
            case "detach" -> withDisk(cmd, targets, (r, v) -> setup(r, withOpts("detach", minor(v))));
            case "disk-options" -> withDisk(cmd, targets, (r, v) -> setup(r, cliOpts(List.of("disk-options",
                    minor(v)), v.diskOpts)));
            case "new-minor" -> eachVolume(targets, this::newMinor);
            case "del-minor" -> eachVolume(targets, (r, v) -> setup(r, List.of("del-minor", minor(v))));
            case "suspend-io", "resume-io" -> eachVolume(targets, (r, v) -> setup(r, withOpts(cmd, minor(v))));
            case "resize" -> withDisk(cmd, targets, this::resize);
            // drbd-utils plans check-resize exactly like resize
            case "check-resize" -> eachVolume(targets, this::resize);
            case "new-current-uuid" -> eachVolume(targets, (r, v) ->
                    setup(r, withOpts("new-current-uuid", minor(v))));
            case "invalidate" -> withDisk(cmd, targets, (r, v) -> invalidate(r, v, targets));
            case "outdate" -> withDisk(cmd, targets, (r, v) -> {
                // drbd-utils 9.22 passes the minor where drbdsetup expects the volume number
                setup(r, setupOpts("outdate", r.name, minor(v)));
                meta(r, v, List.of("outdate"), true);
            });
            case "dstate" -> eachVolume(targets, (r, v) -> {
                setup(r, List.of("dstate", minor(v)));
                meta(r, v, List.of("dstate"), true);
            });
            case "create-md" -> each(targets, t -> withDisk(cmd, List.of(t), (r, v) -> createMd(t, v)));
            case "dump-md", "wipe-md", "apply-al" -> withDisk(cmd, targets, (r, v) -> meta(r, v,
                    List.of(cmd), false));
            case "get-gi", "show-gi" -> eachTarget(targets, t -> GiSteps.query(this, cmd, t));
            case "set-gi" -> eachTarget(targets, t -> GiSteps.set(this, t));
            case "forget-peer" -> eachTarget(targets, t -> GiSteps.forgetPeer(this, t));
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
            case "peer-device-options" -> eachPeerDevice(targets, (r, c, v) -> setup(r, cliOpts(List.of(
                    "peer-device-options", r.name, peerId(c), String.valueOf(v.vnr)), pd(c, v))));
            case "wait-connect", "wait-sync" -> eachTarget(targets, t -> waitFor(cmd, t));
            case "proxy-up" -> eachTarget(targets, t -> ProxySteps.up(this, t));
            case "proxy-down" -> eachTarget(targets, t -> ProxySteps.down(this, t));
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
        // drbd-utils walks volumes first and the peers of each volume inside
        for (Target t : ts) {
            for (Volume v : t.volumes()) {
                for (Connection c : t.connections()) {
                    s.run(t.res(), c, v);
                }
            }
        }
    }

    void eachTarget(List<Target> ts, TargetStep s) {
        each(ts, s);
    }

    /**
     * Runs s for each volume that has a local disk; at the first diskless volume drbd-utils
     * stops with an error (after the steps planned for the volumes before it).
     */
    private void withDisk(String cmd, List<Target> ts, VolumeStep s) {
        for (Target t : ts) {
            for (Volume v : t.volumes()) {
                if (!hasDisk(v)) {
                    out.add(noDisk(cmd, t.res(), true));
                    return;
                }
                s.run(t.res(), v);
            }
        }
    }

    /** The error drbd-utils reports for a disk command on a diskless volume. */
    static Cmd noDisk(String cmd, Resource r, boolean stops) {
        return Cmd.failure(r.name, "The " + cmd + " command requires a local disk, but the "
                + "configuration gives none.\n", 10, stops);
    }

    static boolean hasDisk(Volume v) {
        return v.disk != null && !"none".equals(v.disk);
    }

    private void resize(Resource r, Volume v) {
        List<String> head = List.of("resize", minor(v));
        Opts size = new Opts();
        Opt s = v.diskOpts.get("size");
        if (s != null) {
            size.list.add(s);
        }
        setup(r, cliOpts(head, size));
        setup(r, List.of("check-resize", minor(v)));
    }

    /** invalidate; with RES:PEER drbd-utils asks for a resync from that peer. */
    private void invalidate(Resource r, Volume v, List<Target> ts) {
        List<String> a = setupOpts("invalidate", minor(v));
        for (Target t : ts) {
            if (t.res() == r && t.peer() != null) {
                t.connections().forEach(c -> a.add("--sync-from-peer-node-id=" + peerId(c)));
                break;
            }
        }
        setup(r, a);
        meta(r, v, List.of("invalidate"), true);
    }

    /** The startup options drbdsetup's wait-* commands take. */
    private static final List<String> WAIT_OPTS = List.of("wfc-timeout", "degr-wfc-timeout",
            "outdated-wfc-timeout", "wait-after-sb");

    /** wait-connect / wait-sync: per resource, per connection (RES:PEER) or per peer volume. */
    private void waitFor(String cmd, Target t) {
        Resource r = t.res();
        List<String> startup = new ArrayList<>();
        if (r.stacked && r.startup.get("stacked-timeouts") == null) {
            // a stacked resource waits a fixed time unless its timeouts are declared for it
            startup.addAll(List.of("--wfc-timeout", "20"));
        } else {
            for (Opt o : r.startup.list) {
                if (WAIT_OPTS.contains(o.name())) {
                    startup.add("--" + o.name() + "=" + (o.value() == null ? "yes" : o.value()));
                }
            }
        }
        if (t.peer() == null) {
            List<String> a = new ArrayList<>(List.of(cmd + "-resource", r.name));
            a.addAll(startup);
            setup(r, a);
            return;
        }
        for (Connection c : t.connections()) {
            List<String> a = new ArrayList<>(t.vnr() == null
                    ? List.of(cmd + "-connection", r.name, peerId(c))
                    : List.of(cmd + "-volume", r.name, peerId(c), String.valueOf(t.vnr())));
            a.addAll(startup);
            setup(r, a);
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
        // per connection in the order its peer devices were made: volumes named in the
        // connection section first, the others after them
        eachConn(ts, (r, c) -> {
            for (Integer vnr : c.volumePd.keySet()) {
                Opts pd = pd(c, vnr);
                if (!pd.isEmpty() && r.me.volume(vnr) != null) {
                    setup(r, opts(List.of("peer-device-options", r.name, peerId(c),
                            String.valueOf(vnr)), pd));
                }
            }
        });
        eachVolume(ts, this::attach);
        eachConn(ts, (r, c) -> setup(r, List.of("connect", r.name, peerId(c))));
    }

    private void newResource(Target t) {
        Resource r = t.res();
        setup(r, cliOpts(List.of("new-resource", r.name, r.me.nodeId), r.options));
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
        setup(r, cliOpts(a, v.diskOpts));
    }

    /** create-md: room for as many peers as the target selects (at least one). */
    private void createMd(Target t, Volume v) {
        Resource r = t.res();
        String maxPeers = String.valueOf(Math.max(1, t.connections().size()));
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
        Opts net = new Opts();
        c.net.list.stream().filter(o -> !o.name().equals("_name")).forEach(net.list::add);
        return cliOpts(List.of(sub, r.name, peerId(c), "--_name=" + c.peer.joinedNames()), net);
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
                        remoteEnd(mine, theirs).setupForm()));
            }
        }
    }

    /**
     * A peer device's options; toward a peer whose volume is diskless drbd-utils adds
     * bitmap=no at the end (even when the config sets bitmap).
     */
    /** The far end of a path: through a DRBD proxy, this host's proxy's inside address. */
    static Model.Address remoteEnd(HostRef mine, HostRef theirs) {
        return mine.host.proxy != null && mine.host.proxy.inside != null
                ? mine.host.proxy.inside : theirs.address;
    }

    static Opts pd(Connection c, Volume v) {
        return pd(c, v.vnr);
    }

    static Opts pd(Connection c, int vnr) {
        Opts pd = c.volumePd.get(vnr);
        Opts out = pd != null ? pd.copy() : new Opts();
        Volume pv = c.peer != null ? c.peer.volume(vnr) : null;
        if (pv != null && "none".equals(pv.disk)) {
            out.list.add(new Model.Opt("bitmap", "no", c.line));
        }
        return out;
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

    /** drbdmeta CMD for one peer's slot: --node-id goes in front of the command. */
    void metaForPeer(Resource r, Volume v, Connection c, String cmd, boolean fallback) {
        metaForNode(r, v, peerId(c), cmd, fallback);
    }

    void metaForNode(Resource r, Volume v, String nodeId, String cmd, boolean fallback) {
        List<String> a = new ArrayList<>(List.of("--node-id=" + nodeId, cmd));
        backendOpts.stream().filter(o -> o.startsWith("--force")).forEach(a::add);
        metaRaw(r, v, a, fallback);
    }

    void add(Cmd c) {
        out.add(c);
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

    /**
     * drbdsetup's argv for a command that also has drbdmeta steps: --force belongs to drbdmeta
     * there, every other command-line option to drbdsetup.
     */
    private List<String> setupOpts(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        backendOpts.stream().filter(o -> !optName(o).equals("force")).forEach(a::add);
        return a;
    }

    /**
     * Config options, then the command line's: an option given on the command line replaces
     * the config's value (drbd-utils drops the config's and appends the command line's).
     */
    List<String> cliOpts(List<String> head, Opts cfgOpts) {
        java.util.Set<String> given = new java.util.HashSet<>();
        backendOpts.forEach(o -> given.add(optName(o)));
        List<String> a = new ArrayList<>(head);
        for (Opt o : cfgOpts.list) {
            if (!given.contains(o.name())) {
                a.add(opt(o));
            }
        }
        a.addAll(backendOpts);
        return a;
    }

    private static String optName(String cliOpt) {
        int eq = cliOpt.indexOf('=');
        return cliOpt.substring(2, eq < 0 ? cliOpt.length() : eq);
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
