package org.jdrbd.systest.soak;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdrbd.systest.faults.CloseMode;
import org.jdrbd.systest.faults.FaultProxy;

/**
 * The soak's two nodes and their replication link. Node a (node id 0) listens on 127.0.0.70,
 * node b (node id 1) on 127.0.0.71, protocol C. Neither reaches the other directly: a's path
 * names b at 127.0.0.72, b's names a at 127.0.0.73, and there a {@link FaultProxy} forwards to
 * the real address, its upstream connections bound to the address the target knows the sender
 * by. So every replication byte crosses a proxy, whichever side connected, and partitions and
 * delays are set on both proxies. It also keeps one {@link EventsWatcher} per daemon
 * incarnation and the shared {@link PrimaryTimeline}.
 */
final class SoakCluster implements AutoCloseable {
    static final long DISK_BYTES = 32L << 20;
    /** Short timers, so a cut link is noticed in about a second (timeout < ping-int). */
    static final List<String> NET_OPTIONS = List.of("--protocol=C", "--connect-int=1", "--ping-int=2",
            "--ping-timeout=5", "--timeout=10", "--verify-alg=crc32c");
    private static final Pattern DATA_BYTES = Pattern.compile("\\((\\d+) bytes of data\\)");

    final SoakNode a;
    final SoakNode b;
    final FaultProxy toA;
    final FaultProxy toB;
    final PrimaryTimeline timeline = new PrimaryTimeline();
    private final List<EventsWatcher> watchers = new ArrayList<>();
    private final Map<SoakNode, EventsWatcher> live = new HashMap<>();
    private final Map<SoakNode, Integer> incarnations = new HashMap<>();
    private volatile String step = "setup";
    private SoakNode primary;
    private long dataBytes = -1;

    SoakCluster(Path dir) throws Exception {
        a = new SoakNode(dir, "a", 0, "127.0.0.70", "127.0.0.72", DISK_BYTES, NET_OPTIONS);
        b = new SoakNode(dir, "b", 1, "127.0.0.71", "127.0.0.73", DISK_BYTES, NET_OPTIONS);
        toB = proxy("to-b", "127.0.0.72", b.address, "127.0.0.73");
        toA = proxy("to-a", "127.0.0.73", a.address, "127.0.0.72");
    }

    private static FaultProxy proxy(String name, String listen, String target, String source) throws Exception {
        return FaultProxy.builder().name(name).listen(new InetSocketAddress(listen, 7789))
                .target(new InetSocketAddress(target, 7789)).sourceAddress(InetAddress.getByName(source))
                .maxConnections(64).connectTimeoutMs(1000).finLingerMs(500).start();
    }

    /** Both daemons up, connected, a made Primary with --force and the initial sync done. */
    void up() throws Exception {
        start(a, false);
        start(b, false);
        a.up(b);
        b.up(a);
        awaitState(a, 60, "connected to an Inconsistent peer",
                s -> "Established".equals(s.replication()) && "Inconsistent".equals(s.peerDisk()));
        a.ok("primary", "r0", "--force");
        primary = a;
        awaitSettled(120);
        Matcher m = DATA_BYTES.matcher(a.logText());
        if (m.find()) {
            dataBytes = Long.parseLong(m.group(1));
        }
    }

    private void start(SoakNode n, boolean restart) throws Exception {
        int inc = incarnations.merge(n, 1, Integer::sum);
        if (restart) {
            n.start();
            n.awaitLog("re-adopted", 60);
        } else {
            n.start();
        }
        EventsWatcher w = new EventsWatcher(n.name, inc, restart, () -> step, timeline).start(n.env());
        watchers.add(w);
        live.put(n, w);
        if (restart) {
            n.configureNet();
        }
    }

    /** kill -9; a dead node holds no role from now on. */
    void kill(SoakNode n) throws Exception {
        n.kill9();
        timeline.mark(nowMicros(), n.name, false, "killed");
        EventsWatcher w = live.remove(n);
        if (w != null) {
            w.awaitEnd(10_000);
            if (!w.ended()) {
                throw new SoakFailure(n.name + ": its events2 stream did not end after the kill");
            }
        }
    }

    /** A new jdrbdd on the node's state dir: re-adoption, then net options, path, connect. */
    void restart(SoakNode n) throws Exception {
        start(n, true);
    }

    SoakNode primary() {
        return primary;
    }

    SoakNode secondary() {
        return primary == a ? b : a;
    }

    SoakNode other(SoakNode n) {
        return n == a ? b : a;
    }

    void primaryIs(SoakNode n) {
        primary = n;
    }

    void step(String label) {
        step = label;
    }

    /** The data area's size as the daemon logged it at attach (-1 if not seen). */
    long dataBytes() {
        return dataBytes;
    }

    /** What {@code drbdsetup status r0 --verbose} says now. */
    static ObservedState status(SoakNode n) {
        SoakNode.Result r = n.run("status", "r0", "--verbose");
        if (r.exitCode() != 0) {
            return new ObservedState(null, null, null, null, null, null);
        }
        Map<String, Map<String, String>> objects = new LinkedHashMap<>();
        for (String line : r.output().split("\n")) {
            int indent = line.length() - line.stripLeading().length();
            String kind = indent == 0 ? "resource" : indent == 2
                    ? (line.contains(" disk:") && !line.contains("connection:") ? "device" : "connection")
                    : "peer-device";
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> f = objects.computeIfAbsent(kind, k -> new LinkedHashMap<>());
            for (String w : line.strip().split(" ")) {
                int c = w.indexOf(':');
                if (c > 0) {
                    f.put(w.substring(0, c), w.substring(c + 1));
                }
            }
        }
        Map<String, String> con = objects.get("connection");
        if (con != null) {
            // drbdsetup status prints "connection:" only when not Connected.
            con.putIfAbsent("connection", "Connected");
        }
        return ObservedState.of(objects);
    }

    /** Bounded poll of {@code n}'s status until {@code want} holds; returns that state. */
    ObservedState awaitState(SoakNode n, long timeoutSec, String what, Predicate<ObservedState> want)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        ObservedState last = null;
        while (System.nanoTime() < end) {
            last = status(n);
            if (want.test(last)) {
                return last;
            }
            if (!n.alive()) {
                break;
            }
            Thread.sleep(50); // poll interval of the bounded wait on the condition above
        }
        throw new SoakFailure(n.name + ": never " + what + " within " + timeoutSec + " s; last status: "
                + last);
    }

    /**
     * Bounded wait for the steady state: both connected and Established, both UpToDate, the
     * expected node Primary and the other Secondary.
     */
    void awaitSettled(long timeoutSec) throws Exception {
        for (SoakNode n : List.of(a, b)) {
            String role = n == primary ? "Primary" : "Secondary";
            String peerRole = n == primary ? "Secondary" : "Primary";
            awaitState(n, timeoutSec, role + ", connected, both UpToDate", s -> role.equals(s.role())
                    && "Connected".equals(s.connection()) && "Established".equals(s.replication())
                    && "UpToDate".equals(s.disk()) && "UpToDate".equals(s.peerDisk())
                    && peerRole.equals(s.peerRole()));
        }
    }

    /** Bounded wait until {@code n} no longer has a connection to its peer. */
    void awaitDisconnected(SoakNode n, long timeoutSec) throws Exception {
        awaitState(n, timeoutSec, "lost the connection", s -> s.connection() != null
                && !"Connected".equals(s.connection()));
    }

    /**
     * Replication bytes {@code n} has sent to its peer so far: its side of whichever proxied
     * connections carry them (it is the client on the proxy to its peer, the server on the
     * proxy to itself).
     */
    long bytesSentBy(SoakNode n) {
        FaultProxy toPeer = n == a ? toB : toA;
        FaultProxy toSelf = n == a ? toA : toB;
        return toPeer.clientToServer().bytesForwarded() + toSelf.serverToClient().bytesForwarded();
    }

    /** Cuts both directions on both proxies (new connections refused, open ones blackholed). */
    void partition() {
        toA.partition();
        toB.partition();
    }

    /**
     * Ends a partition: first resets the connections the daemons gave up on while they were
     * blackholed (the proxy would otherwise hold them open), then lets traffic flow again.
     */
    void heal() {
        toA.dropConnections(CloseMode.RESET);
        toB.dropConnections(CloseMode.RESET);
        toA.heal();
        toB.heal();
    }

    /** Every invariant violation seen by any watcher, plus Primary overlaps across nodes. */
    List<String> violations() {
        List<String> out = new ArrayList<>();
        for (EventsWatcher w : watchers) {
            w.violations().forEach(v -> out.add(v.toString()));
        }
        out.addAll(timeline.overlaps());
        return out;
    }

    List<EventsWatcher> watchers() {
        return List.copyOf(watchers);
    }

    /** Daemon log tails, events2 tails and proxy logs of both nodes, for a failure report. */
    String diagnostics() {
        StringBuilder s = new StringBuilder();
        for (SoakNode n : List.of(a, b)) {
            try {
                s.append(n.logTail(60)).append('\n');
            } catch (Exception e) {
                s.append(n.name).append(": log unreadable: ").append(e).append('\n');
            }
            EventsWatcher w = live.get(n);
            if (w != null) {
                s.append(w.recent()).append('\n');
            }
        }
        for (FaultProxy p : List.of(toA, toB)) {
            List<String> l = p.log().dump().lines().toList();
            s.append("--- proxy ").append(p.address()).append(" (last lines)\n")
                    .append(String.join("\n", l.subList(Math.max(0, l.size() - 15), l.size()))).append('\n');
        }
        return s.toString();
    }

    static long nowMicros() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        toA.close();
        toB.close();
    }
}
