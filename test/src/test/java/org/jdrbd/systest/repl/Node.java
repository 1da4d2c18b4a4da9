package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;

/**
 * One jdrbdd process of a two-node system test on its own loopback address, with its own state
 * dir, control socket and backing file (internal v09 meta data), driven by jdrbd's drbdsetup.
 * Waiting is done by polling drbdsetup status until a condition holds (bounded), never by sleeps
 * standing in for an event.
 */
final class Node implements AutoCloseable {

    final String name;
    final int nodeId;
    final String address;
    final Path dir;
    final Path disk;
    final Path socket;
    final Path log;
    Process process;
    /** Extra jdrbdd arguments (e.g. --usermode-helper). */
    final List<String> daemonArgs = new ArrayList<>();

    Node(Path root, String name, int nodeId, String address, long diskBytes) throws Exception {
        this.name = name;
        this.nodeId = nodeId;
        this.address = address;
        this.dir = Files.createDirectories(root.resolve(name));
        this.disk = dir.resolve("disk.img");
        this.socket = dir.resolve("control.sock");
        this.log = dir.resolve("jdrbdd.log");
        createMeta(disk, diskBytes);
    }

    static void createMeta(Path file, long sizeBytes) throws Exception {
        try (var raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        Placement internal = Placement.parse("internal");
        try (MetaArea area = MetaArea.open(file, true, MdFormat.V09, internal)) {
            area.createFresh(1, MdLayout.AL_STRIPES_DEFAULT, MdLayout.AL_STRIPE_SIZE_4K_DEFAULT,
                    1 << 20);
        }
    }

    /**
     * Starts jdrbdd (again, after {@link #close}: it re-adopts what its state registry holds)
     * and waits until its control socket answers.
     */
    void start() throws Exception {
        int starts = count("control socket " + socket);
        List<String> cmd = new ArrayList<>(List.of(java(), "-ea"));
        cmd.addAll(org.jdrbd.systest.JdrbddProcess.CHRONICLE_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jdrbd.daemon.Jdrbdd",
                "--node-name", name, "--state-dir", dir.resolve("state").toString(),
                "--control-socket", socket.toString()));
        cmd.addAll(daemonArgs);
        if (!daemonArgs.contains("--usermode-helper")) {
            // Handlers succeed without running anything (no drbd.conf here for a drbdadm).
            cmd.addAll(List.of("--usermode-helper", "true"));
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.write(line + "\n");
                    out.flush();
                }
            } catch (Exception e) {
                // process gone; its output is in the log
            }
        }, "jdrbdd-" + name);
        pump.setDaemon(true);
        pump.start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count("control socket " + socket) == starts) {
            if (!process.isAlive() || System.nanoTime() > end) {
                fail(name + ": jdrbdd did not open its control socket:\n" + logText());
            }
            Thread.sleep(100); // poll interval of the bounded wait on the condition above
        }
    }

    /** How many log lines contain {@code text}. */
    private int count(String text) throws Exception {
        return Files.exists(log) ? (int) Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
    }

    /** new-resource .. connect for resource r0 towards {@code peer}. */
    void up(Node peer, String... netOptions) throws Exception {
        ok("new-resource", "r0", Integer.toString(nodeId));
        ok("new-minor", "r0", "0", "0");
        List<String> np = new ArrayList<>(List.of("new-peer", "r0", Integer.toString(peer.nodeId),
                "--connect-int=1"));
        np.addAll(List.of(netOptions));
        ok(np.toArray(String[]::new));
        ok("new-path", "r0", Integer.toString(peer.nodeId), "ipv4:" + address + ":7789",
                "ipv4:" + peer.address + ":7789");
        ok("attach", "0", disk.toString(), disk.toString(), "internal");
        ok("connect", "r0", Integer.toString(peer.nodeId));
    }

    String nbdUri() {
        return "nbd+unix:///r0?socket=" + dir.resolve("state").resolve("nbd.sock");
    }

    record Result(int exitCode, String output) {
    }

    /**
     * Runs jdrbd's drbdsetup in this JVM (the same entry point bin/drbdsetup runs; a JVM per
     * call made the status polls the slowest part of the two-node tests).
     */
    Result run(String... args) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        java.io.PrintStream ps = new java.io.PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = org.jdrbd.drbdadm.setup.DrbdsetupMain.run(args, ps, ps,
                java.util.Map.of("JDRBD_CONTROL_SOCKET", socket.toString()));
        ps.flush();
        return new Result(rc, buf.toString(StandardCharsets.UTF_8));
    }

    String ok(String... args) throws Exception {
        Result r = run(args);
        if (r.exitCode() != 0) {
            fail(name + ": drbdsetup " + String.join(" ", args) + " exited " + r.exitCode() + ":\n"
                    + r.output() + "\nlog:\n" + Files.readString(log));
        }
        return r.output();
    }

    /** Polls {@code drbdsetup status r0 --verbose} until it contains every text (bounded). */
    String awaitStatus(long timeoutSec, String... texts) throws Exception {
        return awaitOutput(timeoutSec, texts, "status", "r0", "--verbose");
    }

    /** Polls {@code drbdsetup events2 r0 --now} until it contains every text (bounded). */
    String awaitEvents(long timeoutSec, String... texts) throws Exception {
        return awaitOutput(timeoutSec, texts, "events2", "r0", "--now");
    }

    private String awaitOutput(long timeoutSec, String[] texts, String... command) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        String last = "";
        while (System.nanoTime() < end) {
            last = ok(command);
            boolean all = true;
            for (String t : texts) {
                all &= last.contains(t);
            }
            if (all) {
                return last;
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
        fail(name + ": " + command[0] + " never showed " + List.of(texts) + ", last:\n" + last + "\nlog:\n"
                + Files.readString(log));
        return last;
    }

    /** Waits until the daemon's log contains {@code text}; returns the matching line. */
    String awaitLog(String text, long timeoutSec) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        while (System.nanoTime() < end) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
            }
            if (process != null && !process.isAlive()) {
                break;
            }
            Thread.sleep(100); // poll interval of a bounded wait on the condition above
        }
        fail(name + ": log never showed '" + text + "':\n" + (Files.exists(log) ? Files.readString(log) : ""));
        return null;
    }

    String logText() throws Exception {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                // The next test may bind the same address: wait until the sockets are gone.
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
