package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs qemu-io (Debian package qemu-utils) against an NBD URI; a missing tool fails the test. */
final class QemuIo {
    record Result(int exitCode, String output) {
    }

    private QemuIo() {
    }

    static Result run(Path dir, String uri, boolean readOnly, String... commands)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/qemu-io"))) {
            fail("qemu-io is not installed: apt-get install qemu-utils");
        }
        List<String> cmd = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
        if (readOnly) {
            cmd.add("-r");
        }
        cmd.add(uri);
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        Path log = Files.createTempFile(dir, "qemu-io", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("qemu-io did not finish: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
