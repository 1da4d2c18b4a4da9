package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Set-up and checks of the wire fault tests that {@link Node} does not offer: a resource with
 * any name, minor, port and peer address (so a proxy or a dead address can stand for the peer),
 * status of any resource, log text since a mark, and data checks on any backing file.
 */
final class WireSetup {
    private static final Pattern DATA_BYTES = Pattern.compile("attached .* \\((\\d+) bytes of data\\)");

    private WireSetup() {
    }

    /**
     * new-resource .. connect for {@code res} (volume 0 as {@code minor}) on {@code n}: listens
     * on {@code local} ("ip:port"), connects to {@code remote}, backing file {@code disk}.
     */
    static void resource(Node n, String res, int minor, Path disk, String local, String remote,
            int peerId, String... netOptions) throws Exception {
        n.ok("new-resource", res, Integer.toString(n.nodeId));
        n.ok("new-minor", res, Integer.toString(minor), "0");
        List<String> np = new ArrayList<>(List.of("new-peer", res, Integer.toString(peerId), "--connect-int=1"));
        np.addAll(List.of(netOptions));
        n.ok(np.toArray(String[]::new));
        n.ok("new-path", res, Integer.toString(peerId), "ipv4:" + local, "ipv4:" + remote);
        n.ok("attach", Integer.toString(minor), disk.toString(), disk.toString(), "internal");
        n.ok("connect", res, Integer.toString(peerId));
    }

    /** Polls {@code status RES --verbose --statistics} until it has every text (bounded). */
    static String awaitStatus(Node n, String res, long timeoutSec, String... texts) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        String last = "";
        while (System.nanoTime() < end) {
            last = n.ok("status", res, "--verbose", "--statistics");
            boolean all = true;
            for (String t : texts) {
                all &= last.contains(t);
            }
            if (all) {
                return last;
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
        fail(n.name + ": status " + res + " never showed " + List.of(texts) + ", last:\n" + last
                + "\nlog:\n" + n.logText());
        return last;
    }

    /** The daemon process is alive and answers status for {@code res}. */
    static void assertServing(Node n, String res) throws Exception {
        assertThat(n.process.isAlive()).as(n.name + " alive").isTrue();
        assertThat(n.ok("status", res)).as(n.name + " status " + res).contains(res);
    }

    /** Characters of the daemon log so far: a mark for {@link #awaitLogSince}. */
    static int logMark(Node n) throws Exception {
        return Files.exists(n.log) ? n.logText().length() : 0;
    }

    /** Waits until the log after {@code mark} contains {@code text}; returns that part of the log. */
    static String awaitLogSince(Node n, int mark, String text, long timeoutSec) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        String since = "";
        while (System.nanoTime() < end) {
            String all = n.logText();
            since = all.substring(Math.min(mark, all.length()));
            if (since.contains(text)) {
                return since;
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
        fail(n.name + ": log never showed '" + text + "' after the mark; new log:\n" + since);
        return since;
    }

    /** Bytes of data (without meta data) the daemon reported when it attached {@code n}'s disks. */
    static long usableBytes(Node n) throws Exception {
        Matcher m = DATA_BYTES.matcher(n.logText());
        assertThat(m.find()).as("attach logged its data size").isTrue();
        return Long.parseLong(m.group(1));
    }

    /** Overwrites the first {@code bytes} of {@code file} with seeded random data. */
    static void fillRandom(Path file, long bytes, long seed) throws Exception {
        Random r = new Random(seed);
        byte[] chunk = new byte[1 << 20];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long done = 0; done < bytes; done += chunk.length) {
                r.nextBytes(chunk);
                raf.write(chunk, 0, (int) Math.min(chunk.length, bytes - done));
            }
        }
    }

    /** A new file of {@code bytes} seeded random bytes. */
    static Path randomFile(Path file, long bytes, long seed) throws Exception {
        Files.createFile(file);
        fillRandom(file, bytes, seed);
        return file;
    }

    /** Starts nbdcopy of {@code src} to {@code uri}; output goes to {@code logFile}. */
    static Process startNbdcopy(Path src, String uri, Path logFile) throws Exception {
        return new ProcessBuilder("nbdcopy", src.toString(), uri).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
    }

    /** Waits (bounded) for an nbdcopy started with {@link #startNbdcopy} and checks it succeeded. */
    static void awaitNbdcopy(Process p, Path logFile, long timeoutSec) throws Exception {
        boolean done = p.waitFor(timeoutSec, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("nbdcopy finished within " + timeoutSec + " s").isTrue();
        assertThat(p.exitValue()).as(Files.readString(logFile)).isZero();
    }

    /** Export URI of resource {@code res} (volume 0) on {@code n}. */
    static String nbdUri(Node n, String res) {
        return "nbd+unix:///" + res + "?socket=" + n.dir.resolve("state").resolve("nbd.sock");
    }
}
