package org.jdrbd.handlers;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import org.jdrbd.statemachine.HandlerName;

/**
 * The environment a handler runs with (fact sheets: drbd-semantics §5.4, drbd-utils §2.9).
 *
 * <p>With real DRBD two programs build it: the kernel starts {@code drbdadm <handler> <res>} with
 * a small fixed environment plus device/connection variables, and drbdadm adds its own before it
 * runs {@code /bin/sh -c}. jdrbd keeps the same two layers so the daemon (which plays the kernel
 * and starts the command directly) and jdrbd's drbdadm (called by hand or by scripts) agree:
 * <ul>
 *   <li>{@link #daemonLayer}: HOME, TERM, PATH and nothing else from the daemon's own
 *       environment, then the kernel's variables, plus the 8.4 peer names (DRBD_PEER, DRBD_PEERS);</li>
 *   <li>{@link #drbdadmLayer}: what drbdadm 9 adds on top of whatever it inherited.</li>
 * </ul>
 * drbdadm 9.22 was observed to overwrite DRBD_MINOR, DRBD_VOLUME and DRBD_LL_DISK with the
 * space-separated lists over all local volumes even for device handlers, and to keep an inherited
 * DRBD_MY_NODE_ID; both layers follow that, so the union is exactly what a DRBD 9 script sees.
 */
public final class HandlerEnvironment {
    /** PATH the kernel gives every usermode helper. */
    public static final String PATH = "/sbin:/usr/sbin:/bin:/usr/bin";

    private HandlerEnvironment() {
    }

    /** The full environment for a handler the daemon starts itself (both layers). */
    public static Map<String, String> forDaemon(HandlerRequest req) {
        return drbdadmLayer(daemonLayer(req), req);
    }

    /** The fixed base every handler gets; nothing is inherited from the caller's environment. */
    public static Map<String, String> base() {
        Map<String, String> env = new TreeMap<>();
        env.put("HOME", "/");
        env.put("TERM", "linux");
        env.put("PATH", PATH);
        return env;
    }

    /** What the kernel would set for this call, plus the 8.4-era peer names. */
    public static Map<String, String> daemonLayer(HandlerRequest req) {
        Map<String, String> env = base();
        req.device().ifPresent(v -> putDevice(env, v));
        if (req.device().isEmpty() && req.handler().level() == HandlerName.Level.RESOURCE) {
            putPerVolume(env, req.volumes());
        }
        req.peer().ifPresent(p -> putPeer(env, req, p));
        if (!req.peerHostNames().isEmpty()) {
            env.put("DRBD_PEERS", String.join(" ", req.peerHostNames()));
        }
        if (req.handler() == HandlerName.FENCE_PEER || req.handler() == HandlerName.UNFENCE_PEER) {
            env.put("UP_TO_DATE_NODES", String.format("0x%08X", req.upToDateNodesMask()));
        }
        return env;
    }

    /**
     * Adds drbdadm 9's variables to {@code inherited} (which is kept otherwise, as drbdadm
     * keeps its own environment): DRBD_CONF, DRBD_RESOURCE, the volume lists, DRBD_NODE_ID_n
     * and DRBD_MY_NODE_ID unless already set.
     */
    public static Map<String, String> drbdadmLayer(Map<String, String> inherited, HandlerRequest req) {
        Map<String, String> env = new TreeMap<>(inherited);
        if (req.confFile() != null) {
            env.put("DRBD_CONF", req.confFile());
        }
        env.put("DRBD_RESOURCE", req.resource());
        if (!req.volumes().isEmpty()) {
            env.put("DRBD_MINOR", joined(req.volumes(), v -> Integer.toString(v.minor())));
            env.put("DRBD_VOLUME", joined(req.volumes(), v -> Integer.toString(v.vnr())));
            env.put("DRBD_LL_DISK", joined(req.volumes(), VolumeInfo::llDiskWord));
        }
        req.nodeNames().forEach((id, names) -> env.put("DRBD_NODE_ID_" + id, String.join(" ", names)));
        if (req.myNodeId() >= 0) {
            env.putIfAbsent("DRBD_MY_NODE_ID", Integer.toString(req.myNodeId()));
        }
        return Collections.unmodifiableMap(env);
    }

    private static void putDevice(Map<String, String> env, VolumeInfo v) {
        env.put("DRBD_MINOR", Integer.toString(v.minor()));
        env.put("DRBD_VOLUME", Integer.toString(v.vnr()));
        if (v.exportsBackingDev()) {
            env.put("DRBD_BACKING_DEV", v.configuredDisk());
        }
    }

    /** The kernel's per-volume names for a connection-wide call that has no single device. */
    private static void putPerVolume(Map<String, String> env, List<VolumeInfo> volumes) {
        for (VolumeInfo v : volumes) {
            env.put("DRBD_MINOR_" + v.vnr(), Integer.toString(v.minor()));
            if (v.exportsBackingDev()) {
                env.put("DRBD_BACKING_DEV_" + v.vnr(), v.configuredDisk());
            }
        }
    }

    private static void putPeer(Map<String, String> env, HandlerRequest req, PeerInfo p) {
        if (req.myAddress() != null) {
            env.put("DRBD_MY_ADDRESS", req.myAddress().address());
            env.put("DRBD_MY_AF", req.myAddress().af());
        }
        if (p.address() != null) {
            env.put("DRBD_PEER_ADDRESS", p.address().address());
            env.put("DRBD_PEER_AF", p.address().af());
        }
        if (p.hasNodeId()) {
            env.put("DRBD_PEER_NODE_ID", Integer.toString(p.nodeId()));
        }
        env.put("DRBD_CSTATE", p.connState());
        if (!p.hostNames().isEmpty()) {
            // drbdadm 8.4 exported the peer's name; 9 scripts derive it from DRBD_NODE_ID_n.
            env.put("DRBD_PEER", p.hostNames().get(0));
        }
    }

    private static String joined(List<VolumeInfo> volumes, Function<VolumeInfo, String> f) {
        StringJoiner j = new StringJoiner(" ");
        volumes.forEach(v -> j.add(f.apply(v)));
        return j.toString();
    }
}
