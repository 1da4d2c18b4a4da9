package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.jdrbd.daemon.store.FileStore;
import org.jdrbd.daemon.store.MemoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: the real NBD clients of Debian (nbdinfo, nbdcopy, qemu-io, fio's nbd engine) talk
 * to the server over TCP on 127.0.0.1 and over a Unix socket, against file- and memory-backed
 * exports named like the daemon names them (RES/VOL, RES).
 * Expectation: they see the right size and flags, copy 256 MiB in and out bit-identical, pass
 * their own pattern and crc32c verification, and a read-only export refuses their writes.
 * Why: the block frontend's compatibility target is "real clients" (ARCHITECTURE.md); our own
 * client would share our misreadings of the protocol.
 */
@Timeout(300)
class NbdRealClientsTest {

    private static final long COPY_BYTES = 256L << 20;

    @TempDir
    Path dir;
    private NbdFixture nbd;

    @BeforeEach
    void start() throws Exception {
        nbd = new NbdFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        nbd.close();
    }

    private FileStore fileStore(String name, long sizeBytes) throws IOException {
        Path file = dir.resolve(name + ".img");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        return FileStore.openBlocking(file, false);
    }

    @Test
    void nbdinfoShowsSizeAndFlags() throws Exception {
        nbd.serve("r0/1", new MemoryStore(64L << 20));
        nbd.register("r0", new ReadOnlyFilter(nbd.serve("r0-rw", new MemoryStore(1L << 30))));
        JsonObject rw = nbdinfo(nbd.tcpUri("r0/1"));
        assertThat(rw.getLong("export-size")).isEqualTo(64L << 20);
        assertThat(rw.getString("export-name")).isEqualTo("r0/1");
        assertThat(rw.getBoolean("is_read_only")).isFalse();
        assertThat(rw.getBoolean("can_flush")).isTrue();
        assertThat(rw.getBoolean("can_fua")).isTrue();
        assertThat(rw.getBoolean("can_trim")).isTrue();
        assertThat(rw.getBoolean("can_zero")).isTrue();
        assertThat(rw.getBoolean("can_multi_conn")).isTrue();
        assertThat(rw.getLong("block_size_maximum")).isEqualTo(32L << 20);

        JsonObject ro = nbdinfo(nbd.unixUri("r0"));
        assertThat(ro.getLong("export-size")).isEqualTo(1L << 30);
        assertThat(ro.getBoolean("is_read_only")).isTrue();
        assertThat(ro.getBoolean("can_trim")).isFalse();
    }

    private JsonObject nbdinfo(String uri) throws Exception {
        ExternalTool.Result result = ExternalTool.run(dir, 60, "nbdinfo", "--json", uri);
        assertThat(result.exitCode()).as(result.output()).isZero();
        JsonArray exports = new JsonObject(result.output()).getJsonArray("exports");
        assertThat(exports).hasSize(1);
        return exports.getJsonObject(0);
    }

    @Test
    void nbdcopyRoundTripsRandomDataBitIdentical() throws Exception {
        Path source = dir.resolve("source.bin");
        writeRandom(source, COPY_BYTES, 42);
        nbd.serve("copy", fileStore("copy", COPY_BYTES));

        ExternalTool.Result in = ExternalTool.run(dir, 120, "nbdcopy", "--flush",
                source.toString(), nbd.unixUri("copy"));
        assertThat(in.exitCode()).as(in.output()).isZero();
        Path back = dir.resolve("back.bin");
        ExternalTool.Result out = ExternalTool.run(dir, 120, "nbdcopy",
                nbd.tcpUri("copy"), back.toString());
        assertThat(out.exitCode()).as(out.output()).isZero();

        String expected = sha256(source);
        assertThat(sha256(back)).isEqualTo(expected);
        assertThat(sha256(dir.resolve("copy.img"))).as("backing file").isEqualTo(expected);
    }

    @Test
    void qemuIoPatternsWriteReadDiscardAndZero() throws Exception {
        nbd.serve("r1", fileStore("r1", 16L << 20));
        ExternalTool.Result result = ExternalTool.run(dir, 60, "qemu-io", "-f", "raw",
                nbd.unixUri("r1"),
                "-c", "write -P 0xab 0 1M",
                "-c", "read -P 0xab 0 1M",
                "-c", "write -P 0x5a -f 1M 64k",
                "-c", "read -P 0x5a 1M 64k",
                "-c", "discard 0 64k",
                "-c", "read -P 0 0 64k",
                "-c", "read -P 0xab 64k 960k",
                "-c", "write -z 2M 128k",
                "-c", "read -P 0 2M 128k",
                "-c", "aio_write -P 0x11 4M 512k",
                "-c", "aio_write -P 0x22 5M 512k",
                "-c", "aio_flush",
                "-c", "read -P 0x11 4M 512k",
                "-c", "read -P 0x22 5M 512k",
                "-c", "flush");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).doesNotContain("failed").contains("wrote 1048576/1048576");

        // Negative control: a wrong pattern must be detected, or the checks above prove nothing.
        ExternalTool.Result wrong = ExternalTool.run(dir, 60, "qemu-io", "-f", "raw", "-r",
                nbd.tcpUri("r1"), "-c", "read -P 0xac 0 4k");
        assertThat(wrong.output()).contains("Pattern verification failed");
    }

    @Test
    void readOnlyExportRefusesRealClientWrites() throws Exception {
        MemoryStore store = new MemoryStore(8L << 20);
        nbd.register("ro", new ReadOnlyFilter(nbd.serve("ro-base", store)));
        ExternalTool.Result open = ExternalTool.run(dir, 60, "qemu-io", "-f", "raw",
                nbd.unixUri("ro"), "-c", "write -P 0xab 0 4k");
        assertThat(open.exitCode()).isNotZero();
        assertThat(open.output()).contains("Permission denied");
        ExternalTool.Result read = ExternalTool.run(dir, 60, "qemu-io", "-f", "raw", "-r",
                nbd.unixUri("ro"), "-c", "read -P 0 0 4k");
        assertThat(read.exitCode()).as(read.output()).isZero();
    }

    @Test
    void fioRandomWritesVerifyOverTcpAndUnix() throws Exception {
        nbd.serve("fio", fileStore("fio", 64L << 20));
        for (String uri : new String[] {nbd.tcpUri("fio"), nbd.unixUri("fio")}) {
            ExternalTool.Result result = ExternalTool.run(dir, 120, "fio", "--name=verify",
                    "--ioengine=nbd", "--uri=" + uri, "--rw=randwrite", "--bs=4k",
                    "--iodepth=32", "--size=64M", "--verify=crc32c", "--do_verify=1",
                    "--verify_fatal=1", "--randseed=1234", "--fsync=64");
            assertThat(result.exitCode()).as(uri + "\n" + result.output()).isZero();
            assertThat(result.output()).contains("err= 0").doesNotContain("verify failed");
        }
    }

    private static void writeRandom(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long done = 0; done < bytes; done += chunk.length) {
                for (int i = 0; i < chunk.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        chunk[i + b] = (byte) (value >>> (8 * b));
                    }
                }
                out.write(chunk);
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
