package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the checked-in launchers (bin/drbdadm, bin/drbdsetup, bin/drbdmeta, bin/jdrbdd, bin/demo)
 * as an administrator does, with one environment for all of them, and captures stdout and stderr
 * separately.
 */
final class Launchers {
    /** What one launcher run left behind. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path root;
    private final Path dir;
    private final Map<String, String> env = new HashMap<>();

    Launchers(Path dir) {
        this.root = repositoryRoot();
        this.dir = dir;
        requireBuilt(root);
        // drbdmeta keeps its last-known-size files here instead of /var/lib/drbd.
        env.put("JDRBD_LIB_DIR", dir.toString());
    }

    /** Sets an environment variable for every later run. */
    Launchers env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path bin(String tool) {
        return root.resolve("bin").resolve(tool);
    }

    /** Runs bin/TOOL ARGS, at most timeoutSeconds. */
    Result run(long timeoutSeconds, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin(tool).toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, tool, ".out");
        Path err = Files.createTempFile(dir, tool, ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                        Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail(tool + " " + String.join(" ", args) + " did not finish within " + timeoutSeconds
                    + " s:\n" + Files.readString(out) + Files.readString(err));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Runs with a 60 s limit. */
    Result run(String tool, String... args) throws Exception {
        return run(60, tool, args);
    }

    /** Runs and requires exit code 0; returns stdout. */
    String ok(String tool, String... args) throws Exception {
        Result r = run(tool, args);
        if (r.exitCode() != 0) {
            fail(tool + " " + String.join(" ", args) + " failed: " + r);
        }
        return r.stdout();
    }

    /** bin/jdrbdd started with this environment, its output pumped to a log and offered by line. */
    Daemon startDaemon(String nodeName, Path stateDir, Path controlSocket, Path nbdSocket)
            throws Exception {
        List<String> cmd = List.of(bin("jdrbdd").toString(), "--node-name", nodeName,
                "--state-dir", stateDir.toString(), "--control-socket", controlSocket.toString(),
                "--nbd-socket", nbdSocket.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Daemon d = new Daemon(pb.start(), dir.resolve("jdrbdd.log"));
        d.awaitLine("control socket " + controlSocket);
        return d;
    }

    /** A running bin/jdrbdd. */
    static final class Daemon extends LoggedProcess {
        private Daemon(Process process, Path log) {
            super(process, log);
        }

        /** SIGTERM and wait; the exit code, or -1 when it did not stop within 60 s. */
        int terminate() throws InterruptedException {
            process.destroy();
            return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
        }
    }

    /** The working tree: the test module runs in ROOT/test. */
    static Path repositoryRoot() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("bin/drbdadm")) && Files.isDirectory(p.resolve("daemon"))) {
                return p;
            }
        }
        throw new IllegalStateException("no jdrbd working tree above " + here);
    }

    /** The launchers run the packaged jars; without them the test cannot mean anything. */
    private static void requireBuilt(Path root) {
        for (String m : List.of("daemon", "drbdadm")) {
            try (var s = Files.newDirectoryStream(root.resolve(m).resolve("target"),
                    "jdrbd-" + m + "-*.jar")) {
                if (s.iterator().hasNext()) {
                    continue;
                }
            } catch (IOException e) {
                // handled below: no target directory means not built
            }
            fail("bin/ launchers need the packaged jars: run mvn -B -DskipTests package (missing "
                    + m + "/target/jdrbd-" + m + "-*.jar)");
        }
    }
}
