package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: an administrator's session on one host, only through the checked-in launchers:
 * bin/jdrbdd runs with its own control socket (JDRBD_CONTROL_SOCKET for the CLIs); drbd.conf has
 * resource r0 with one volume on a 256 MiB file and only this host. drbdadm create-md, up,
 * status/role/dstate, primary (refused without --force), primary --force, qemu-io writes and
 * verified reads over the NBD socket, drbdmeta (directly and through drbdadm) against the
 * attached minor, events2, secondary, down, drbdmeta after down, up again and the data read back,
 * drbdsetup del-minor/del-resource, SIGTERM. Also: drbdadm with no daemon listening. (bin/demo,
 * the two-node story, has its own DemoTest.)
 * Expectation: DRBD's exit codes and texts at every step (status layout of reference §2.7,
 * "Device '/dev/drbd0' is configured!" exit 20 while attached, 17 for a refused promotion, 10 for
 * an unknown resource, 1 for an up whose first step cannot reach the daemon), the data intact
 * across down/up, events2 resource lines without node-id.
 * Why: this is the README's promise: the DRBD tools drive jdrbdd as they drive the kernel module.
 */
class DrbdadmSingleNodeTest {
    private static final String NODE = "systest";

    @TempDir
    Path dir;
    private final List<Launchers.Daemon> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemons() {
        daemons.forEach(d -> d.process.destroyForcibly());
    }

    @Test
    void administratorSessionOnOneHost() throws Exception {
        requireTool("qemu-io", "qemu-utils");
        Path disk = dir.resolve("disk0.img");
        try (var f = new java.io.RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(256L << 20);
        }
        Path conf = writeConf(disk);
        Path socket = dir.resolve("control.sock");
        Path nbd = dir.resolve("nbd.sock");
        Launchers l = new Launchers(dir).env("JDRBD_CONTROL_SOCKET", socket.toString())
                .env("__DRBD_NODE__", NODE);
        Launchers.Daemon daemon = l.startDaemon(NODE, dir.resolve("state"), socket, nbd);
        daemons.add(daemon);
        String c = conf.toString();

        assertThat(l.ok("drbdadm", "-c", c, "create-md", "--force", "r0"))
                .contains("New drbd meta data block successfully created.");
        l.ok("drbdadm", "-c", c, "up", "r0");
        assertThat(l.ok("drbdadm", "-c", c, "status", "r0"))
                .isEqualTo("r0 role:Secondary\n  disk:Inconsistent\n\n");
        assertThat(l.ok("drbdadm", "-c", c, "role", "r0")).isEqualTo("Secondary\n");
        assertThat(l.ok("drbdadm", "-c", c, "dstate", "r0")).isEqualTo("Inconsistent\n");

        Launchers.Result refused = l.run("drbdadm", "-c", c, "primary", "r0");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(17);
        assertThat(refused.stderr())
                .contains("r0: State change failed: (-2) Need access to UpToDate data\n")
                .contains("Command 'drbdsetup primary r0' terminated with exit code 17\n");

        l.ok("drbdadm", "-c", c, "primary", "--force", "r0");
        assertThat(l.ok("drbdadm", "-c", c, "status", "r0"))
                .isEqualTo("r0 role:Primary\n  disk:UpToDate\n\n");
        assertThat(l.ok("drbdadm", "-c", c, "role", "r0")).isEqualTo("Primary\n");
        assertThat(l.ok("drbdadm", "-c", c, "dstate", "r0")).isEqualTo("UpToDate\n");

        // drbdmeta must not touch the meta data of an attached minor.
        Launchers.Result viaAdm = l.run("drbdadm", "-c", c, "create-md", "--force", "r0");
        assertThat(viaAdm.exitCode()).as(viaAdm.toString()).isEqualTo(20);
        assertThat(viaAdm.stderr()).contains("Device '/dev/drbd0' is configured!\n");
        Launchers.Result direct = l.run("drbdmeta", "--force", "0", "v09", disk.toString(),
                "internal", "wipe-md");
        assertThat(direct.exitCode()).as(direct.toString()).isEqualTo(20);
        assertThat(direct.stderr()).isEqualTo("Device '/dev/drbd0' is configured!\n");

        String uri = "nbd+unix:///r0?socket=" + nbd;
        Launchers.Result wrote = qemuIo(l, uri, "write -P 0x5a 1M 4M", "read -P 0x5a 1M 4M",
                "read -P 0 0 1M");
        assertThat(wrote.exitCode()).as(wrote.toString()).isZero();
        assertThat(wrote.stdout()).doesNotContain("Pattern verification failed");

        String events = l.ok("drbdsetup", "events2", "--now", "r0");
        assertThat(events).startsWith("exists resource name:r0 role:Primary suspended:no "
                + "force-io-failures:no may_promote:no promotion_score:10101\n");
        assertThat(events).doesNotContain("node-id");

        l.ok("drbdadm", "-c", c, "secondary", "r0");
        assertThat(l.ok("drbdadm", "-c", c, "role", "r0")).isEqualTo("Secondary\n");
        l.ok("drbdadm", "-c", c, "down", "r0");
        Launchers.Result gone = l.run("drbdadm", "-c", c, "status", "r0");
        assertThat(gone.exitCode()).isEqualTo(10);
        assertThat(gone.stderr()).contains("r0: No such resource\n");

        // After down the minor is free: dstate falls back to the meta data, drbdmeta may write.
        assertThat(l.ok("drbdadm", "-c", c, "dstate", "r0")).isEqualTo("Consistent\n");
        l.ok("drbdmeta", "--force", "0", "v09", disk.toString(), "internal", "outdate");
        assertThat(l.ok("drbdadm", "-c", c, "dstate", "r0")).isEqualTo("Outdated\n");

        l.ok("drbdadm", "-c", c, "up", "r0");
        assertThat(l.ok("drbdadm", "-c", c, "dstate", "r0")).isEqualTo("Outdated\n");
        l.ok("drbdadm", "-c", c, "primary", "--force", "r0");
        Launchers.Result readBack = qemuIo(l, uri, "read -P 0x5a 1M 4M");
        assertThat(readBack.exitCode()).as(readBack.toString()).isZero();
        assertThat(readBack.stdout()).doesNotContain("Pattern verification failed");
        l.ok("drbdadm", "-c", c, "down", "r0");

        // drbdsetup's lower-level removal: minors first, then the resource.
        l.ok("drbdsetup", "new-resource", "r9", "0");
        l.ok("drbdsetup", "new-minor", "r9", "9", "0");
        Launchers.Result inUse = l.run("drbdsetup", "del-resource", "r9");
        assertThat(inUse.exitCode()).isEqualTo(10);
        assertThat(inUse.stderr()).contains("r9: Failure: (159) Resource still in use");
        l.ok("drbdsetup", "del-minor", "9");
        l.ok("drbdsetup", "del-resource", "r9");
        assertThat(l.ok("drbdsetup", "status")).isEqualTo("# No currently configured DRBD found.\n");

        assertThat(daemon.terminate()).as("jdrbdd exit code on SIGTERM").isIn(0, 143);
    }

    @Test
    void withoutDaemonUpStopsAtTheFirstStep() throws Exception {
        Path disk = Files.createFile(dir.resolve("disk0.img"));
        Path conf = writeConf(disk);
        Path socket = dir.resolve("nobody-listens.sock");
        Launchers l = new Launchers(dir).env("JDRBD_CONTROL_SOCKET", socket.toString())
                .env("__DRBD_NODE__", NODE);
        Launchers.Result up = l.run("drbdadm", "-c", conf.toString(), "up", "r0");
        assertThat(up.exitCode()).as(up.toString()).isEqualTo(1);
        assertThat(up.stderr()).contains("drbdsetup: cannot reach jdrbdd at " + socket)
                .endsWith("Command 'drbdsetup new-resource r0 0' terminated with exit code 20\n");
        Launchers.Result role = l.run("drbdadm", "-c", conf.toString(), "role", "r0");
        assertThat(role.exitCode()).as(role.toString()).isEqualTo(20);
        assertThat(role.stderr()).endsWith("Command 'drbdsetup role r0' terminated with exit code 20\n");
    }

    private Path writeConf(Path disk) throws Exception {
        return Files.writeString(dir.resolve("drbd.conf"), """
                global { usage-count no; }
                resource r0 {
                  volume 0 { device minor 0; disk %s; meta-disk internal; }
                  on %s { node-id 0; address 127.0.0.1:7789; }
                }
                """.formatted(disk, NODE));
    }

    private Launchers.Result qemuIo(Launchers l, String uri, String... commands) throws Exception {
        List<String> argv = new ArrayList<>(List.of("-f", "raw", uri));
        for (String c : commands) {
            argv.add("-c");
            argv.add(c);
        }
        ProcessBuilder pb = new ProcessBuilder();
        List<String> cmd = new ArrayList<>(List.of("qemu-io"));
        cmd.addAll(argv);
        Path out = Files.createTempFile(dir, "qemu-io", ".out");
        Process p = pb.command(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("qemu-io hung: " + Files.readString(out));
        }
        return new Launchers.Result(p.exitValue(), Files.readString(out), "");
    }

    private static void requireTool(String program, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return;
            }
        }
        throw new AssertionError(program + " is not installed: apt-get install " + debianPackage);
    }
}
