package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real NBD client program. A missing program fails the test with the Debian package to
 * install; it is never skipped (ARCHITECTURE.md: test/ must not be skipped by CI).
 */
final class ExternalTool {

    /** Program name → the Debian package that ships it. */
    private static final Map<String, String> PACKAGES = Map.of(
            "nbdinfo", "libnbd-bin",
            "nbdcopy", "libnbd-bin",
            "qemu-io", "qemu-utils",
            "qemu-img", "qemu-utils",
            "fio", "fio");

    /** What a finished program left behind. */
    record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    /** Runs {@code command}, waiting at most {@code timeoutSeconds}; stdout and stderr merged. */
    static Result run(Path workDir, long timeoutSeconds, String... command) throws IOException,
            InterruptedException {
        String program = command[0];
        requireInstalled(program);
        Path log = Files.createTempFile(workDir, program, ".log");
        Process process = new ProcessBuilder(List.of(command))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            fail(program + " did not finish within " + timeoutSeconds + " s; output:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    static void requireInstalled(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String dir : dirs) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return;
            }
        }
        fail(program + " is not installed: install the Debian package '"
                + PACKAGES.getOrDefault(program, program) + "' (apt-get install "
                + PACKAGES.getOrDefault(program, program) + ")");
    }
}
