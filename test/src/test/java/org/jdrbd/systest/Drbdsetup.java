package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs jdrbd's drbdsetup (as bin/drbdsetup does) against one daemon's control socket. */
final class Drbdsetup {
    record Result(int exitCode, String output) {
    }

    private final Path socket;
    private final Path dir;

    Drbdsetup(Path socket, Path dir) {
        this.socket = socket;
        this.dir = dir;
    }

    Result run(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(JdrbddProcess.java(), "-ea", "-cp",
                System.getProperty("java.class.path"), "org.jdrbd.drbdadm.setup.DrbdsetupMain"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "drbdsetup", ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("JDRBD_CONTROL_SOCKET", socket.toString());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("drbdsetup " + String.join(" ", args) + " hung");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Runs and requires exit code 0. */
    String ok(String... args) throws Exception {
        Result r = run(args);
        if (r.exitCode() != 0) {
            fail("drbdsetup " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
