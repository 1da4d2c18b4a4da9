package org.jdrbd.systest;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real jdrbdd process (org.jdrbd.daemon.Jdrbdd, as bin/jdrbdd runs it) with its log copied to
 * a file and offered line by line, so tests wait for what the daemon says instead of sleeping.
 */
public final class JdrbddProcess extends LoggedProcess {
    /** What bin/jdrbdd passes for Chronicle Map (reference/dependencies.md). */
    public static final List<String> CHRONICLE_JVM_FLAGS = List.of(
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

    private JdrbddProcess(Process process, Path log) {
        super(process, log);
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
        d.awaitLine("control socket " + controlSocket);
        return d;
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
