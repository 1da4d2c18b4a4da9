package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.FileHashes.sha256;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdrbd.systest.faults.ByteFault;
import org.jdrbd.systest.faults.ByteFaults;
import org.jdrbd.systest.faults.CloseMode;
import org.jdrbd.systest.faults.DirectionControl;
import org.jdrbd.systest.faults.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Scenario: the daemon-level packet fuzzer. Two real jdrbdd processes replicate r0 (protocol C)
 * and every replication byte crosses a fault proxy (a at 127.0.0.86 names b at 127.0.0.84, b
 * names a at 127.0.0.85). In each seeded round one or all of the four stream directions (data
 * and meta socket traffic both ways, whichever side connected) get a seeded mutation: bytes
 * flipped at a rate from one per 32 B (handshakes rarely survive) to one per 32 KiB (headers,
 * sequence numbers, block ids, UUIDs, states and payloads of established connections), random
 * garbage from an offset, or a cut mid-packet. The open connections are dropped so the next
 * handshake is fuzzed too; a (Primary) writes 1 MiB of seeded data through NBD, and the round
 * lasts until the faulted directions carried another 64 KiB or 4 s passed (a mutated handshake
 * may keep the link down; the daemons retry every second).
 * Expectation: neither daemon dies, throws (no stack trace, no "Unhandled exception", no
 * AssertionError in either log: the daemons run with -ea) or stops answering status; every
 * write through NBD on a completes; a's data is exactly the last data written (nothing a peer
 * sends may change the Primary's data); after the fuzzing b is recreated with fresh meta data
 * and a brings it to UpToDate with identical data, so a's replication survived the attack.
 * The seed is printed; -Dfuzz.seed=N replays it, -Dfuzz.rounds=N runs longer.
 * Why: issue 6 asks for a packet fuzzer in CI with a bounded budget. The codec-level fuzzers
 * (daemon PacketFuzzTest) stop at parsing; this one reaches the handshake, the state machine,
 * acks, barriers and resync with mutated but mostly well-framed traffic.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WireFuzzTest extends TwoNodeTest {
    private static final long DISK_BYTES = 16L << 20;
    private static final long ROUND_BYTES = 64L << 10;
    private static final long ROUND_TIMEOUT_SEC = 4;
    private static final int WRITE_BLOCKS = 256;
    private static final List<String> NET = List.of("--protocol=C", "--connect-int=1", "--ping-int=1",
            "--ping-timeout=5", "--timeout=10", "--ko-count=3");

    private final List<FaultProxy> proxies = new ArrayList<>();

    @AfterEach
    void closeProxies() {
        proxies.forEach(FaultProxy::close);
    }

    @Test
    void mutatedReplicationTrafficNeitherKillsNorCorrupts() throws Exception {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        int rounds = Integer.getInteger("fuzz.rounds", 12);
        System.out.println("WireFuzzTest seed " + seed + " (-Dfuzz.seed=" + seed + "), rounds " + rounds);
        SplittableRandom random = new SplittableRandom(seed);

        a = new Node(dir, "a", 0, "127.0.0.86", DISK_BYTES);
        b = new Node(dir, "b", 1, "127.0.0.87", DISK_BYTES);
        FaultProxy toB = proxy("to-b", "127.0.0.84", b.address, "127.0.0.85");
        FaultProxy toA = proxy("to-a", "127.0.0.85", a.address, "127.0.0.84");
        a.start();
        b.start();
        up(a, b, "127.0.0.84");
        up(b, a, "127.0.0.85");
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate");

        List<DirectionControl> directions = List.of(toB.clientToServer(), toB.serverToClient(),
                toA.clientToServer(), toA.serverToClient());
        Path written = null;
        List<String> plan = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            ByteFault fault = fault(random);
            List<DirectionControl> hit = random.nextInt(4) == 0 ? directions
                    : List.of(directions.get(random.nextInt(directions.size())));
            plan.add("round " + round + ": " + fault + " on " + hit.size() + " direction(s)");
            hit.forEach(d -> d.byteFault(fault));
            toA.dropConnections(CloseMode.RESET);
            toB.dropConnections(CloseMode.RESET);
            long started = System.nanoTime();
            long[] before = hit.stream().mapToLong(DirectionControl::bytesForwarded).toArray();
            written = DataChecks.writeThroughNbd(a, WRITE_BLOCKS, seed + round);
            boolean full = awaitTraffic(hit);
            System.out.printf("round %d: %s on %d direction(s): %s after %d ms, bytes %s -> %s%n", round, fault,
                    hit.size(), full ? "traffic done" : "time up", (System.nanoTime() - started) / 1_000_000,
                    java.util.Arrays.toString(before),
                    hit.stream().map(d -> Long.toString(d.bytesForwarded())).toList());
            directions.forEach(d -> d.byteFault(ByteFault.NONE));
            assertAlive(plan);
        }

        assertThat(sha256(a.disk, WRITE_BLOCKS * 4096L)).as("a's data is what was written last; " + plan)
                .isEqualTo(sha256(written, WRITE_BLOCKS * 4096L));
        assertNoThrowable(a, plan);
        assertNoThrowable(b, plan);

        // Whatever state the fuzzing left b in, a must still bring a fresh peer up to date: b
        // takes its resource down and gets new meta data (just-created UUIDs: a full sync from a).
        toA.dropConnections(CloseMode.RESET);
        toB.dropConnections(CloseMode.RESET);
        b.ok("down", "r0");
        Files.delete(b.disk);
        Node.createMeta(b.disk, DISK_BYTES);
        up(b, a, "127.0.0.85");
        if (a.run("status", "r0", "--verbose").output().contains("connection:StandAlone")) {
            a.ok("connect", "r0", "1");
        }
        a.awaitStatus(120, "role:Primary", "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate");
        DataChecks.awaitSameData(a, b, WireSetup.usableBytes(a));
        assertNoThrowable(a, plan);
        assertNoThrowable(b, plan);
    }

    private static ByteFault fault(SplittableRandom random) {
        long seed = random.nextLong();
        return switch (random.nextInt(5)) {
            case 0 -> ByteFaults.flipBytes(seed, 32);
            case 1 -> ByteFaults.flipBytes(seed, 512);
            case 2 -> ByteFaults.flipBytes(seed, 32 << 10);
            case 3 -> ByteFaults.garbageFrom(random.nextLong(64 << 10), seed);
            default -> ByteFaults.cutAfter(random.nextLong(64 << 10), CloseMode.FIN);
        };
    }

    /**
     * Waits until every faulted direction carried ROUND_BYTES more (true), or the round's time
     * ends (false).
     */
    private static boolean awaitTraffic(List<DirectionControl> hit) throws Exception {
        List<CompletableFuture<Long>> more = hit.stream()
                .map(d -> d.whenForwarded(d.bytesForwarded() + ROUND_BYTES)).toList();
        try {
            CompletableFuture.allOf(more.toArray(CompletableFuture[]::new))
                    .get(ROUND_TIMEOUT_SEC, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            // A mutated handshake may keep the link down for the whole round: that is allowed.
            return false;
        }
    }

    private void assertAlive(List<String> plan) throws Exception {
        for (Node n : List.of(a, b)) {
            assertThat(n.process.isAlive()).as(n.name + " alive after " + plan + "\n" + n.logText()).isTrue();
            Node.Result status = n.run("status", "r0", "--verbose");
            assertThat(status.exitCode()).as(n.name + " answers status: " + status.output()).isZero();
        }
    }

    private static void assertNoThrowable(Node n, List<String> plan) throws Exception {
        List<String> bad = new ArrayList<>();
        for (String line : Files.readAllLines(n.log)) {
            if (line.startsWith("\tat ") || line.contains("Unhandled exception")
                    || line.contains("AssertionError") || line.contains("OutOfMemoryError")) {
                bad.add(line);
            }
        }
        assertThat(bad).as(n.name + " threw during " + plan + "\n" + n.logText()).isEmpty();
    }

    /** r0 towards {@code peer}, whose address this node reaches through {@code peerVia}. */
    private static void up(Node n, Node peer, String peerVia) throws Exception {
        n.ok("new-resource", "r0", Integer.toString(n.nodeId));
        n.ok("new-minor", "r0", "0", "0");
        List<String> np = new ArrayList<>(List.of("new-peer", "r0", Integer.toString(peer.nodeId)));
        np.addAll(NET);
        n.ok(np.toArray(String[]::new));
        n.ok("new-path", "r0", Integer.toString(peer.nodeId), "ipv4:" + n.address + ":7789",
                "ipv4:" + peerVia + ":7789");
        n.ok("attach", "0", n.disk.toString(), n.disk.toString(), "internal");
        n.ok("connect", "r0", Integer.toString(peer.nodeId));
    }

    private FaultProxy proxy(String name, String listen, String target, String source) throws Exception {
        FaultProxy p = FaultProxy.builder().name(name).listen(new InetSocketAddress(listen, 7789))
                .target(new InetSocketAddress(target, 7789)).sourceAddress(InetAddress.getByName(source))
                .maxConnections(256).connectTimeoutMs(1000).finLingerMs(200).start();
        proxies.add(p);
        return p;
    }
}
