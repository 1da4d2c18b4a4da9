package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.FileHashes.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Data steps shared by the two-node system tests: writes through NBD, hashes of backing files, equal replicas. */
final class DataChecks {
    private DataChecks() {
    }

    /** Bounded wait until both nodes' first {@code bytes} hash the same; fails with both hashes. */
    static void awaitSameData(Node x, Node y, long bytes) throws Exception {
        awaitSameData(x.disk, y.disk, bytes, "both data areas");
    }

    /** Bounded wait until both files' first {@code bytes} hash the same; fails with both hashes. */
    static void awaitSameData(Path x, Path y, long bytes) throws Exception {
        awaitSameData(x, y, bytes, y + " vs " + x);
    }

    private static void awaitSameData(Path x, Path y, long bytes, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String hx = sha256(x, bytes);
        String hy = sha256(y, bytes);
        while (!hx.equals(hy) && System.nanoTime() < end) {
            Thread.sleep(200); // poll interval of the bounded wait
            hx = sha256(x, bytes);
            hy = sha256(y, bytes);
        }
        assertThat(hy).as(what).isEqualTo(hx);
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
