package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Scenario: two jdrbdd processes (a = node 0, b = node 1 on 127.0.0.5x), handlers recorded by a
 * usermode helper script, the resync rate held low with c-plan-ahead 0 and resync-rate so a
 * resync lasts long enough to act on it. a's data area starts with random bytes; a is forced
 * Primary, so the initial full sync runs a -> b.
 *  1. b runs pause-sync during the resync, later resume-sync, then the rate goes up.
 *  2. Two resources per node (r0 minor 0, r1 minor 1), r1 attached with --resync-after=0 on both;
 *     both are forced Primary on a; r0 syncs slowly until its rate goes up.
 *  3. b's before-resync-target handler exits 1.
 * Expectation: 1. b shows PausedSyncT (held by user_isp), a PausedSyncS (peer_isp); once b's
 * last requests are answered, nothing moves: b's out-of-sync stays what b logged when its pipe
 * ran dry through two more bitmap flushes (one second each); after resume the resync continues
 * where it stopped: it moves exactly the KiB it set out with, and the data areas are identical;
 * b recorded before-resync-target then after-resync-target, a before-resync-source; a second
 * pause gives DRBD's "already paused", resume without a pause "not paused". A pause on a (the
 * source) holds b as well; b's resume-sync is refused naming the peer.
 * 2. r1 waits in PausedSyncT (dependency) with all its bits out of sync while r0 syncs, then
 * syncs after r0 is done; a resync-after that would close a cycle is refused.
 * 3. b drops the connection (StandAlone) and never becomes SyncTarget.
 * Why: issues 6 and 7: resync control (pause-sync/resume-sync, resync-after) and the handlers
 * around a resync as DRBD runs them (fact sheet §5.5, §9.5).
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ResyncControlTest extends TwoNodeTest {
    private static final long DISK_BYTES = 8L << 20;
    /** Bytes of random data on a; the internal meta data lies beyond. */
    private static final long DATA_BYTES = 6L << 20;
    private static final String SLOW = "200";
    private static final String FAST = "400000";
    private static final Pattern TO_SYNC = Pattern.compile("resync started as SyncTarget: (\\d+) KiB");
    private static final Pattern DRY = Pattern.compile("resync paused \\(([a-z,]+)\\): no requests in flight, (\\d+) KiB");
    private static final Pattern RECEIVED = Pattern.compile("resync bytes received: (\\d+)");
    private static final Pattern OOS = Pattern.compile("out-of-sync:(\\d+)");
    private static final String FLUSH = "bitmap written (resync progress)";

    private void nodes(String addressA, String addressB, String helperTailB) throws Exception {
        a = new Node(dir, "a", 0, addressA, DISK_BYTES);
        b = new Node(dir, "b", 1, addressB, DISK_BYTES);
        HandlerLog.install(a, "");
        HandlerLog.install(b, helperTailB);
        random(a.disk, DATA_BYTES, 11);
        a.start();
        b.start();
    }

    /** new-resource .. connect of {@code res} with the resync rate set before connecting. */
    private static void up(Node n, Node peer, String res, int minor, Path disk, int port, String rate,
            String... attachOptions) throws Exception {
        String peerId = Integer.toString(peer.nodeId);
        n.ok("new-resource", res, Integer.toString(n.nodeId));
        n.ok("new-minor", res, Integer.toString(minor), "0");
        n.ok("new-peer", res, peerId, "--connect-int=1");
        n.ok("peer-device-options", res, peerId, "0", "--c-plan-ahead=0", "--resync-rate=" + rate);
        n.ok("new-path", res, peerId, "ipv4:" + n.address + ":" + port, "ipv4:" + peer.address + ":" + port);
        List<String> attach = new ArrayList<>(List.of("attach", Integer.toString(minor), disk.toString(),
                disk.toString(), "internal"));
        attach.addAll(List.of(attachOptions));
        n.ok(attach.toArray(String[]::new));
        n.ok("connect", res, peerId);
    }

    @Test
    void pauseHoldsBothSidesAndResumeContinuesWhereItStopped() throws Exception {
        nodes("127.0.0.50", "127.0.0.51", "");
        up(a, b, "r0", 0, a.disk, 7789, SLOW);
        up(b, a, "r0", 0, b.disk, 7789, SLOW);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        b.awaitStatus(60, "replication:SyncTarget");
        long toSyncKiB = firstLong(TO_SYNC, b.awaitLog("resync started as SyncTarget", 30));
        awaitProgress(b, toSyncKiB);

        b.ok("pause-sync", "r0", "0", "0");
        b.awaitStatus(30, "replication:PausedSyncT", "resync-suspended:user");
        a.awaitStatus(30, "replication:PausedSyncS", "resync-suspended:peer");
        Node.Result again = b.run("pause-sync", "r0", "0", "0");
        assertThat(again.exitCode()).as(again.output()).isNotZero();
        assertThat(again.output()).contains("Resync is already paused");

        String dry = b.awaitLog("resync paused (user): no requests in flight", 30);
        long heldKiB = Long.parseLong(match(DRY, dry).group(2));
        assertThat(heldKiB).as("the pause came in the middle of the resync").isPositive().isLessThan(toSyncKiB);
        int flushes = count(b.logText(), FLUSH);
        awaitCount(b, FLUSH, flushes + 2);
        String held = b.ok("status", "r0", "--verbose", "--statistics");
        assertThat(held).contains("replication:PausedSyncT");
        assertThat(firstLong(OOS, held)).as("nothing moved while paused").isEqualTo(heldKiB);

        b.ok("resume-sync", "r0", "0", "0");
        b.awaitStatus(30, "replication:SyncTarget");
        Node.Result notPaused = b.run("resume-sync", "r0", "0", "0");
        assertThat(notPaused.exitCode()).isNotZero();
        assertThat(notPaused.output()).contains("Resync is not paused");

        // A pause on the source holds the target too (peer_isp), and only the source lifts it.
        a.ok("pause-sync", "r0", "1", "0");
        a.awaitStatus(30, "replication:PausedSyncS");
        b.awaitStatus(30, "replication:PausedSyncT");
        Node.Result peerHeld = b.run("resume-sync", "r0", "0", "0");
        assertThat(peerHeld.exitCode()).as(peerHeld.output()).isNotZero();
        assertThat(peerHeld.output()).contains("peer dependency");
        assertThat(match(DRY, b.awaitLog("resync paused (peer)", 30)).group(1)).isEqualTo("peer");
        a.ok("resume-sync", "r0", "1", "0");
        b.awaitStatus(30, "replication:SyncTarget");
        b.ok("peer-device-options", "r0", "0", "0", "--c-plan-ahead=0", "--resync-rate=" + FAST);
        a.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        assertThat(firstLong(RECEIVED, b.awaitLog("resync bytes received", 30)))
                .as("every block moved once").isEqualTo(toSyncKiB * 1024);
        DataChecks.awaitSameData(a, b, DATA_BYTES);

        List<String> onB = HandlerLog.awaitDone(b, "before-resync-target", "after-resync-target");
        assertThat(onB).containsSubsequence("before-resync-target r0", "after-resync-target r0");
        assertThat(onB).doesNotContain("before-resync-source r0");
        assertThat(HandlerLog.awaitDone(a, "before-resync-source")).contains("before-resync-source r0")
                .doesNotContain("before-resync-target r0", "after-resync-target r0");
    }

    @Test
    void resyncAfterWaitsForTheDependency() throws Exception {
        nodes("127.0.0.52", "127.0.0.53", "");
        Path diskA1 = secondDisk(a);
        Path diskB1 = secondDisk(b);
        up(a, b, "r0", 0, a.disk, 7789, SLOW);
        up(b, a, "r0", 0, b.disk, 7789, SLOW);
        up(a, b, "r1", 1, diskA1, 7790, FAST, "--resync-after=0");
        up(b, a, "r1", 1, diskB1, 7790, FAST, "--resync-after=0");
        Node.Result cycle = b.run("disk-options", "0", "--resync-after=1");
        assertThat(cycle.exitCode()).as(cycle.output()).isNotZero();
        assertThat(cycle.output()).contains("cycle");

        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        awaitStatus(a, "r1", "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        b.awaitStatus(60, "replication:SyncTarget");
        a.ok("primary", "r1", "--force");
        awaitStatus(b, "r1", "replication:PausedSyncT", "dependency");
        String dry = b.awaitLog("r1/0: resync paused", 30);
        assertThat(match(DRY, dry).group(1)).as("what holds r1").contains("dependency");
        long r1ToSync = firstLong(TO_SYNC, b.awaitLog("r1/0: resync started as SyncTarget", 30));
        assertThat(Long.parseLong(match(DRY, dry).group(2))).as("r1 moved nothing yet").isEqualTo(r1ToSync);
        assertThat(b.ok("status", "r0", "--verbose")).as("r0 still syncing").contains("replication:SyncTarget");

        b.ok("peer-device-options", "r0", "0", "0", "--c-plan-ahead=0", "--resync-rate=" + FAST);
        awaitStatus(b, "r1", "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        String log = b.logText();
        int r0Done = log.indexOf("r0/0: Resync done as SyncTarget");
        int r1Done = log.indexOf("r1/0: Resync done as SyncTarget");
        assertThat(r0Done).as("r0 finished").isPositive();
        assertThat(r1Done).as("r1 finished after r0").isGreaterThan(r0Done);
    }

    @Test
    void failingBeforeResyncTargetDropsTheConnection() throws Exception {
        nodes("127.0.0.54", "127.0.0.55", "[ \"$1\" = before-resync-target ] && exit 1\n");
        up(a, b, "r0", 0, a.disk, 7789, SLOW);
        up(b, a, "r0", 0, b.disk, 7789, SLOW);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        HandlerLog.awaitDone(b, "before-resync-target");
        b.awaitStatus(30, "connection:StandAlone");
        assertThat(b.logText()).contains("before-resync-target handler exited 1")
                .doesNotContain("resync started as SyncTarget");
    }

    /** Bounded wait until some of the resync has arrived (out-of-sync below where it began). */
    private static void awaitProgress(Node n, long startKiB) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (firstLong(OOS, n.ok("status", "r0", "--verbose", "--statistics")) >= startKiB) {
            if (System.nanoTime() > end) {
                throw new AssertionError(n.name + ": the resync never moved:\n" + n.logText());
            }
            Thread.sleep(100); // poll interval of the bounded wait on the condition above
        }
    }

    private static String awaitStatus(Node n, String res, String... texts) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < end) {
            last = n.ok("status", res, "--verbose");
            boolean all = true;
            for (String t : texts) {
                all &= last.contains(t);
            }
            if (all) {
                return last;
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
        throw new AssertionError(n.name + ": " + res + " never showed " + List.of(texts) + ", last:\n" + last
                + "\nlog:\n" + n.logText());
    }

    /** Bounded wait until {@code n}'s log holds {@code text} at least {@code times} times. */
    private static void awaitCount(Node n, String text, int times) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(n.logText(), text) < times) {
            if (System.nanoTime() > end) {
                throw new AssertionError(n.name + ": fewer than " + times + " '" + text + "'");
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private static Matcher match(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in " + text).isTrue();
        return m;
    }

    private static long firstLong(Pattern p, String text) {
        return Long.parseLong(match(p, text).group(1));
    }

    private Path secondDisk(Node n) throws Exception {
        Path d = n.dir.resolve("disk1.img");
        Node.createMeta(d, DISK_BYTES);
        if (n == a) {
            random(d, DATA_BYTES, 12);
        }
        return d;
    }

    /** Seeded random bytes over the first {@code bytes} of {@code file}. */
    private static void random(Path file, long bytes, long seed) throws Exception {
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (long off = 0; off < bytes; off += buf.length) {
                r.nextBytes(buf);
                f.seek(off);
                f.write(buf, 0, (int) Math.min(buf.length, bytes - off));
            }
        }
        assertThat(Files.size(file)).isGreaterThan(bytes);
    }
}
