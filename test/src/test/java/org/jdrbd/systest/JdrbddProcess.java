package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real jdrbdd process (org.jdrbd.daemon.Jdrbdd, as bin/jdrbdd runs it) with its log copied to
 * a file and offered line by line, so tests wait for what the daemon says instead of sleeping.
 */
final class JdrbddProcess {
    /** What bin/jdrbdd passes for Chronicle Map (reference/dependencies.md). */
    static final List<String> CHRONICLE_JVM_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.util=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true");

    final Process process;
    final Path log;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private JdrbddProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts jdrbdd and waits until it serves its control socket. */
    static JdrbddProcess start(Path stateDir, Path controlSocket, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-ea"));
        cmd.addAll(CHRONICLE_JVM_FLAGS);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jdrbd.daemon.Jdrbdd",
                "--node-name", "systest", "--state-dir", stateDir.toString(),
                "--control-socket", controlSocket.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        JdrbddProcess d = new JdrbddProcess(p, log);
        Thread pump = new Thread(() -> d.pump(), "jdrbdd-log");
        pump.setDaemon(true);
        pump.start();
        d.awaitLine("control socket " + controlSocket);
        return d;
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away; what it said is in the log file.
        }
        lines.add("<exit>");
    }

    /** Waits until the daemon logs a line containing {@code text}. */
    void awaitLine(String text) throws Exception {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals("<exit>")) {
                fail("jdrbdd did not log '" + text + "':\n" + Files.readString(log));
            }
            if (line.contains(text)) {
                return;
            }
        }
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; true when it exited in time. */
    boolean terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
