package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.FileHashes.sha256;
import static org.jdrbd.systest.repl.WirePeer.P_BARRIER;
import static org.jdrbd.systest.repl.WirePeer.P_BITMAP;
import static org.jdrbd.systest.repl.WirePeer.P_DATA;
import static org.jdrbd.systest.repl.WirePeer.P_PING;
import static org.jdrbd.systest.repl.WirePeer.UNKNOWN_COMMAND;
import static org.jdrbd.systest.repl.WirePeer.concat;
import static org.jdrbd.systest.repl.WirePeer.h100;
import static org.jdrbd.systest.repl.WirePeer.h80;
import static org.jdrbd.systest.repl.WireSetup.assertServing;
import static org.jdrbd.systest.repl.WireSetup.awaitLogSince;
import static org.jdrbd.systest.repl.WireSetup.awaitNbdcopy;
import static org.jdrbd.systest.repl.DataChecks.awaitSameData;
import static org.jdrbd.systest.repl.WireSetup.awaitStatus;
import static org.jdrbd.systest.repl.WireSetup.logMark;
import static org.jdrbd.systest.repl.WireSetup.nbdUri;
import static org.jdrbd.systest.repl.WireSetup.randomFile;
import static org.jdrbd.systest.repl.WireSetup.resource;
import static org.jdrbd.systest.repl.WireSetup.startNbdcopy;
import static org.jdrbd.systest.repl.WireSetup.usableBytes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jdrbd.systest.faults.Direction;
import org.jdrbd.systest.faults.FaultProxy;
import org.jdrbd.systest.faults.ProxiedConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: real jdrbdd processes (loopback 127.0.0.30-39) whose replication port faces a hostile
 * or broken peer: (1) a plain socket writing random bytes, an h80 header with an unknown command
 * as first packet, and a fake peer that completes the socket pairing and feature exchange and
 * then sends an unknown command or random bytes; afterwards the real peer connects; (2) a fake
 * peer whose h100 headers lie about the payload length (longer or shorter than the packet's
 * struct, above the largest packet, a payload on a meta packet, more announced than follows,
 * then FIN or silence) and a peer that streams 256 MiB into a data socket it never pairs with
 * a meta socket; (3) a real peer behind a fault proxy that stops reading the data socket
 * while the Primary writes (protocol C, ko-count 2, timeout 0.5 s); (4) one daemon with two
 * resources, r0's port flooded with garbage and fake peers while r1 replicates to a second
 * daemon.
 * Expectation: every bad connection is closed by the daemon and the reason is logged (DRBD's
 * wording where it has one: "Wrong magic value", "Unexpected data packet", the payload size
 * against the allowed range, "PingAck did not arrive in time", "peer did not answer for
 * ko-count x timeout"); bytes that cannot be parsed yet are kept only up to a bound (live heap
 * growth under 64 MiB for 256 MiB sent); the daemon stays alive, answers status, its backing
 * data is unchanged (sha256 before/after) and it keeps serving: the real peer connects and replicates afterwards,
 * a Primary whose peer stopped reading drops the connection after ko-count timeouts, completes
 * its writes locally with the blocks marked out of sync, and resyncs to identical data when the
 * peer reads again; r1 replicates undisturbed while r0 is attacked.
 * Why: the replication port is reachable by anyone on the network; a broken or hostile peer
 * must cost one connection attempt, never the daemon, its data or its other resources (issue 6).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WireFaultTest {
    private static final long DISK_BYTES = 16L << 20;
    /** Random data put into the data area before attach, so "unchanged" means something. */
    private static final long PREFILL_BYTES = 8L << 20;

    @TempDir
    Path dir;
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
    }

    /**
     * A node whose handlers all succeed: these tests are about the wire, so no resync may depend
     * on whichever drbdadm the machine has on its PATH.
     */
    private Node node(String name, int id, String address) throws Exception {
        Node n = new Node(dir, name, id, address, DISK_BYTES);
        Path helper = n.dir.resolve("helper.sh");
        Files.writeString(helper, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        n.daemonArgs.addAll(List.of("--usermode-helper", helper.toString()));
        nodes.add(n);
        return n;
    }

    @Test
    void garbageAndUnknownCommandsAreRefusedThenTheRealPeerReplicates() throws Exception {
        Node x = node("x", 0, "127.0.0.30");
        Node b = node("b", 1, "127.0.0.31");
        WireSetup.fillRandom(x.disk, PREFILL_BYTES, 1);
        x.start();
        x.up(b);
        x.awaitStatus(30, "connection:Connecting");
        long usable = usableBytes(x);
        String before = sha256(x.disk, usable);
        InetSocketAddress port = new InetSocketAddress(x.address, 7789);

        int mark = logMark(x);
        assertThat(sendAndAwaitClose(b.address, port, randomBytes(64 << 10, 11)))
                .as("random bytes: connection closed by the daemon").isTrue();
        awaitLogSince(x, mark, "Error receiving initial packet: Wrong magic value", 10);

        mark = logMark(x);
        assertThat(sendAndAwaitClose(b.address, port, h80(UNKNOWN_COMMAND, 0)))
                .as("unknown first packet: connection closed by the daemon").isTrue();
        awaitLogSince(x, mark, "Error receiving initial packet: first packet is 0x4242", 10);

        mark = logMark(x);
        try (WirePeer p = WirePeer.handshake(b.address, port, 20)) {
            assertThat(p.offeredMin).isEqualTo(86);
            assertThat(p.offeredMax).isEqualTo(101);
            p.sendData(h100(0, UNKNOWN_COMMAND, 0));
            assertThat(WirePeer.awaitClosedByPeer(p.data, 10)).as("closed after unknown command").isTrue();
        }
        awaitLogSince(x, mark, "[r0] protocol error: Unexpected data packet 0x4242 (unknown command)", 10);

        mark = logMark(x);
        try (WirePeer p = WirePeer.handshake(b.address, port, 20)) {
            p.sendData(randomBytes(4096, 12));
            assertThat(WirePeer.awaitClosedByPeer(p.data, 10)).as("closed after garbage").isTrue();
        }
        awaitLogSince(x, mark, "[r0] protocol error: Wrong magic value", 10);
        assertServing(x, "r0");
        assertThat(sha256(x.disk, usable)).as("x's data after the attacks").isEqualTo(before);

        b.start();
        b.up(x);
        x.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        x.ok("primary", "r0", "--force");
        x.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        assertThat(sha256(x.disk, usable)).as("x's data after the sync").isEqualTo(before);
        awaitSameData(x.disk, b.disk, usable);
        Path src = randomFile(dir.resolve("after.bin"), 1 << 20, 13);
        awaitNbdcopy(startNbdcopy(src, x.nbdUri(), dir.resolve("nbdcopy.log")), dir.resolve("nbdcopy.log"), 60);
        assertThat(sha256(x.disk, 1 << 20)).isEqualTo(sha256(src, 1 << 20));
        awaitSameData(x.disk, b.disk, usable);
    }

    /** One lying packet: where it goes, its bytes, how the sender goes on, what the daemon logs. */
    private record Lie(String name, boolean onMeta, byte[] bytes, Then then, String expectedLog) {
    }

    /** What the fake peer does after sending the lie. */
    private enum Then {
        /** Keeps both sockets open (the daemon's own validation must end the connection). */
        STAY,
        /** Shuts its data socket's output down (FIN) in the middle of the announced payload. */
        FIN,
        /** Stays silent and answers no ping: only the keep-alive can end the connection. */
        SILENCE
    }

    private static final int P_DATA_STRUCT = 24;

    private static List<Lie> lies() {
        return List.of(
                new Lie("longer than its struct", false, concat(h100(0, P_BARRIER, 64), new byte[64]),
                        Then.STAY, "[r0] protocol error: P_BARRIER: payload of 64 bytes, expected exactly 8"),
                new Lie("shorter than its struct", false, concat(h100(0, P_BARRIER, 4), new byte[4]),
                        Then.STAY, "[r0] protocol error: P_BARRIER: payload of 4 bytes, expected exactly 8"),
                new Lie("near 4 GiB, beyond any maximum", false, h100(0, P_DATA, 0xFFFFFFF0L), Then.STAY,
                        "[r0] protocol error: P_DATA: payload of 4294967280 bytes, expected 24..1048600"),
                new Lie("one byte over the largest data packet", false,
                        h100(0, P_DATA, P_DATA_STRUCT + (1 << 20) + 1), Then.STAY,
                        "[r0] protocol error: P_DATA: payload of 1048601 bytes, expected 24..1048600"),
                new Lie("bitmap packet over the 4 KiB socket buffer", false, h100(0, P_BITMAP, 8192),
                        Then.STAY, "[r0] protocol error: P_BITMAP: payload of 8192 bytes, expected 0..4080"),
                new Lie("meta packet with a payload", true, concat(h100(0, P_PING, 8), new byte[8]),
                        Then.STAY, "[r0] protocol error: P_PING: payload of 8 bytes, expected exactly 0"),
                new Lie("announces 4 KiB of data, sends 1000 bytes, then FIN", false,
                        concat(h100(0, P_DATA, P_DATA_STRUCT + 4096), new byte[P_DATA_STRUCT + 1000]),
                        Then.FIN, "[r0] connection lost (BrokenPipe)"),
                new Lie("announces 4 KiB of data, sends 1000 bytes, then silence", false,
                        concat(h100(0, P_DATA, P_DATA_STRUCT + 4096), new byte[P_DATA_STRUCT + 1000]),
                        Then.SILENCE, "PingAck did not arrive in time."));
    }

    @Test
    void lyingLengthsAreRefusedWithoutWaitingOrAllocating() throws Exception {
        Node x = node("x", 0, "127.0.0.32");
        Node peer = new Node(dir, "peer", 1, "127.0.0.33", DISK_BYTES); // never started: address only
        WireSetup.fillRandom(x.disk, PREFILL_BYTES, 2);
        x.start();
        // ping-int 1 s: the silent peer is found out in about 1.5 s.
        x.up(peer, "--ping-int=1");
        x.awaitStatus(30, "connection:Connecting");
        long usable = usableBytes(x);
        String before = sha256(x.disk, usable);
        InetSocketAddress port = new InetSocketAddress(x.address, 7789);
        // First, while the daemon's listener is the one it started with (after a lost
        // connection it is replaced, and a socket accepted by the old one is reset).
        heldBytesAreBounded(x, port, peer.address);
        for (Lie lie : lies()) {
            int mark = logMark(x);
            try (WirePeer p = WirePeer.handshake(peer.address, port, 20)) {
                if (lie.onMeta()) {
                    p.sendMeta(lie.bytes());
                } else {
                    p.sendData(lie.bytes());
                }
                if (lie.then() == Then.FIN) {
                    p.data.shutdownOutput();
                }
                // Whatever the peer does, the daemon keeps answering.
                assertServing(x, "r0");
                assertThat(WirePeer.awaitClosedByPeer(p.data, 10)).as(lie.name() + ": closed by the daemon")
                        .isTrue();
            }
            String logged = awaitLogSince(x, mark, lie.expectedLog(), 10);
            // No failure inside jdrbd's own code (a stack trace through org.jdrbd) and no OOM.
            assertThat(logged).as(lie.name()).doesNotContain("OutOfMemoryError").doesNotContain("at org.jdrbd.");
            assertServing(x, "r0");
        }
        assertThat(sha256(x.disk, usable)).as("x's data after the lies").isEqualTo(before);
    }

    /**
     * A peer that identifies a data socket, sends its P_CONNECTION_FEATURES at once (as a real
     * peer may, before the daemon has both sockets) and then streams 256 MiB while it never opens
     * the meta socket: the daemon must not keep what it cannot parse yet without bound. Its live
     * heap after a full GC is the measure. The socket is then closed unpaired (pairing it is the
     * disabled test below).
     */
    private void heldBytesAreBounded(Node x, InetSocketAddress port, String bindHost) throws Exception {
        long heapBefore = WireHeap.liveHeapBytes(x);
        int mark = logMark(x);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Socket d = WirePeer.connect(bindHost, port, end)) {
            d.getOutputStream().write(concat(h80(WirePeer.P_INITIAL_DATA, 0),
                    h80(WirePeer.P_CONNECTION_FEATURES, WirePeer.FEATURES_BYTES), WirePeer.features(86, 101)));
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 256; i++) {
                d.getOutputStream().write(chunk);
            }
            d.getOutputStream().flush();
            awaitLogSince(x, mark, "peer sent more than", 10);
            long heapAfter = WireHeap.liveHeapBytes(x);
            assertThat(heapAfter - heapBefore).as("live heap growth after 256 MiB held back (before %d, after %d)",
                    heapBefore, heapAfter).isLessThan(64L << 20);
            assertServing(x, "r0");
        }
    }

    /*
     * Scenario: a peer with an incompatible protocol range (102..110) sends its features packet
     * right after identifying its data socket, then opens its meta socket. The daemon reads that
     * packet while it still holds the unpaired socket and acts on it during the hand-over.
     * Expectation: "incompatible DRBD dialects" logged, StandAlone, no stack trace.
     * Found: Connection.paired() calls meta.deliverTo(..) after data.deliverTo(..) has already
     * torn the connection down (giveUp/protocolError set this.meta to null): a
     * NullPointerException trace through org.jdrbd.daemon.repl.Connection.paired in the log.
     * Enable once Connection.paired uses its parameters or checks that the pair is still current.
     */
    @Test
    void aPacketHeldBeforePairingThatEndsTheConnectionIsHandledCleanly() throws Exception {
        Node x = node("x", 0, "127.0.0.30");
        Node peer = new Node(dir, "peer", 1, "127.0.0.31", DISK_BYTES); // never started: address only
        x.start();
        x.up(peer);
        x.awaitStatus(30, "connection:Connecting");
        InetSocketAddress port = new InetSocketAddress(x.address, 7789);
        int mark = logMark(x);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Socket d = WirePeer.connect(peer.address, port, end);
                Socket m = WirePeer.connect(peer.address, port, end)) {
            d.getOutputStream().write(concat(h80(WirePeer.P_INITIAL_DATA, 0),
                    h80(WirePeer.P_CONNECTION_FEATURES, WirePeer.FEATURES_BYTES), WirePeer.features(102, 110)));
            m.getOutputStream().write(h80(WirePeer.P_INITIAL_META, 0));
            assertThat(WirePeer.awaitClosedByPeer(d, 10)).as("closed by the daemon").isTrue();
        }
        x.awaitStatus(10, "connection:StandAlone");
        String logged = awaitLogSince(x, mark, "incompatible DRBD dialects", 10);
        assertServing(x, "r0");
        assertThat(logged).doesNotContain("NullPointerException").doesNotContain("at org.jdrbd.");
    }

    @Test
    void aPeerThatStopsReadingIsDroppedAfterKoCountTimeoutsThenResynced() throws Exception {
        Node a = node("a", 0, "127.0.0.34");
        Node b = node("b", 1, "127.0.0.35");
        a.start();
        b.start();
        try (FaultProxy toB = FaultProxy.builder().name("a-to-b")
                .listen(new InetSocketAddress("127.0.0.36", 0))
                .target(new InetSocketAddress(b.address, 7789))
                .sourceAddress(InetAddress.getByName(a.address)).start()) {
            String[] net = {"--protocol=C", "--ko-count=2", "--timeout=5"};
            resource(a, "r0", 0, a.disk, a.address + ":7789", "127.0.0.36:" + toB.address().getPort(), 1, net);
            // b's own attempts go to an address where nothing listens: every connection passes the proxy.
            resource(b, "r0", 0, b.disk, b.address + ":7789", "127.0.0.36:7789", 0, net);
            a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
            a.ok("primary", "r0", "--force");
            a.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
            b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
            long usable = usableBytes(a);
            awaitSameData(a.disk, b.disk, usable);
            String bBefore = sha256(b.disk, usable);
            // The data socket is the one that carried the initial sync from a to b.
            ProxiedConnection dataSocket = toB.openConnections().stream()
                    .max(Comparator.comparingLong(c -> c.bytesForwarded(Direction.CLIENT_TO_SERVER)))
                    .orElseThrow();
            assertThat(dataSocket.bytesForwarded(Direction.CLIENT_TO_SERVER)).isGreaterThan(usable / 2);

            int mark = logMark(a);
            toB.refuseNewConnections(true);
            dataSocket.blackhole(Direction.CLIENT_TO_SERVER);
            long writeBytes = 4L << 20;
            Path src = randomFile(dir.resolve("outage.bin"), writeBytes, 31);
            Path copyLog = dir.resolve("nbdcopy.log");
            awaitNbdcopy(startNbdcopy(src, a.nbdUri(), copyLog), copyLog, 60);
            String lost = awaitLogSince(a, mark, "connection lost (Timeout)", 10);
            assertThat(lost).contains("peer slow to answer: ko-count 1 left")
                    .contains("peer did not answer for ko-count x timeout (2 x 5 tenths)");
            a.awaitStatus(10, "role:Primary", "disk:UpToDate", "connection:Connecting");
            assertThat(sha256(a.disk, writeBytes)).as("a wrote locally").isEqualTo(sha256(src, writeBytes));
            assertThat(sha256(b.disk, usable)).as("b got none of it").isEqualTo(bBefore);
            assertServing(a, "r0");
            assertServing(b, "r0");

            int bMark = logMark(b);
            toB.refuseNewConnections(false);
            a.awaitStatus(60, "peer-disk:UpToDate", "replication:Established");
            b.awaitStatus(60, "disk:UpToDate", "replication:Established");
            // The bitmap held exactly the blocks written while the peer did not read.
            awaitLogSince(b, bMark, "resync started as SyncTarget: " + writeBytes / 1024 + " KiB to sync", 10);
            awaitStatus(a, "r0", 10, "out-of-sync:0");
            awaitSameData(a.disk, b.disk, usable);
        }
    }

    @Test
    void aSecondResourceKeepsReplicatingWhileTheFirstIsAttacked() throws Exception {
        Node x = node("x", 0, "127.0.0.37");
        Node y = node("y", 1, "127.0.0.38");
        String attacker = "127.0.0.39";
        Path xR1 = x.dir.resolve("r1.img");
        Node.createMeta(xR1, DISK_BYTES);
        WireSetup.fillRandom(x.disk, PREFILL_BYTES, 4);
        x.start();
        y.start();
        // r0's peer address has no listener: only the attacker ever talks to r0.
        resource(x, "r0", 0, x.disk, x.address + ":7789", attacker + ":7789", 1);
        resource(x, "r1", 1, xR1, x.address + ":7790", y.address + ":7790", 1);
        resource(y, "r1", 1, y.disk, y.address + ":7790", x.address + ":7790", 0);
        awaitStatus(x, "r1", 60, "peer-disk:Inconsistent", "replication:Established");
        x.ok("primary", "r1", "--force");
        awaitStatus(x, "r1", 60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        long usable = usableBytes(x);
        String r0Before = sha256(x.disk, usable);
        int mark = logMark(x);

        InetSocketAddress r0Port = new InetSocketAddress(x.address, 7789);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger attacks = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread flood = new Thread(() -> {
            try {
                for (int i = 0; !stop.get(); i++) {
                    boolean closed;
                    if (i % 4 == 3) {
                        try (WirePeer p = WirePeer.handshake(attacker, r0Port, 20)) {
                            p.sendData(randomBytes(64 << 10, 100 + i));
                            closed = WirePeer.awaitClosedByPeer(p.data, 10);
                        }
                    } else {
                        closed = sendAndAwaitClose(attacker, r0Port, randomBytes(64 << 10, 100 + i));
                    }
                    if (!closed) {
                        throw new AssertionError("attack " + i + " on r0 was not closed by the daemon");
                    }
                    attacks.incrementAndGet();
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "r0-attacker");
        flood.start();
        try {
            awaitCount(attacks, 2, failure);
            Path src = randomFile(dir.resolve("r1.bin"), 8L << 20, 41);
            Path copyLog = dir.resolve("nbdcopy.log");
            awaitNbdcopy(startNbdcopy(src, nbdUri(x, "r1"), copyLog), copyLog, 60);
            awaitCount(attacks, 8, failure);
            stop.set(true);
            flood.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(flood.isAlive()).as("attacker thread ended").isFalse();
            assertThat(failure.get()).as("attacks").isNull();
            assertThat(sha256(xR1, 8L << 20)).isEqualTo(sha256(src, 8L << 20));
            awaitSameData(xR1, y.disk, usable);
        } finally {
            stop.set(true);
        }
        String since = awaitLogSince(x, mark, "[r0] protocol error: Wrong magic value", 10);
        assertThat(since).contains("Error receiving initial packet: Wrong magic value")
                .doesNotContain("[r1] connection lost").doesNotContain("[r1] protocol error");
        awaitStatus(x, "r1", 10, "role:Primary", "peer-disk:UpToDate", "replication:Established");
        awaitStatus(y, "r1", 10, "disk:UpToDate", "replication:Established");
        assertServing(x, "r0");
        assertServing(y, "r1");
        assertThat(sha256(x.disk, usable)).as("r0's data after the attacks").isEqualTo(r0Before);
    }

    /** Bounded wait until the attacker made {@code n} attacks; fails early with its error. */
    private static void awaitCount(AtomicInteger count, int n, AtomicReference<Throwable> failure)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count.get() < n && failure.get() == null && System.nanoTime() < end) {
            Thread.sleep(50); // poll interval of a bounded wait on the condition above
        }
        if (failure.get() != null) {
            throw new AssertionError("attacker failed", failure.get());
        }
        assertThat(count.get()).as("attacks made").isGreaterThanOrEqualTo(n);
    }

    /**
     * A plain connection from {@code bindHost} that sends {@code bytes}: true once the daemon has
     * closed it (within 10 s).
     */
    private static boolean sendAndAwaitClose(String bindHost, InetSocketAddress target, byte[] bytes)
            throws Exception {
        try (Socket s = WirePeer.connect(bindHost, target, System.nanoTime() + TimeUnit.SECONDS.toNanos(20))) {
            try {
                s.getOutputStream().write(bytes);
            } catch (IOException e) {
                return true; // the daemon reset the connection while we were still writing
            }
            return WirePeer.awaitClosedByPeer(s, 10);
        }
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
