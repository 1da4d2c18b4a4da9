package org.jdrbd.drbdadm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: drbdadm executes plans in-process (drbdsetup and drbdmeta without a JVM per step)
 * while no jdrbdd listens on the control socket named by JDRBD_CONTROL_SOCKET.
 * Expectation: as Debian's drbdadm without the kernel module: `up` stops at its first drbdsetup
 * step with "Command '...' terminated with exit code 20" and exits 1; `role` exits 20; `dstate`
 * runs drbdsetup silently and falls back to drbdmeta, which reads a regular file without --force
 * (jdrbd serves files); create-md still needs --force on a file.
 * Why: administrators and scripts read drbdadm's exit codes; a missing daemon must look like a
 * missing kernel module, not like success.
 */
class ExecutorTest {
    @TempDir
    Path dir;

    private record Run(int rc, String out, String err) { }

    private Run drbdadm(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("__DRBD_NODE__", "alpha",
                "JDRBD_CONTROL_SOCKET", dir.resolve("nobody.sock").toString());
        int rc = new DrbdadmMain(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(new byte[0]), env).run(args);
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path conf(Path disk) throws Exception {
        return Files.writeString(dir.resolve("r0.res"), """
                resource r0 {
                  volume 0 { device minor 7; disk %s; meta-disk internal; }
                  on alpha { node-id 0; address 127.0.0.1:7789; }
                }
                """.formatted(disk));
    }

    private Path disk() throws Exception {
        Path disk = dir.resolve("disk.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        return disk;
    }

    @Test
    void upWithoutDaemonStopsAtFirstStepWithExitOne() throws Exception {
        Run r = drbdadm("-c", conf(disk()).toString(), "up", "r0");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).contains("drbdsetup: cannot reach jdrbdd at " + dir.resolve("nobody.sock"))
                .endsWith("Command 'drbdsetup new-resource r0 0' terminated with exit code 20\n");
        assertThat(r.err()).doesNotContain("new-minor");
    }

    @Test
    void directCommandWithoutDaemonReturnsTheChildCode() throws Exception {
        Run r = drbdadm("-c", conf(disk()).toString(), "role", "r0");
        assertThat(r.rc()).isEqualTo(20);
        assertThat(r.err()).endsWith("Command 'drbdsetup role r0' terminated with exit code 20\n");
    }

    @Test
    void dstateFallsBackToMetaDataOnAFileSilently() throws Exception {
        Path conf = conf(disk());
        Run md = drbdadm("-c", conf.toString(), "create-md", "--force", "r0");
        assertThat(md.rc()).as(md.err()).isZero();
        Run r = drbdadm("-c", conf.toString(), "dstate", "r0");
        assertThat(r.rc()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Inconsistent\n");
        assertThat(r.err()).doesNotContain("cannot reach").doesNotContain("terminated");
    }

    @Test
    void createMdOnAFileStillNeedsForce() throws Exception {
        Run r = drbdadm("-c", conf(disk()).toString(), "create-md", "r0");
        assertThat(r.rc()).isEqualTo(20);
        assertThat(r.err()).contains("is not a block device!");
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "apply-al, file, true",
        "dstate, file, true",
        "get-gi, file, true",
        "show-gi, file, true",
        "create-md, file, false",
        "wipe-md, file, false",
        "outdate, file, false",
        "apply-al, missing, false",
    })
    void forceIsAddedOnlyForFileSafeCommandsOnRegularFiles(String cmd, String kind, boolean forced)
            throws Exception {
        Path dev = kind.equals("file") ? disk() : dir.resolve("missing.img");
        String[] argv = Executor.metaArgs(List.of("7", "v09", dev.toString(), "internal", cmd));
        assertThat(List.of(argv).contains("--force")).isEqualTo(forced);
        assertThat(argv[argv.length - 1]).isEqualTo(cmd);
    }
}
