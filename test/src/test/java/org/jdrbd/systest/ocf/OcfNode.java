package org.jdrbd.systest.ocf;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One host for a resource agent: a real bin/jdrbdd, a drbd.conf with resource r0 on a
 * file-backed volume and only this host, and a shim directory first on PATH. The shims record
 * every argv into a log and answer as Pacemaker would: crm_master / crm_attribute keep the
 * promotion score in a file (-G prints it or exits 105 when unset), crm_resource --locate prints
 * {@code locate.out} when present, crm_node prints the node name. drbdadm and drbdsetup pass
 * through to bin/ after recording their argv in a separate log.
 */
final class OcfNode implements AutoCloseable {
    static final String NODE = "systest";
    static final String INSTANCE = "p_drbd_r0";

    /** What one agent run left behind. */
    record Run(int exitCode, String stdout, String stderr, long elapsedMs) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + elapsedMs + " ms\n--- stdout\n" + stdout
                    + "--- stderr\n" + stderr;
        }
    }

    final Path root = repositoryRoot();
    final Path dir;
    final Path shims;
    final Path conf;
    final Path disk;
    final Path socket;
    private final Path crmLog;
    private final Path toolLog;
    private int crmSeen;
    private int toolSeen;
    private Process daemon;
    private final LinkedBlockingQueue<String> daemonLines = new LinkedBlockingQueue<>();

    OcfNode(Path dir) throws Exception {
        this.dir = dir;
        this.shims = Files.createDirectories(dir.resolve("shims"));
        this.disk = dir.resolve("disk0.img");
        this.socket = dir.resolve("control.sock");
        this.crmLog = dir.resolve("crm-calls.log");
        this.toolLog = dir.resolve("tool-calls.log");
        for (String m : List.of("daemon", "drbdadm")) {
            try (var s = Files.newDirectoryStream(root.resolve(m).resolve("target"), "jdrbd-" + m + "-*.jar")) {
                if (!s.iterator().hasNext()) {
                    fail("bin/ launchers need the packaged jars: run mvn -B -DskipTests package");
                }
            }
        }
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        this.conf = Files.writeString(dir.resolve("drbd.conf"), """
                global { usage-count no; }
                resource r0 {
                  volume 0 { device minor 0; disk %s; meta-disk internal; }
                  on %s { node-id 0; address 127.0.0.1:7789; }
                }
                """.formatted(disk, NODE));
        writeShims();
    }

    private void writeShims() throws IOException {
        String record = "printf '%s' \"$(basename \"$0\")\" >>\"$SHIM_LOG\"\n"
                + "for a in \"$@\"; do printf ' %s' \"$a\" >>\"$SHIM_LOG\"; done\necho >>\"$SHIM_LOG\"\n";
        String score = "#!/bin/sh\n" + record
                + "case \" $* \" in\n"
                + "*\" -G \"*) [ -f \"$SHIM_DIR/score\" ] && exec cat \"$SHIM_DIR/score\"; exit 105 ;;\n"
                + "*\" -D \"*) rm -f \"$SHIM_DIR/score\" ;;\n"
                + "*\" -v \"*) while [ \"$1\" != -v ]; do shift; done; echo \"$2\" >\"$SHIM_DIR/score\" ;;\n"
                + "esac\nexit 0\n";
        shim("crm_master", score);
        shim("crm_attribute", score);
        shim("crm_resource", "#!/bin/sh\n" + record
                + "[ -f \"$SHIM_DIR/locate.out\" ] && cat \"$SHIM_DIR/locate.out\"\nexit 0\n");
        shim("crm_node", "#!/bin/sh\n" + record + "echo " + NODE + "\nexit 0\n");
        for (String tool : List.of("drbdadm", "drbdsetup")) {
            shim(tool, "#!/bin/sh\nSHIM_LOG=$TOOL_LOG\n" + record + "exec '"
                    + root.resolve("bin").resolve(tool) + "' \"$@\"\n");
        }
    }

    private void shim(String name, String text) throws IOException {
        Path p = shims.resolve(name);
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Environment shared by the tools, the agents and ocf-tester. */
    Map<String, String> baseEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", shims + ":" + root.resolve("bin") + ":" + System.getenv().getOrDefault("PATH",
                "/usr/sbin:/usr/bin:/sbin:/bin"));
        env.put("SHIM_LOG", crmLog.toString());
        env.put("TOOL_LOG", toolLog.toString());
        env.put("SHIM_DIR", shims.toString());
        env.put("JDRBD_CONTROL_SOCKET", socket.toString());
        env.put("__DRBD_NODE__", NODE);
        env.put("HA_LOGFACILITY", "none");
        env.put("HA_LOGFILE", dir.resolve("ha.log").toString());
        return env;
    }

    /** What a Pacemaker-run action of a promotable clone with notify=true sees. */
    Map<String, String> agentEnv() {
        Map<String, String> env = baseEnv();
        env.put("OCF_ROOT", "/usr/lib/ocf");
        env.put("OCF_RESOURCE_INSTANCE", INSTANCE);
        env.put("OCF_RESKEY_drbd_resource", "r0");
        env.put("OCF_RESKEY_drbdconf", conf.toString());
        env.put("OCF_RESKEY_CRM_meta_notify", "true");
        env.put("OCF_RESKEY_CRM_meta_clone_max", "2");
        env.put("OCF_RESKEY_CRM_meta_clone_node_max", "1");
        env.put("OCF_RESKEY_CRM_meta_master_max", "1");
        env.put("OCF_RESKEY_CRM_meta_master_node_max", "1");
        env.put("OCF_RESKEY_CRM_meta_timeout", "60000");
        env.put("OCF_RESKEY_crm_feature_set", "3.16.2");
        env.put("OCF_EXIT_REASON_PREFIX", "ocf-exit-reason:");
        return env;
    }

    /** Runs a program with env, at most timeoutSeconds. */
    Run exec(Map<String, String> env, long timeoutSeconds, String... cmd) throws Exception {
        Path out = Files.createTempFile(dir, "run", ".out");
        Path err = Files.createTempFile(dir, "run", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), ms);
    }

    /** An administrator's drbdadm (through the recording shim), required to succeed. */
    void drbdadm(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(shims.resolve("drbdadm").toString(), "-c", conf.toString()));
        cmd.addAll(List.of(args));
        Run r = exec(baseEnv(), 60, cmd.toArray(String[]::new));
        if (r.exitCode() != 0) {
            fail("drbdadm " + String.join(" ", args) + " failed: " + r);
        }
        toolCalls();
    }

    /** crm_* shim calls since the last time this was asked. */
    List<String> crmCalls() throws IOException {
        List<String> all = Files.exists(crmLog) ? Files.readAllLines(crmLog) : List.of();
        List<String> fresh = List.copyOf(all.subList(crmSeen, all.size()));
        crmSeen = all.size();
        return fresh;
    }

    /** drbdadm/drbdsetup calls since the last time this was asked. */
    List<String> toolCalls() throws IOException {
        List<String> all = Files.exists(toolLog) ? Files.readAllLines(toolLog) : List.of();
        List<String> fresh = List.copyOf(all.subList(toolSeen, all.size()));
        toolSeen = all.size();
        return fresh;
    }

    /** The promotion score the crm_master shim holds, or null. */
    String score() throws IOException {
        Path p = shims.resolve("score");
        return Files.exists(p) ? Files.readString(p).strip() : null;
    }

    /** Starts bin/jdrbdd and waits until it serves its control socket. */
    void startDaemon() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/jdrbdd").toString(), "--node-name", NODE,
                "--state-dir", dir.resolve("state").toString(), "--control-socket", socket.toString(),
                "--nbd-socket", dir.resolve("nbd.sock").toString()).redirectErrorStream(true);
        daemon = pb.start();
        Path log = dir.resolve("jdrbdd.log");
        Thread pump = new Thread(() -> pump(daemon, log), "jdrbdd-log");
        pump.setDaemon(true);
        pump.start();
        String want = "control socket " + socket;
        while (true) {
            String line = daemonLines.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals("<exit>")) {
                fail("jdrbdd did not log '" + want + "':\n" + Files.readString(log));
            }
            if (line.contains(want)) {
                return;
            }
        }
    }

    private void pump(Process p, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                daemonLines.add(line);
            }
        } catch (IOException e) {
            // The daemon went away; what it said is in the log file.
        }
        daemonLines.add("<exit>");
    }

    /** create-md, then up + primary --force + down: UpToDate data, as after an initial sync. */
    void makeUpToDate() throws Exception {
        drbdadm("create-md", "--force", "r0");
        drbdadm("up", "r0");
        drbdadm("primary", "--force", "r0");
        drbdadm("down", "r0");
    }

    @Override
    public void close() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            if (!daemon.waitFor(30, TimeUnit.SECONDS)) {
                daemon.destroyForcibly().waitFor();
            }
        }
    }

    static Path repositoryRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/drbdadm")) && Files.isDirectory(p.resolve("handlers/ocf"))) {
                return p;
            }
        }
        throw new IllegalStateException("no jdrbd working tree above " + here);
    }

    /** Fails with the Debian package to install when a program is missing. */
    static void requireFile(Path program, String debianPackage) {
        if (!Files.exists(program)) {
            throw new AssertionError(program + " is missing: apt-get install " + debianPackage);
        }
    }
}
