package org.jdrbd.daemon.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to completion (blocking: never on an event loop). An interface so
 * tests record command lines instead of running them.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * What a program did.
     *
     * @param exitCode its exit code; -1 when it could not be started or was killed on timeout
     * @param output   its stdout and stderr, merged and trimmed (the reason shown on failure)
     */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code argv}; kills it after {@code timeoutMs}. Never throws for a failing program. */
    Result runBlocking(List<String> argv, long timeoutMs);

    /**
     * The real thing: {@link ProcessBuilder}, output kept up to 4 KiB. Output goes to a temporary
     * file, not a pipe: nbd-client may leave a forked child holding its stdout, and a pipe
     * would then never reach end of file.
     */
    static CommandRunner system() {
        return (argv, timeoutMs) -> {
            Path out;
            try {
                out = Files.createTempFile("jdrbd-cmd", ".out");
            } catch (IOException e) {
                return new Result(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
            }
            try {
                return runBlocking(argv, timeoutMs, out);
            } finally {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException e) {
                    // A leftover temporary file is harmless.
                }
            }
        };
    }

    private static Result runBlocking(List<String> argv, long timeoutMs, Path out) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                            new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(-1, "cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        try {
            if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(-1, argv.get(0) + " timed out after " + timeoutMs + " ms");
            }
            return new Result(p.exitValue(), readUpTo(out, 4096));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(-1, argv.get(0) + " interrupted");
        }
    }

    private static String readUpTo(Path file, int maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(maxBytes), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
