package org.jdrbd.handlers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs a shipped handler script with fake cluster tools first on PATH. Every fake appends one
 * line "NAME [arg1] [arg2] ..." to calls.log and then runs the body the test gave it.
 */
final class ScriptHarness {
    /** The shipped scripts, relative to the module directory Maven runs tests in. */
    static final Path SCRIPTS = Path.of("scripts").toAbsolutePath();

    final Path dir;
    final Path bin;
    final Path log;
    final Map<String, String> env = new TreeMap<>();

    ScriptHarness(Path dir) throws IOException {
        this.dir = dir;
        this.bin = Files.createDirectories(dir.resolve("bin"));
        this.log = dir.resolve("calls.log");
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("HOME", "/");
    }

    /** Installs fake {@code name} whose behaviour after recording is {@code body} (sh). */
    ScriptHarness fake(String name, String body) throws IOException {
        String script = "#!/bin/sh\n"
                + "{ printf '%s' '" + name + "'; for a in \"$@\"; do printf ' [%s]' \"$a\"; done; echo; } >> '" + log + "'\n"
                + body + "\n";
        Path p = bin.resolve(name);
        Files.writeString(p, script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return this;
    }

    ScriptHarness env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** The recorded calls, in order. */
    List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** Runs {@code script} with {@code args}; returns exit code and stderr. */
    Run run(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SCRIPTS.resolve(script).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectError(dir.resolve("stderr").toFile());
        pb.redirectOutput(dir.resolve("stdout").toFile());
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(script + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stderr")));
    }

    /** One script run. */
    record Run(int exitCode, String stderr) {
    }
}
