package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.repl.DataChecks.awaitSameData;
import static org.jdrbd.systest.FileHashes.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: two real jdrbdd processes on 127.0.0.2 and 127.0.0.3, each with its own 256 MiB
 * backing file with fresh meta data, are set up with drbdsetup (new-resource .. connect). They
 * connect (Secondary/Inconsistent both), node a is made Primary with --force (initial full sync),
 * then 128 MiB of random data is written through NBD on a with nbdcopy; for protocols A, B, C.
 * A second test disconnects b, writes ~10 % of the volume on a, reconnects.
 * Expectation: both reach Connected/UpToDate; after the writes the data areas of both backing
 * files have the same sha256 (and a holds what was written); after the reconnect only the dirty
 * blocks are resynced (resync bytes <= 1.05 x dirty bytes) and the data is identical again.
 * Why: replication and resync are the product: the Secondary must hold the Primary's bytes.
 */
class ReplicationTest extends TwoNodeTest {
    private static final long DISK_BYTES = 256L << 20;
    private static final Pattern RESYNC_BYTES = Pattern.compile("resync bytes received: (\\d+)");

    private void startPair(String protocol) throws Exception {
        a = new Node(dir, "a", 0, "127.0.0.2", DISK_BYTES);
        b = new Node(dir, "b", 1, "127.0.0.3", DISK_BYTES);
        a.start();
        b.start();
        a.up(b, "--protocol=" + protocol);
        b.up(a, "--protocol=" + protocol);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        b.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "role:Primary", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "B", "C"})
    void writesThroughNbdReachTheSecondary(String protocol) throws Exception {
        startPair(protocol);
        assertThat(b.logText()).contains("FULL_SYNC_TARGET").contains("Resync done as SyncTarget");
        Path data = dir.resolve("data.bin");
        writeRandom(data, 128L << 20, protocol.hashCode());
        nbdcopy(data, a);
        long dataBytes = usableBytes(a);
        assertThat(sha256(a.disk, 128L << 20)).isEqualTo(sha256(data, 128L << 20));
        // Protocol A and B complete before the Secondary wrote: its file settles shortly after.
        awaitSameData(a, b, dataBytes);
        assertThat(a.logText() + b.logText()).doesNotContain("protocol error");
    }

    @Test
    void reconnectResyncsOnlyDirtyBlocks() throws Exception {
        startPair("C");
        b.ok("disconnect", "r0", "0");
        a.awaitStatus(30, "connection:Connecting");
        Path data = dir.resolve("dirty.bin");
        long dirtyBytes = DISK_BYTES / 10 / 4096 * 4096;
        writeRandom(data, dirtyBytes, 7);
        nbdcopy(data, a);
        String st = a.ok("status", "r0", "--verbose");
        b.ok("connect", "r0", "0");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        String line = b.awaitLog("BITMAP_SYNC_TARGET", 10);
        assertThat(line).contains("BITMAP_SYNC_TARGET");
        Matcher m = RESYNC_BYTES.matcher(b.logText().substring(b.logText().indexOf("BITMAP_SYNC_TARGET")));
        assertThat(m.find()).as("resync bytes logged").isTrue();
        long moved = Long.parseLong(m.group(1));
        assertThat(moved).as(st).isGreaterThanOrEqualTo(dirtyBytes).isLessThanOrEqualTo(dirtyBytes * 105 / 100);
        awaitSameData(a, b, usableBytes(a));
    }

    private static long usableBytes(Node n) throws Exception {
        Matcher m = Pattern.compile("attached .* \\((\\d+) bytes of data\\)").matcher(n.logText());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static void writeRandom(Path file, long bytes, long seed) throws Exception {
        Random r = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += chunk.length) {
                r.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
            }
        }
    }

    private void nbdcopy(Path src, Node n) throws Exception {
        Process p = new ProcessBuilder("nbdcopy", src.toString(), n.nbdUri()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nbdcopy.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("nbdcopy finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("nbdcopy.log"))).isZero();
    }
}
