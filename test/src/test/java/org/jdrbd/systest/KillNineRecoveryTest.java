package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.Superblock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a real jdrbdd process is set up with jdrbd's drbdsetup (new-resource, new-minor,
 * new-peer, attach, primary --force) on a 256 MiB file with internal meta data, takes a stream of
 * 4 KiB FUA writes from qemu-io over the NBD Unix socket, each to its own MiB, and is killed with
 * SIGKILL in the middle of the stream. It is started again and given no command at all.
 * Expectation: the restarted daemon re-adopts the resource from its Chronicle Map state registry
 * (drbdsetup status shows it Secondary and UpToDate), having replayed the AL; every write qemu-io
 * saw acknowledged reads back with its pattern; its block is marked out of sync for the peer (the
 * AL covered it); after a SIGTERM stop the meta data is clean again.
 * Why: this is DRBD's crash contract: FUA-acknowledged data survives, everything that may differ
 * from the peer is in the bitmap after AL replay, and the node comes back by itself, never Primary.
 */
class KillNineRecoveryTest {
    private static final long DISK_BYTES = 256L << 20;
    private static final int WRITES = 200;
    private static final int KILL_AFTER_ACKS = 60;
    private static final Pattern WROTE = Pattern.compile("wrote 4096/4096 bytes at offset (\\d+)");

    @TempDir
    Path dir;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void fuaAcknowledgedWritesSurviveKillNine() throws Exception {
        requireTool("qemu-io", "qemu-utils");
        Path disk = MetaImages.create(dir.resolve("r0.img"), DISK_BYTES, 1);
        Path state = dir.resolve("state");
        Path socket = dir.resolve("control.sock");
        Drbdsetup drbdsetup = new Drbdsetup(socket, dir);
        JdrbddProcess daemon = JdrbddProcess.start(state, socket, dir.resolve("first.log"));
        processes.add(daemon.process);
        drbdsetup.ok("new-resource", "r0", "0");
        drbdsetup.ok("new-minor", "r0", "0", "0");
        drbdsetup.ok("new-peer", "r0", "1");
        drbdsetup.ok("attach", "0", disk.toString(), disk.toString(), "internal");
        assertThat(drbdsetup.run("primary", "r0").exitCode()).as("no UpToDate data").isEqualTo(17);
        drbdsetup.ok("primary", "r0", "--force");

        Map<Long, Integer> acked = writeUntilKilled(state, daemon);
        assertThat(acked.size()).as("acknowledged writes before the kill")
                .isGreaterThanOrEqualTo(KILL_AFTER_ACKS).isLessThan(WRITES);
        Superblock crashed = MetaImages.superblock(disk);
        assertThat(crashed.has(MdFlags.AL_CLEAN)).as("killed while in use").isFalse();
        assertThat(crashed.has(MdFlags.PRIMARY_IND)).isTrue();

        JdrbddProcess again = JdrbddProcess.start(state, socket, dir.resolve("second.log"));
        processes.add(again.process);
        assertThat(Files.readString(dir.resolve("second.log")))
                .contains("re-adopted").contains("not cleanly shut down: AL replayed");
        assertThat(drbdsetup.ok("status", "r0")).contains("role:Secondary").contains("disk:UpToDate");
        List<String> reads = new ArrayList<>();
        acked.forEach((offset, pattern) -> reads.add("read -P " + pattern + " " + offset + " 4k"));
        Result check = qemuIo(state, true, reads);
        assertThat(check.exitCode).as(check.output).isZero();
        assertThat(check.output).doesNotContain("Pattern verification failed");

        assertThat(again.terminate()).as("SIGTERM stop").isTrue();
        assertThat(MetaImages.superblock(disk).has(MdFlags.AL_CLEAN)).isTrue();
        for (long offset : acked.keySet()) {
            assertThat(MetaImages.bitOnDisk(disk, 0, offset / 4096)).as("bit of " + offset).isTrue();
        }
    }

    /** qemu-io's FUA stream; the daemon is SIGKILLed after {@link #KILL_AFTER_ACKS} acks. */
    private Map<Long, Integer> writeUntilKilled(Path state, JdrbddProcess daemon) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL", "qemu-io", "-f", "raw",
                unixUri(state)));
        Map<Long, Integer> planned = new LinkedHashMap<>();
        for (int i = 0; i < WRITES; i++) {
            long offset = (long) i * (1 << 20) + (i % 7) * 4096L;
            int pattern = i % 250 + 1;
            planned.put(offset, pattern);
            cmd.add("-c");
            cmd.add("write -P " + pattern + " -f " + offset + " 4k");
        }
        Process client = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        processes.add(client);
        Map<Long, Integer> acked = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = WROTE.matcher(line);
                if (m.find()) {
                    long offset = Long.parseLong(m.group(1));
                    acked.put(offset, planned.get(offset));
                    if (acked.size() == KILL_AFTER_ACKS) {
                        daemon.kill9();
                    }
                }
            }
        }
        client.waitFor(60, TimeUnit.SECONDS);
        return acked;
    }

    private record Result(int exitCode, String output) {
    }

    private Result qemuIo(Path state, boolean readOnly, List<String> commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-io", "-f", "raw"));
        if (readOnly) {
            cmd.add("-r");
        }
        cmd.add(unixUri(state));
        for (String c : commands) {
            cmd.add("-c");
            cmd.add(c);
        }
        Path log = Files.createTempFile(dir, "qemu-io", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(p);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            fail("qemu-io did not finish");
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private static String unixUri(Path state) {
        return "nbd+unix:///r0?socket=" + state.resolve("nbd.sock");
    }

    private static void requireTool(String tool, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return;
            }
        }
        fail(tool + " is not installed: apt-get install " + pkg);
    }
}
