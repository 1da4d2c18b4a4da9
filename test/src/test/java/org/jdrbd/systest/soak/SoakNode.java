package org.jdrbd.systest.soak;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdrbd.drbdadm.setup.DrbdsetupMain;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.systest.JdrbddProcess;

/**
 * One soak node: a jdrbdd process on its own loopback address with its own state dir, control
 * socket and backing file (internal meta data), driven by jdrbd's drbdsetup in this JVM. Unlike
 * the repl tests' Node it survives kill -9: {@link #restart()} starts a new jdrbdd on the same
 * state dir (it re-adopts resource, minor, peer with net options and path, disk, and connects)
 * and {@link #configureNet()} then re-issues the net part as drbdadm adjust would.
 * Every incarnation logs to its own file. Waits are bounded polls on a condition.
 */
final class SoakNode implements AutoCloseable {
    final String name;
    final int nodeId;
    final String address;
    /** Where this node reaches its peer: the fault proxy in front of the peer. */
    final String peerAlias;
    final Path dir;
    final Path disk;
    final Path socket;
    private final List<String> netOptions;
    private final Path helper;
    private int peerNodeId = -1;
    private Process process;
    private Path log;
    private int incarnation;

    SoakNode(Path root, String name, int nodeId, String address, String peerAlias, long diskBytes,
            List<String> netOptions) throws Exception {
        this.name = name;
        this.nodeId = nodeId;
        this.address = address;
        this.peerAlias = peerAlias;
        this.netOptions = List.copyOf(netOptions);
        this.dir = Files.createDirectories(root.resolve(name));
        this.disk = dir.resolve("disk.img");
        this.socket = dir.resolve("control.sock");
        try (RandomAccessFile raf = new RandomAccessFile(disk.toFile(), "rw")) {
            raf.setLength(diskBytes);
        }
        try (MetaArea area = MetaArea.open(disk, true, MdFormat.V09, Placement.parse("internal"))) {
            area.createFresh(1, MdLayout.AL_STRIPES_DEFAULT, MdLayout.AL_STRIPE_SIZE_4K_DEFAULT, 1 << 20);
        }
        // No handler is configured: like drbdadm for a resource without handlers, the helper
        // only records the call and succeeds (a failing before-resync-* would drop the link).
        this.helper = dir.resolve("helper.sh");
        Files.writeString(helper, "#!/bin/sh\necho \"$1 $2 peer=$DRBD_PEER_NODE_ID\" >> "
                + dir.resolve("handlers.log") + "\nexit 0\n");
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Starts a jdrbdd incarnation and waits until its control socket answers. */
    void start() throws Exception {
        incarnation++;
        log = dir.resolve("jdrbdd-" + incarnation + ".log");
        // C1 only and the serial collector: the daemon starts in about half the time on a
        // loaded 2-core machine, and the soak restarts it dozens of times.
        List<String> cmd = new ArrayList<>(List.of(java(), "-ea", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        cmd.addAll(JdrbddProcess.CHRONICLE_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jdrbd.daemon.Jdrbdd",
                "--node-name", name, "--state-dir", dir.resolve("state").toString(),
                "--control-socket", socket.toString(), "--usermode-helper", helper.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        process = p;
        Path file = log;
        Thread pump = new Thread(() -> copy(p, file), "soak-jdrbdd-" + name + "-" + incarnation);
        pump.setDaemon(true);
        pump.start();
        awaitLog("control socket " + socket, 60);
    }

    private static void copy(Process p, Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
            }
        } catch (Exception e) {
            // The process is gone; what it said is in the file.
        }
    }

    /** First bring-up: new-resource .. connect towards {@code peer} (through its proxy). */
    void up(SoakNode peer) throws Exception {
        peerNodeId = peer.nodeId;
        ok("new-resource", "r0", Integer.toString(nodeId));
        ok("new-minor", "r0", "0", "0");
        List<String> np = new ArrayList<>(List.of("new-peer", "r0", Integer.toString(peerNodeId)));
        np.addAll(netOptions);
        ok(np.toArray(String[]::new));
        ok("new-path", "r0", Integer.toString(peerNodeId), "ipv4:" + address + ":7789",
                "ipv4:" + peerAlias + ":7789");
        ok("attach", "0", disk.toString(), disk.toString(), "internal");
        ok("connect", "r0", Integer.toString(peerNodeId));
    }

    /** SIGKILL, then waits until the process is gone (its sockets closed). */
    void kill9() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + ": jdrbdd did not die within 30 s of SIGKILL");
            }
        }
    }

    /**
     * A new jdrbdd on the same state dir; waits for the re-adoption to finish (which restores
     * the peer's net options and path and reconnects), then re-issues the net part as drbdadm
     * adjust would: the daemon must take each step again as a no-op.
     */
    void restart() throws Exception {
        start();
        awaitLog("re-adopted", 60);
        configureNet();
    }

    /** What drbdadm adjust would issue for the net part after a re-adoption. */
    void configureNet() throws Exception {
        String peer = Integer.toString(peerNodeId);
        List<String> no = new ArrayList<>(List.of("net-options", "r0", peer));
        no.addAll(netOptions);
        ok(no.toArray(String[]::new));
        ok("new-path", "r0", peer, "ipv4:" + address + ":7789", "ipv4:" + peerAlias + ":7789");
        ok("connect", "r0", peer);
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    String nbdUri() {
        return "nbd+unix:///r0?socket=" + dir.resolve("state").resolve("nbd.sock");
    }

    record Result(int exitCode, String output) {
    }

    /** jdrbd's drbdsetup in this JVM (the entry point bin/drbdsetup runs). */
    Result run(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(buf, true, StandardCharsets.UTF_8);
        int rc = DrbdsetupMain.run(args, ps, ps, env());
        ps.flush();
        return new Result(rc, buf.toString(StandardCharsets.UTF_8));
    }

    Map<String, String> env() {
        return Map.of("JDRBD_CONTROL_SOCKET", socket.toString());
    }

    String ok(String... args) throws Exception {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new SoakFailure(name + ": drbdsetup " + String.join(" ", args) + " exited "
                    + r.exitCode() + ": " + r.output().strip());
        }
        return r.output();
    }

    /** The current incarnation's log. */
    String logText() throws Exception {
        return log != null && Files.exists(log) ? Files.readString(log) : "";
    }

    /** The last {@code lines} lines of the current incarnation's log (and its file name). */
    String logTail(int lines) throws Exception {
        List<String> all = logText().lines().toList();
        return "--- " + log + " (last " + Math.min(lines, all.size()) + " of " + all.size() + " lines)\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Bounded wait until the current log contains {@code text}; the daemon must stay alive. */
    String awaitLog(String text, long timeoutSec) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        while (System.nanoTime() < end) {
            for (String line : logText().split("\n")) {
                if (line.contains(text)) {
                    return line;
                }
            }
            if (process != null && !process.isAlive()) {
                break;
            }
            Thread.sleep(50); // poll interval of the bounded wait on the condition above
        }
        throw new SoakFailure(name + ": log never showed '" + text + "' (alive: " + alive() + ")");
    }

    /** Bounded wait until the log shows {@code text} after character {@code from}. */
    String awaitLogAfter(int from, String text, long timeoutSec) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSec);
        while (System.nanoTime() < end) {
            String all = logText();
            int at = all.indexOf(text, Math.min(from, all.length()));
            if (at >= 0) {
                int eol = all.indexOf('\n', at);
                int bol = all.lastIndexOf('\n', at) + 1;
                return all.substring(bol, eol < 0 ? all.length() : eol);
            }
            Thread.sleep(50); // poll interval of the bounded wait on the condition above
        }
        throw new SoakFailure(name + ": log never showed '" + text + "' after offset " + from);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
