package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: the tar.gz that dist/ builds (dist/target/jdrbd-VERSION.tar.gz) is unpacked and
 * installed with its install.sh into a temporary prefix, as an administrator would install it.
 * The installed commands run from PREFIX/sbin: drbdadm --version, the usage screens, the
 * installed jdrbdd with its own state dir and control socket, drbdmeta create-md on a file, and
 * the resource brought up and down by the very command lines of the installed drbd@.service
 * (against PREFIX/etc/drbd.conf, which includes drbd.d/*.res), status in between. The installed
 * units are checked with systemd-analyze verify where it exists. A second install, with a foreign
 * drbdadm first on PATH, must refuse without --force and keep an existing drbd.conf with it.
 * Also: the shipped example resource parses, and lib/ (the CLIs' class path) holds no daemon jar.
 * Expectation: one top directory; exit codes and texts of drbd-utils (usage screens 1/20/20);
 * "t60 role:Secondary / disk:Inconsistent" after the unit's start line, "No such resource" after
 * its stop line; the refusal names the foreign file and installs nothing.
 * Why: issue 8 — jdrbd must be installable and runnable outside the build tree, without taking
 * drbd-utils' place unless asked.
 */
class DistributionTest {
    private static final String NODE = "n60";
    private static final String RES = "t60";

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>();
    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemons() {
        daemons.forEach(Process::destroyForcibly);
    }

    @Test
    void installedDistributionRunsAResource() throws Exception {
        Path home = unpack();
        Path prefix = dir.resolve("prefix");
        Launchers.Result install = run(60, home.resolve("install.sh").toString(), "--prefix",
                prefix.toString());
        assertThat(install.exitCode()).as(install.toString()).isZero();
        Path sbin = prefix.resolve("sbin");
        for (String tool : List.of("jdrbdd", "drbdadm", "drbdsetup", "drbdmeta")) {
            assertThat(sbin.resolve(tool).toRealPath())
                    .isEqualTo(prefix.resolve("lib/jdrbd/bin").resolve(tool).toRealPath());
        }
        assertThat(prefix.resolve("lib/jdrbd/notify.sh")).isExecutable();
        assertThat(prefix.resolve("lib/ocf/resource.d/jdrbd/drbd")).isExecutable();
        try (Stream<Path> archives = Files.list(prefix.resolve("lib/jdrbd/cds"))) {
            assertThat(archives.map(p -> p.getFileName().toString()))
                    .as("install.sh writes the CLIs' AppCDS archives")
                    .anyMatch(n -> n.startsWith("drbdadm-") && n.endsWith(".jsa"));
        }

        assertThat(ok(sbin, "drbdadm", "--version")).contains("DRBDADM_VERSION=9.22.0\n")
                .contains("JDRBD_VERSION=");
        assertUsage(sbin, "drbdadm", 1, "USAGE: drbdadm COMMAND");
        assertUsage(sbin, "drbdsetup", 20, "USAGE: drbdsetup command");
        assertUsage(sbin, "drbdmeta", 20, "USAGE: drbdmeta [--force] DEVICE");
        assertUsage(sbin, "jdrbdd", 0, "Usage: jdrbdd");
        assertThat(prefix.resolve("share/man/man8/drbdadm.8")).content()
                .startsWith(".TH DRBDADM 8").contains("USAGE: drbdadm COMMAND");
        assertThat(prefix.resolve("share/man/man8/jdrbdd.8")).content()
                .contains(".nf\nUsage: jdrbdd").contains("--state-dir=<stateDir>");

        Path units = prefix.resolve("lib/systemd/system");
        Path etc = prefix.resolve("etc");
        verifyUnits(units);
        assertThat(Files.readString(units.resolve("jdrbdd.service")))
                .contains("ExecStart=" + sbin.resolve("jdrbdd") + " --state-dir /var/lib/jdrbd "
                        + "--control-socket /run/jdrbd/control.sock");

        Path disk = dir.resolve("disk0.img");
        try (RandomAccessFile f = new RandomAccessFile(disk.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        // A single node opens no connection, so the address is never bound; drbdadm checks it is
        // configured on an interface, which 127.0.0.1 always is.
        Files.writeString(etc.resolve("drbd.d/" + RES + ".res"), """
                resource %s {
                  volume 0 { device minor 60; disk %s; meta-disk internal; }
                  on %s { node-id 0; address 127.0.0.1:7860; }
                }
                """.formatted(RES, disk, NODE));
        Path socket = dir.resolve("run/control.sock");
        Files.createDirectories(socket.getParent());
        env.put("JDRBD_CONTROL_SOCKET", socket.toString());
        env.put("JDRBD_HOSTNAME", NODE);
        env.put("JDRBD_LIB_DIR", dir.toString());
        Process daemon = startDaemon(sbin, socket);

        assertThat(ok(sbin, "drbdmeta", "--force", "60", "v09", disk.toString(), "internal",
                "create-md", "1")).contains("New drbd meta data block successfully created.");
        String dump = ok(sbin, "drbdadm", "-c", etc.resolve("drbd.conf").toString(), "dump");
        assertThat(dump).contains("usage-count no;").contains("resource " + RES + " {");

        String unit = Files.readString(units.resolve("drbd@.service"));
        runUnitLine(unit, "ExecStart");
        assertThat(ok(sbin, "drbdadm", "-c", etc.resolve("drbd.conf").toString(), "status", RES))
                .isEqualTo(RES + " role:Secondary\n  disk:Inconsistent\n\n");
        runUnitLine(unit, "ExecStop");
        Launchers.Result gone = run(30, sbin.resolve("drbdsetup").toString(), "status", RES);
        assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(10);
        assertThat(gone.stderr()).contains(RES + ": No such resource");

        daemon.destroy();
        assertThat(daemon.waitFor(60, TimeUnit.SECONDS)).as("jdrbdd stops on SIGTERM").isTrue();
        assertThat(daemon.exitValue()).isIn(0, 143);
    }

    @Test
    void exampleConfigurationParses() throws Exception {
        Path home = unpack();
        Path etc = home.resolve("etc");
        Files.copy(etc.resolve("drbd.d/r0.res.disabled"), etc.resolve("drbd.d/r0.res"));
        String dump = ok(home.resolve("bin"), "drbdadm", "-c", etc.resolve("drbd.conf").toString(),
                "dump");
        assertThat(dump).contains("usage-count no;").contains("on-io-error      detach;")
                .contains("resource r0 {").contains("on alpha {").contains("on bravo {");
    }

    @Test
    void refusesToHideAForeignDrbdadmUnlessForced() throws Exception {
        Path home = unpack();
        Path fake = Files.createDirectories(dir.resolve("drbd-utils"));
        Path foreign = Files.writeString(fake.resolve("drbdadm"), "#!/bin/sh\necho foreign\n");
        assertThat(foreign.toFile().setExecutable(true)).isTrue();
        Path prefix = dir.resolve("prefix");
        Path sbin = prefix.resolve("sbin");
        Path conf = Files.createDirectories(prefix.resolve("etc")).resolve("drbd.conf");
        Files.writeString(conf, "# the administrator's own\n");
        env.put("PATH", fake + ":" + sbin + ":/usr/bin:/bin");

        Launchers.Result refused = run(60, home.resolve("install.sh").toString(), "--prefix",
                prefix.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).contains(foreign.toString()).contains("--force");
        assertThat(sbin.resolve("drbdadm")).doesNotExist();
        assertThat(prefix.resolve("lib/jdrbd")).doesNotExist();

        Launchers.Result forced = run(60, home.resolve("install.sh").toString(), "--prefix",
                prefix.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(sbin.resolve("drbdadm").toRealPath())
                .isEqualTo(prefix.resolve("lib/jdrbd/bin/drbdadm").toRealPath());
        assertThat(foreign).hasContent("#!/bin/sh\necho foreign\n");
        assertThat(conf).hasContent("# the administrator's own\n");
        assertThat(forced.stderr()).contains("kept the existing " + conf);
    }

    /** lib/ is the CLIs' class path: no daemon-only jar there (Logback, Vert.x), none twice. */
    @Test
    void cliClassPathHoldsNoDaemonJars() throws Exception {
        Path home = unpack();
        List<String> cli = jarNames(home.resolve("lib"));
        List<String> daemonOnly = jarNames(home.resolve("lib/daemon"));
        assertThat(cli).anyMatch(n -> n.startsWith("jdrbd-drbdadm-"))
                .anyMatch(n -> n.startsWith("picocli-"))
                .noneMatch(n -> n.startsWith("logback-") || n.startsWith("vertx-")
                        || n.startsWith("chronicle-") || n.startsWith("jdrbd-daemon-"));
        assertThat(daemonOnly).anyMatch(n -> n.startsWith("jdrbd-daemon-"))
                .anyMatch(n -> n.startsWith("logback-classic-"))
                .anyMatch(n -> n.startsWith("chronicle-map-"));
        assertThat(daemonOnly).doesNotContainAnyElementsOf(cli);
    }

    private static List<String> jarNames(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList();
        }
    }

    /** The unit-file check used above finds each kind of mistake (it must be able to fail). */
    @Test
    void unitFileCheckRejectsBrokenUnits() {
        String good = "[Unit]\nDescription=d\n[Service]\nExecStart=/bin/sh -c true\n"
                + "[Install]\nWantedBy=multi-user.target\n";
        UnitFiles.check(good, "good");
        Map<String, String> broken = Map.of(
                "unknown section [Servce]", good.replace("[Service]", "[Servce]"),
                "not KEY=VALUE", good.replace("Description=d", "Description d"),
                "not an executable absolute path: sh", good.replace("/bin/sh", "sh"),
                "no Install WantedBy", good.replace("WantedBy=", "RequiredBy="),
                "no Unit Description", good.replace("Description=d\n", ""));
        broken.forEach((message, unit) -> assertThatThrownBy(() -> UnitFiles.check(unit, "u"))
                .as(message).isInstanceOf(AssertionError.class).hasMessageContaining(message));
        assertThat(UnitFiles.command(good.replace("true", "%i"), "ExecStart", "r7"))
                .containsExactly("/bin/sh", "-c", "r7");
    }

    /** Unpacks the built tar.gz into dir/unpacked; its single top directory. */
    private Path unpack() throws Exception {
        Path tarball = tarball();
        Path out = Files.createDirectories(dir.resolve("unpacked"));
        Launchers.Result tar = run(60, "tar", "-xzf", tarball.toString(), "-C", out.toString());
        assertThat(tar.exitCode()).as(tar.toString()).isZero();
        String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "");
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(top);
        }
        Path home = out.resolve(top);
        assertThat(home.resolve("bin/jdrbd-launch")).isExecutable();
        assertThat(home.resolve("lib/daemon")).isDirectory();
        assertThat(home.resolve("handlers/scripts/crm-fence-peer.jdrbd.sh")).isExecutable();
        assertThat(home.resolve("handlers/ocf/drbd")).isExecutable();
        env.put("JDRBD_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return home;
    }

    /** dist/target/jdrbd-VERSION.tar.gz of this working tree (the newest, after a version change). */
    private static Path tarball() throws Exception {
        Path target = Launchers.repositoryRoot().resolve("dist/target");
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                s.filter(p -> p.getFileName().toString().matches("jdrbd-.+\\.tar\\.gz"))
                        .forEach(found::add);
            }
        }
        if (found.isEmpty()) {
            fail("no dist/target/jdrbd-*.tar.gz: build it with mvn -B install -DskipTests");
        }
        found.sort(Comparator.comparing(DistributionTest::modified));
        return found.get(found.size() - 1);
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A usage screen on stdout and drbd-utils' exit code for it. */
    private void assertUsage(Path sbin, String tool, int exitCode, String usage) throws Exception {
        Launchers.Result r = run(30, sbin.resolve(tool).toString(), "--help");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(exitCode);
        assertThat(r.stdout()).as(r.toString()).contains(usage);
    }

    /** systemd-analyze verify where it exists; always the unit-file basics of our own. */
    private void verifyUnits(Path units) throws Exception {
        Path copy = Files.createDirectories(dir.resolve("units"));
        Files.copy(units.resolve("jdrbdd.service"), copy.resolve("jdrbdd.service"));
        Files.copy(units.resolve("drbd@.service"), copy.resolve("drbd@" + RES + ".service"));
        for (Path u : List.of(copy.resolve("jdrbdd.service"), copy.resolve("drbd@" + RES + ".service"))) {
            UnitFiles.check(Files.readString(u), u.toString());
        }
        if (Files.isExecutable(Path.of("/usr/bin/systemd-analyze"))) {
            Launchers.Result v = run(60, "/usr/bin/systemd-analyze", "verify",
                    copy.resolve("jdrbdd.service").toString(),
                    copy.resolve("drbd@" + RES + ".service").toString());
            assertThat(v.exitCode()).as(v.toString()).isZero();
            assertThat(v.stdout() + v.stderr()).as(v.toString()).isEmpty();
        }
    }

    /** Runs KEY's command line of a drbd@.service for resource RES, as systemd would. */
    private void runUnitLine(String unit, String key) throws Exception {
        List<String> argv = UnitFiles.command(unit, key, RES);
        Launchers.Result r = run(60, argv.toArray(new String[0]));
        assertThat(r.exitCode()).as(key + " " + argv + ": " + r).isZero();
    }

    private String ok(Path binDir, String tool, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binDir.resolve(tool).toString()));
        cmd.addAll(List.of(args));
        Launchers.Result r = run(60, cmd.toArray(new String[0]));
        assertThat(r.exitCode()).as(cmd + ": " + r).isZero();
        return r.stdout();
    }

    /** Runs argv with this test's environment, stdin from /dev/null, at most timeoutSeconds. */
    private Launchers.Result run(long timeoutSeconds, String... argv) throws Exception {
        Path out = Files.createTempFile(dir, "run", ".out");
        Path err = Files.createTempFile(dir, "run", ".err");
        ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(Path.of("/dev/null").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly().waitFor();
            fail(String.join(" ", argv) + " did not finish within " + timeoutSeconds + " s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Launchers.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The installed jdrbdd, waited for until it serves its control socket. */
    private Process startDaemon(Path sbin, Path socket) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(sbin.resolve("jdrbdd").toString(), "--node-name",
                NODE, "--state-dir", dir.resolve("state").toString(), "--control-socket",
                socket.toString(), "--nbd-socket", dir.resolve("run/nbd.sock").toString())
                .redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        daemons.add(p);
        new Logged(p, dir.resolve("jdrbdd.log")).awaitLine("control socket " + socket);
        return p;
    }

    /** The daemon's output, copied to a log and waited on by line. */
    private static final class Logged extends LoggedProcess {
        Logged(Process process, Path log) {
            super(process, log);
        }
    }
}
