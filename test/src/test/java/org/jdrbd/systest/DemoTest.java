package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: bin/demo, the README's first command, run as a user runs it (TMPDIR pointing at a
 * fresh directory): two jdrbdd on 127.0.0.2 and 127.0.0.3 driven by drbdmeta/drbdadm/drbdsetup,
 * initial sync, 64 MiB written through NBD on alpha, alpha killed with SIGKILL, beta promoted and
 * the data read back, 16 MiB more written on beta, alpha restarted and resynced as Secondary,
 * both downed and stopped. A second run is given a Java that does not exist.
 * Expectation: the first run exits 0 with nothing on stderr; the sha256 it printed for the data
 * written on alpha equals the one it printed for the data read on beta; the progress bar, the
 * promotion, alpha's UpToDate Secondary after the resync and both "verified" lines are there;
 * no process runs from its directory and the directory is gone. The second run exits 20 with a
 * "demo: FAILED:" line naming the daemon that did not start, keeps its directory for inspection
 * and leaves nothing running.
 * Why: the demo is the first thing a new user runs; it must tell the truth about failover and
 * resync, and never leave daemons behind, whether it succeeds or fails.
 */
class DemoTest {
    private static final Pattern WRITTEN = Pattern.compile("demo: written: sha256 ([0-9a-f]{64})\n");
    private static final Pattern READ = Pattern.compile("demo: read back on beta: sha256 ([0-9a-f]{64})\n");

    @TempDir
    Path dir;

    @Test
    void failoverAndResyncRunToTheEndAndLeaveNothingRunning() throws Exception {
        requireTool("nbdcopy", "libnbd-bin");
        Path tmp = Files.createDirectory(dir.resolve("demo-tmp"));
        Launchers l = new Launchers(dir).env("TMPDIR", tmp.toString())
                .env("JDRBD_DEMO_PORT", Integer.toString(freePort()));
        Launchers.Result demo = l.run(300, "demo");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        assertThat(demo.stderr()).as(demo.toString()).isEmpty();
        String out = demo.stdout();

        assertThat(out).contains("demo: [alpha] $ drbdadm create-md --force r0\n",
                "demo: [beta] $ drbdadm up r0\n", "demo: [alpha] $ drbdadm primary --force r0\n");
        assertThat(out).contains("demo: initial sync alpha -> beta [").contains("100.00% done\n");
        String written = group(WRITTEN, out, demo);
        assertThat(group(READ, out, demo)).as("sha256 read on beta after the failover")
                .isEqualTo(written);
        assertThat(out).contains("demo: [beta] $ drbdadm primary r0\n")
                .contains("demo: verified: beta serves exactly the 64 MiB written on alpha before the crash\n");

        String restart = out.substring(out.indexOf("demo: --- restarting alpha"));
        assertThat(restart).contains("demo: [alpha] $ drbdadm adjust r0\n")
                .contains("        r0 role:Secondary\n          disk:UpToDate\n")
                .contains("role:Primary\n            peer-disk:UpToDate\n");
        assertThat(out).contains("demo: verified: both nodes hold identical data, beta's new 16 MiB included\n")
                .contains("demo: alpha: jdrbdd stopped").contains("demo: beta: jdrbdd stopped")
                .containsPattern("demo: done in \\d+ s: failover and resync worked, nothing left running\n");

        assertThat(leftover(tmp)).as("a process still running from the demo's directory").isEmpty();
        try (var rest = Files.list(tmp)) {
            assertThat(rest.toList()).as("the demo removes its temporary directory").isEmpty();
        }
    }

    @Test
    void aDaemonThatCannotStartFailsClearlyAndLeavesNothingRunning() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("demo-tmp"));
        Launchers l = new Launchers(dir).env("TMPDIR", tmp.toString())
                .env("JDRBD_JAVA", dir.resolve("no-such-java").toString())
                .env("JDRBD_DEMO_PORT", Integer.toString(freePort()));
        Launchers.Result demo = l.run(120, "demo");
        assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(20);
        assertThat(demo.stderr()).as(demo.toString())
                .containsPattern("demo: FAILED: (alpha|beta): jdrbdd exited during start-up \\(see ")
                .contains("demo: kept " + tmp.resolve("jdrbd-demo."));
        assertThat(leftover(tmp)).as("a process still running from the demo's directory").isEmpty();
        try (var kept = Files.list(tmp)) {
            assertThat(kept.toList()).as("the failed demo keeps its directory").hasSize(1);
        }
    }

    /*
     * The demo's one drbd.conf serves both nodes: JDRBD_HOSTNAME picks the `on` section silently,
     * and drbd-utils' __DRBD_NODE__ still wins over it (with its stderr notice).
     */
    @Test
    void jdrbdHostnamePicksTheOnSection() throws Exception {
        Path conf = Files.writeString(dir.resolve("drbd.conf"), """
                resource r0 {
                  volume 0 { device minor 0; disk /dev/null; meta-disk internal; }
                  on alpha { node-id 0; address 127.0.0.2:7789; }
                  on beta { node-id 1; address 127.0.0.3:7789; }
                }
                """);
        String c = conf.toString();
        Launchers.Result beta = new Launchers(dir).env("JDRBD_HOSTNAME", "beta")
                .run("drbdadm", "-c", c, "-d", "up", "r0");
        assertThat(beta.exitCode()).as(beta.toString()).isZero();
        assertThat(beta.stdout()).startsWith("drbdsetup new-resource r0 1\n")
                .contains("drbdsetup new-path r0 0 ipv4:127.0.0.3:7789 ipv4:127.0.0.2:7789\n");
        assertThat(beta.stderr()).isEmpty();
        Launchers.Result alpha = new Launchers(dir).env("JDRBD_HOSTNAME", "alpha")
                .run("drbdadm", "-c", c, "-d", "up", "r0");
        assertThat(alpha.stdout()).as(alpha.toString()).startsWith("drbdsetup new-resource r0 0\n")
                .contains("drbdsetup new-peer r0 1 --_name=beta");
        Launchers.Result both = new Launchers(dir).env("JDRBD_HOSTNAME", "alpha")
                .env("__DRBD_NODE__", "beta").run("drbdadm", "-c", c, "-d", "up", "r0");
        assertThat(both.stdout()).as(both.toString()).startsWith("drbdsetup new-resource r0 1\n");
        assertThat(both.stderr()).contains("PRETENDING that I am >>beta<<");
    }

    private static String group(Pattern p, String out, Launchers.Result r) {
        Matcher m = p.matcher(out);
        assertThat(m.find()).as(p + " in\n" + r).isTrue();
        return m.group(1);
    }

    private static Optional<String> leftover(Path tmp) {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(tmp.toString())).findFirst();
    }

    /**
     * A port free on both demo addresses now, so that another two-node test on this machine
     * (they use 7789) cannot meet the demo's daemons.
     */
    private static int freePort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
                port = a.getLocalPort();
            }
            try (ServerSocket b = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.3"))) {
                return port;
            } catch (java.io.IOException taken) {
                // taken on the second address: try another
            }
        }
        throw new AssertionError("no port free on both 127.0.0.2 and 127.0.0.3");
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
