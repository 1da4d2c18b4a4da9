package org.jdrbd.drbdadm.conf;

import java.util.Comparator;
import java.util.List;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Mesh;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Path;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/**
 * drbd-utils 9's work after parsing: pick this host, fill implicit volumes, node-ids and
 * connections, and run the inheritance hops (common → resource → host/connection/volume).
 */
public final class PostParse {
    private final Config cfg;
    private final Diag diag;
    private final String hostname;

    public PostParse(Config cfg, Diag diag, String hostname) {
        this.cfg = cfg;
        this.diag = diag;
        this.hostname = hostname;
    }

    private boolean stackedVolumesFatal = true;

    /** For drbdadm sh-resources (no names) a volume form mismatch is reported but not fatal. */
    public void stackedVolumeMismatchIsWarning() {
        stackedVolumesFatal = false;
    }

    /** Runs every step for every resource. */
    public void run() {
        for (Resource r : cfg.resources) {
            selectThisHost(r);
        }
        for (Resource r : cfg.resources) {
            resourceVolumesIntoHosts(r);
        }
        boolean formsAgree = VolumeForms.agree(cfg, diag, stackedVolumesFatal);
        if (!Stacked.prepare(cfg, diag, stackedVolumesFatal) || !formsAgree) {
            return;
        }
        // drbd-utils stops at the first disk/minor clash, after host errors, and after the
        // first resource with address clashes
        if (!Uniqueness.resourceVolumes(cfg, diag)) {
            return;
        }
        for (Resource r : cfg.resources) {
            checkHosts(r);
        }
        if (diag.invalid()) {
            return;
        }
        for (Resource r : cfg.resources) {
            implicitNodeIds(r);
            connections(r);
        }
        Uniqueness.addresses(cfg, diag);
    }

    /** The expanded (dump -v / planning) view: applies inheritance. Called after run(). */
    public void expand() {
        for (Resource r : cfg.resources) {
            if (cfg.common != null) {
                r.net.inherit(cfg.common.net);
                r.disk.inherit(cfg.common.disk);
                r.pd.inherit(cfg.common.pd);
                r.options.inherit(cfg.common.options);
                r.startup.inherit(cfg.common.startup);
                r.handlers.inherit(cfg.common.handlers);
                r.proxy.inherit(cfg.common.proxy);
            }
            for (Host h : r.hosts) {
                for (Volume v : h.volumes) {
                    v.diskOpts.inherit(r.disk);
                    v.pdOpts = volumePeerDeviceOpts(r, v);
                }
            }
            for (Connection c : r.connections) {
                expandConnection(r, c);
            }
        }
    }

    /**
     * A volume's peer-device options: drbd-utils takes the resource's first and puts the
     * volume's own in front of them (each prepended, so both lists end up reversed).
     */
    private static Opts volumePeerDeviceOpts(Resource r, Volume v) {
        Opts fromResource = new Opts();
        r.pd.list.stream().filter(o -> v.pdOpts.get(o.name()) == null).forEach(fromResource.list::add);
        Opts merged = new Opts();
        merged.inherit(fromResource);
        merged.inherit(v.pdOpts);
        return merged;
    }

    private void expandConnection(Resource r, Connection c) {
        for (Opt o : c.net.list) {
            Opt p = r.net.get(o.name());
            if (c.fromMesh && p != null && p.value() != null && !p.value().equals(o.value())) {
                diag.error(r.file + ":" + r.line + ": in resource " + r.name
                        + ", ambiguous inheritance for option \"" + o.name() + "\".\nshould be \""
                        + o.value() + "\" and \"" + p.value() + "\" at the same time\n.");
            }
        }
        c.net.inherit(r.net);
        Host me = r.me;
        List<Volume> vols = me != null ? me.volumes : r.hosts.isEmpty() ? List.of() : r.hosts.get(0).volumes;
        for (Volume v : vols) {
            // connection-volume options, then the connection's, then the volume's (with the
            // resource's): each level prepended
            Opts pd = c.volumePd.computeIfAbsent(v.vnr, k -> new Opts());
            pd.inherit(c.pdOpts);
            pd.inherit(v.pdOpts);
        }
    }

    private void selectThisHost(Resource r) {
        Host found = null;
        for (Host h : r.hosts) {
            if (matches(h)) {
                if (found != null) {
                    diag.error(r.file + ":" + r.line + ": in resource " + r.name + ", on "
                            + String.join(" ", found.names) + " { ... } ... on "
                            + String.join(" ", h.names)
                            + " { ... }:\n\tThere are multiple host sections for this node.\n");
                }
                found = h;
            }
        }
        r.me = found;
        r.ignored = found == null;
        // "stacked" from this node's view: it is the stacked-on-top-of host
        r.stacked = found != null && found.kind == HostKind.STACKED;
    }

    private boolean matches(Host h) {
        switch (h.kind) {
            case ON:
                for (String n : h.names) {
                    if (ThisHost.namesEqual(n, hostname)) {
                        return true;
                    }
                }
                return false;
            case FLOATING:
                return h.address.addr().equals(hostname) || ThisHost.haveIp(h.address.addr());
            case STACKED:
                Resource lower = cfg.resource(h.lowerName);
                return lower != null && lower.me != null;
            case THIS_HOST:
                return true;
            default:
                return false;
        }
    }

    private void resourceVolumesIntoHosts(Resource r) {
        for (Host h : r.hosts) {
            for (Volume v : h.volumes) {
                h.ownVolumes.add(v.copy());
            }
            for (Volume rv : r.volumes) {
                Volume hv = h.volume(rv.vnr);
                if (hv == null) {
                    h.volumes.add(rv.copy());
                } else {
                    if (!hv.deviceGiven && rv.deviceGiven) {
                        hv.device = rv.device;
                        hv.minor = rv.minor;
                        hv.deviceGiven = true;
                        hv.deviceNameGiven = rv.deviceNameGiven;
                    }
                    if (hv.disk == null) {
                        hv.disk = rv.disk;
                    }
                    if (hv.metaDisk == null && rv.metaDisk != null) {
                        hv.metaDisk = rv.metaDisk;
                        hv.metaIndex = rv.metaIndex;
                        hv.flexibleKeyword = rv.flexibleKeyword;
                    }
                    hv.diskOpts.inherit(rv.diskOpts);
                    hv.pdOpts.inherit(rv.pdOpts);
                }
            }
            h.volumes.sort(Comparator.comparingInt(v -> v.vnr));
            for (Volume v : h.volumes) {
                if (v.disk != null && !"none".equals(v.disk) && v.metaDisk == null) {
                    v.metaDisk = "internal";
                    v.metaIndex = "internal";
                }
                if (v.device == null && v.minor >= 0) {
                    v.device = "/dev/drbd" + v.minor;
                }
            }
        }
    }

    private void checkHosts(Resource r) {
        if (r.hosts.isEmpty()) {
            diag.error(r.file + ":" + r.line + ": in resource " + r.name + ":\n\ta host sections ('on "
                    + hostname + " { ... }') is missing.\n");
            return;
        }
        boolean anyNodeId = false;
        for (Host h : r.hosts) {
            anyNodeId |= h.nodeId != null;
        }
        boolean implicitOk = r.hosts.size() == 2 && r.connections.isEmpty() && r.meshes.isEmpty()
                && !anyNodeId;
        for (Host h : r.hosts) {
            if (h.nodeId == null && !implicitOk && h.kind != HostKind.THIS_HOST
                    && h.kind != HostKind.REMOTE_HOST) {
                diag.error(r.file + ":" + h.line + ": in resource " + r.name + ", on "
                        + String.join(" ", h.names) + " { ... }: 'node-id' keyword missing.\n");
            }
            for (Volume v : h.volumes) {
                if (!v.deviceGiven) {
                    diag.error(r.file + ":" + h.line + ": in resource " + r.name + ", on "
                            + String.join(" ", h.names) + " { ... }: 'device' keyword missing.\n");
                }
                if (v.disk == null && h == r.me) {
                    diag.error(r.file + ":" + h.line + ": in resource " + r.name + ", on "
                            + String.join(" ", h.names) + " { ... }: 'disk' keyword missing.\n");
                }
            }
        }
    }

    private void implicitNodeIds(Resource r) {
        if (r.hosts.size() != 2 || !r.connections.isEmpty() || !r.meshes.isEmpty()) {
            return;
        }
        Host a = r.hosts.get(0);
        Host b = r.hosts.get(1);
        if (a.nodeId != null || b.nodeId != null || a.address == null || b.address == null) {
            return;
        }
        long ha = ImplicitNodeId.hash(a.address.addr());
        long hb = ImplicitNodeId.hash(b.address.addr());
        if (ha == hb) {
            throw new ConfigException("BAD LUCK, equal hashes\n", 20);
        }
        a.nodeId = ha > hb ? "0" : "1";
        b.nodeId = ha > hb ? "1" : "0";
        a.implicitNodeId = true;
        b.implicitNodeId = true;
    }

    private void connections(Resource r) {
        for (Mesh m : r.meshes) {
            for (int i = 0; i < m.hosts.size(); i++) {
                for (int j = i + 1; j < m.hosts.size(); j++) {
                    Connection c = new Connection();
                    c.fromMesh = true;
                    c.implicitPath = true;
                    c.line = m.line;
                    c.net = m.net.copy();
                    Path p = new Path();
                    p.hosts.add(ref(m.hosts.get(i), m.line));
                    p.hosts.add(ref(m.hosts.get(j), m.line));
                    c.paths.add(p);
                    r.connections.add(c);
                }
            }
        }
        if (r.connections.isEmpty() && r.hosts.size() == 2) {
            Connection c = new Connection();
            c.implicit = true;
            c.implicitPath = true;
            c.line = r.line;
            Path p = new Path();
            p.hosts.add(ref(r.hosts.get(0).names.get(0), r.line));
            p.hosts.add(ref(r.hosts.get(1).names.get(0), r.line));
            c.paths.add(p);
            r.connections.add(c);
        } else if (r.connections.isEmpty() && r.hosts.size() > 2) {
            diag.warn("Resource " + r.name + ":\n\tUse explicit 'connection' sections (or a"
                    + " 'connection-mesh' section) with more than two 'on' sections.\n");
        }
        for (Connection c : r.connections) {
            resolveConnection(r, c);
        }
    }

    private static HostRef ref(String name, int line) {
        HostRef h = new HostRef();
        h.name = name;
        h.line = line;
        return h;
    }

    private void resolveConnection(Resource r, Connection c) {
        for (Path p : c.paths) {
            for (HostRef hr : p.hosts) {
                for (Host h : r.hosts) {
                    for (String n : h.names) {
                        if (n.equals(hr.name)) {
                            hr.host = h;
                        }
                    }
                }
                hr.explicitAddress = hr.address != null;
                if (hr.host != null && hr.address == null && hr.host.address != null) {
                    Model.Address a = hr.host.address;
                    hr.address = hr.port == null ? a
                            : new Model.Address(a.af(), a.addr(), hr.port, a.line());
                }
            }
            boolean mine = false;
            for (HostRef hr : p.hosts) {
                mine |= hr.host != null && hr.host == r.me;
            }
            for (HostRef hr : p.hosts) {
                if (mine && hr.host != null && hr.host != r.me) {
                    c.peer = hr.host;
                }
            }
        }
    }
}
