package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Data steps shared by the two-node system tests: writes through NBD, hashes of backing files, equal replicas. */
final class DataChecks {
    private DataChecks() {
    }

    /** Bounded wait until both nodes' first {@code bytes} hash the same; fails with both hashes. */
    static void awaitSameData(Node x, Node y, long bytes) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String hx = sha256(x.disk, bytes);
        String hy = sha256(y.disk, bytes);
        while (!hx.equals(hy) && System.nanoTime() < end) {
            Thread.sleep(200); // poll interval of the bounded wait
            hx = sha256(x.disk, bytes);
            hy = sha256(y.disk, bytes);
        }
        assertThat(hy).as("both data areas").isEqualTo(hx);
    }

    /** sha256 of the first {@code bytes} of a file, hex. */
    static String sha256(Path file, long bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            long left = bytes;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                md.update(buf, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * Writes {@code blocks} seeded random 4 KiB blocks at offset 0 through n's NBD export with
     * nbdcopy; returns the file holding what was written.
     */
    static Path writeThroughNbd(Node n, int blocks, long seed) throws Exception {
        Path data = n.dir.resolve("written.bin");
        byte[] bytes = new byte[blocks * 4096];
        new java.util.Random(seed).nextBytes(bytes);
        Files.write(data, bytes);
        if (blocks == 0) {
            return data;
        }
        Path log = n.dir.resolve("nbdcopy.log");
        Process p = new ProcessBuilder("nbdcopy", data.toString(), n.nbdUri()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("nbdcopy finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        return data;
    }
}
