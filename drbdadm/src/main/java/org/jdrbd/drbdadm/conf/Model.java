package org.jdrbd.drbdadm.conf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed drbd.conf tree. Mutable on purpose: the post-parse pass fills in inherited
 * options, implicit volumes, node-ids and connections exactly as drbd-utils does.
 */
public final class Model {
    private Model() { }

    /** One "name value;" (value null for a flag), with the line it was written on. */
    public record Opt(String name, String value, int line) { }

    /** An ordered option list with drbd-utils' inheritance rule (prepend what is missing). */
    public static final class Opts {
        public final List<Opt> list = new ArrayList<>();

        public Opt get(String name) {
            for (Opt o : list) {
                if (o.name().equals(name)) {
                    return o;
                }
            }
            return null;
        }

        public boolean isEmpty() {
            return list.isEmpty();
        }

        /** Each parent option the child lacks is put in front, in parent order (so reversed). */
        public void inherit(Opts parent) {
            for (Opt o : parent.list) {
                if (get(o.name()) == null) {
                    list.add(0, o);
                }
            }
        }

        public Opts copy() {
            Opts c = new Opts();
            c.list.addAll(list);
            return c;
        }
    }

    /** address [AF] ADDR:PORT. */
    public record Address(String af, String addr, String port, int line) {
        /** drbdsetup form: af:addr:port with brackets for ipv6. */
        public String setupForm() {
            return af + ":" + (af.equals("ipv6") ? "[" + addr + "]" : addr) + ":" + port;
        }
    }

    /** One volume (explicit or implicit volume 0). */
    public static final class Volume {
        public int vnr;
        public boolean implicit;
        public String device;
        public int minor = -1;
        public boolean deviceGiven;
        public boolean deviceNameGiven;
        /** The device was written in a host section (its minor is claimed while parsing). */
        public boolean deviceFromHost;
        public String disk;
        public String metaDisk;
        public String metaIndex;
        public boolean flexibleKeyword;
        public Opts diskOpts = new Opts();
        public Opts pdOpts = new Opts();
        public int line;

        public Volume copy() {
            Volume v = new Volume();
            v.vnr = vnr;
            v.implicit = implicit;
            v.device = device;
            v.minor = minor;
            v.deviceGiven = deviceGiven;
            v.deviceNameGiven = deviceNameGiven;
            v.deviceFromHost = deviceFromHost;
            v.disk = disk;
            v.metaDisk = metaDisk;
            v.metaIndex = metaIndex;
            v.flexibleKeyword = flexibleKeyword;
            v.diskOpts = diskOpts.copy();
            v.pdOpts = pdOpts.copy();
            v.line = line;
            return v;
        }
    }

    /** Kinds of host sections. */
    public enum HostKind {
        /** on NAME… { } */ ON,
        /** floating [AF] ADDR:PORT { } */ FLOATING,
        /** stacked-on-top-of LOWER { } */ STACKED,
        /** _this_host { } from drbdsetup show */ THIS_HOST,
        /** _remote_host { } from drbdsetup show */ REMOTE_HOST
    }

    /** A host section. */
    public static final class Host {
        public HostKind kind = HostKind.ON;
        public final List<String> names = new ArrayList<>();
        public String lowerName;
        public String nodeId;
        public Address address;
        public final List<Volume> volumes = new ArrayList<>();
        /** Volumes as written in this section (before resource volumes were merged in). */
        public final List<Volume> ownVolumes = new ArrayList<>();
        public Opts resOpts = new Opts();
        public Proxy proxy;
        public int line;
        public boolean implicitNodeId;

        public Volume volume(int vnr) {
            for (Volume v : volumes) {
                if (v.vnr == vnr) {
                    return v;
                }
            }
            return null;
        }

        /** Names joined with '_' (drbdsetup --_name of a peer). */
        public String joinedNames() {
            return String.join("_", names);
        }
    }

    /** proxy on NAME { inside …; outside …; options {…} }. */
    public static final class Proxy {
        public final List<String> names = new ArrayList<>();
        public Address inside;
        public Address outside;
        public Opts opts = new Opts();
        public List<String> plugins = new ArrayList<>();
        public int line;
    }

    /** host NAME [address …|port N] inside a connection or path. */
    public static final class HostRef {
        public String name;
        public Address address;
        public boolean explicitAddress;
        public String port;
        public Host host;
        public int line;
    }

    /** One path: up to two host references. */
    public static final class Path {
        public final List<HostRef> hosts = new ArrayList<>();
        public int line;
    }

    /** An explicit, mesh-generated or implicit connection. */
    public static final class Connection {
        public String name;
        public final List<Path> paths = new ArrayList<>();
        public boolean implicitPath;
        public Opts net = new Opts();
        public Opts pdOpts = new Opts();
        public final Map<Integer, Opts> volumePd = new LinkedHashMap<>();
        public boolean implicit;
        public boolean fromMesh;
        public String peerNodeId;
        public boolean standalone;
        public int line;
        /** Filled by post-parse: the host at the other end (for this host). */
        public Host peer;
    }

    /** connection-mesh { hosts …; net { } }. */
    public static final class Mesh {
        public final List<String> hosts = new ArrayList<>();
        public Opts net = new Opts();
        public int line;
    }

    /** resource NAME { } (also used for common). */
    public static final class Resource {
        public String name;
        public String file;
        public String printFile;
        public int line;
        public final List<Host> hosts = new ArrayList<>();
        public final List<Volume> volumes = new ArrayList<>();
        public final List<Connection> connections = new ArrayList<>();
        public final List<Mesh> meshes = new ArrayList<>();
        public Opts net = new Opts();
        public Opts disk = new Opts();
        public Opts pd = new Opts();
        public Opts options = new Opts();
        public Opts startup = new Opts();
        public Opts handlers = new Opts();
        public Opts proxy = new Opts();
        public List<String> proxyPlugins = new ArrayList<>();
        public String templateFile;
        public boolean ignored;
        public boolean stacked;
        public Host me;
        public boolean peerDevicesAdded;

        public Volume volume(int vnr) {
            for (Volume v : volumes) {
                if (v.vnr == vnr) {
                    return v;
                }
            }
            return null;
        }
    }

    /** The whole configuration. */
    public static final class Config {
        public String file;
        public final Map<String, String> global = new LinkedHashMap<>();
        public Resource common;
        public final List<Resource> resources = new ArrayList<>();
        public boolean globalSeen;
        /** Line number at the end of the top-level file (some drbd-utils messages use it). */
        public int endLine;

        public Resource resource(String name) {
            for (Resource r : resources) {
                if (r.name.equals(name)) {
                    return r;
                }
            }
            return null;
        }
    }
}
