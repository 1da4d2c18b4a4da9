package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: two jdrbdd processes (127.0.0.40 = a, 127.0.0.41 = b) with protocol C on 64 MiB
 * disks, a Primary after the initial sync. Per seed: fio writes through the Primary's NBD export
 * with --verify=crc32c (each block carries a header with its offset and a seed-derived random
 * seed), one to four jobs at queue depth 1, each on its own region and NBD connection; the seed
 * draws the layout (sequential or random, block size 4..64 KiB, start offset) and the kill point.
 * Once fio's own status says that many KiB of writes completed, the Primary is killed with
 * SIGKILL; fio fails on the broken NBD connection and saves its verify state (the writes that
 * completed). The Secondary sees the connection go, is promoted with drbdsetup primary, and a
 * verify-only fio with the same seed and the saved state reads its NBD export. Then the killed
 * node's daemon is started again; it re-adopts the resource, reconnects and resyncs as Secondary,
 * and the next seed kills the new Primary (the roles alternate, so each seed costs one daemon
 * start and a small resync instead of a new pair). After a failed seed the next starts a new pair.
 * Expectation: fio's write phase ends with an error; the Secondary becomes Primary; the verify
 * pass finds every completed write intact (rc 0, no "verify:" errors) and verifies exactly as many
 * KiB as fio saw completed, at least as many as when the kill was decided (not vacuous); the
 * rejoined node ends UpToDate with the same data as the new Primary (its own writes that never
 * reached the peer were resynced away).
 * Why: protocol C acknowledges a write only after the peer wrote it (fact sheet §6.4, §7): after
 * a Primary crash, failing over to the Secondary must lose no acknowledged write (issue 6).
 * Replay one seed on a new pair with -Dfailover.seed=N; -Dfailover.protocol=A|B runs the same
 * scenario with another protocol (not in CI).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FailoverTest {
    private static final long DISK_BYTES = 64L << 20;
    /** Each fio job's region: more than is written before the kill, so fio never finishes. */
    private static final long JOB_REGION_BYTES = 8L << 20;
    private static final int SEEDS = 20;
    private static final long SEED_OF_SEEDS = 0x6a647262640006L;
    private static final long STATUS_INTERVAL_MS = 50;
    private static final String WRITE_STATUS = "write.terse";
    private static final Pattern DATA_BYTES = Pattern.compile("attached .* \\((\\d+) bytes of data\\)");

    /** One directory for the whole class: the pair lives across seeds. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dir;
    private final String protocol = System.getProperty("failover.protocol", "C");
    private Pair pair;
    private Node primary;
    private Node secondary;
    private long dataBytes;
    private int round;
    private boolean passed;
    private Path work;
    private final List<Process> clients = new ArrayList<>();

    @AfterEach
    void afterSeed() {
        clients.forEach(Process::destroyForcibly);
        clients.clear();
        if (!passed && pair != null) {
            pair.close(); // the next seed starts from a new pair
            for (Node n : List.of(pair.a, pair.b)) {
                System.out.println("---- last lines of " + n.name + "'s log (" + n.log + ")");
                try {
                    List<String> lines = Files.readAllLines(n.log);
                    lines.subList(Math.max(0, lines.size() - 80), lines.size()).forEach(System.out::println);
                } catch (java.io.IOException e) {
                    System.out.println("unreadable: " + e);
                }
            }
            pair = null;
        }
    }

    @AfterAll
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    static Stream<Long> seeds() {
        String one = System.getProperty("failover.seed");
        if (one != null) {
            return Stream.of(Long.parseLong(one));
        }
        Random r = new Random(SEED_OF_SEEDS);
        return LongStream.generate(() -> r.nextLong() & Long.MAX_VALUE).limit(SEEDS).boxed();
    }

    /**
     * What one seed decides: fio's layout and when the Primary dies. Each fio job runs at queue
     * depth 1, because only then does fio's saved verify state hold exactly the completed writes
     * (at a deeper queue it also lists writes still in flight when the connection broke); several
     * jobs, each on its own region and NBD connection, give the daemon concurrent writes.
     */
    record Plan(long seed, String rw, int blockBytes, int jobs, long offsetBytes, long killAfterKiB) {
        static Plan of(long seed) {
            Random r = new Random(seed);
            String rw = r.nextInt(4) == 0 ? "write" : "randwrite";
            int bs = 4096 << r.nextInt(5);
            return new Plan(seed, rw, bs, 1 + r.nextInt(4), (long) r.nextInt(17) << 20,
                    256 + r.nextInt(2048));
        }

        /** The options both fio phases share: same seed and layout, so verify re-creates the writes. */
        List<String> fioJob(String uri) {
            return List.of("fio", "--name=failover", "--ioengine=nbd", "--uri=" + uri,
                    "--rw=" + rw, "--bs=" + blockBytes, "--iodepth=1", "--numjobs=" + jobs,
                    "--offset=" + offsetBytes, "--size=" + JOB_REGION_BYTES,
                    "--offset_increment=" + JOB_REGION_BYTES, "--group_reporting",
                    "--randseed=" + seed, "--verify=crc32c");
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void acknowledgedWritesSurviveFailover(long seed) throws Exception {
        passed = false;
        Plan plan = Plan.of(seed);
        if (pair == null) {
            startSyncedPair();
        }
        round++;
        work = Files.createDirectories(dir.resolve("seed-" + seed));

        Written w = writeUntilPrimaryKilled(plan);
        long killedAtKiB = w.killDecidedKiB();
        long ackedKiB = w.completedKiB();

        secondary.awaitStatus(30, "connection:Connecting");
        secondary.ok("primary", "r0");
        secondary.awaitStatus(10, "role:Primary", "disk:UpToDate");

        List<String> verify = new ArrayList<>(plan.fioJob(secondary.nbdUri()));
        verify.addAll(List.of("--verify_only", "--verify_state_load=1", "--verify_fatal=1",
                "--output-format=json", "--output=verify.json"));
        Process verifier = fio(verify, "verify");
        assertThat(verifier.waitFor(60, TimeUnit.SECONDS)).as("verify finished").isTrue();
        String verifyErrors = Files.readString(work.resolve("verify.err"));
        String report = plan + ", protocol " + protocol + ", " + primary.name + " killed (round "
                + round + "): fio saw " + ackedKiB + " KiB of writes completed, kill decided at "
                + killedAtKiB + " KiB\nverify: " + verifyErrors + "\nwrite: "
                + Files.readString(work.resolve("write.err"));
        System.out.println(report.lines().findFirst().orElse(""));
        assertThat(verifier.exitValue()).as("fio verify on %s: %s", secondary.name, report).isZero();
        assertThat(verifyErrors).as(report).doesNotContain("verify:");
        assertThat(readKiB(work.resolve("verify.json"))).as("KiB verified on %s, %s", secondary.name, report)
                .isEqualTo(ackedKiB).isGreaterThanOrEqualTo(killedAtKiB);

        rejoin(primary, secondary);
        Node newPrimary = secondary;
        secondary = primary;
        primary = newPrimary;
        passed = true;
    }

    /** Both daemons up with the protocol under test, a Primary, the initial sync done. */
    private void startSyncedPair() throws Exception {
        Path root = Files.createDirectories(dir.resolve("pair-" + round));
        pair = Pair.create(root, "127.0.0.40", "127.0.0.41", DISK_BYTES);
        for (Node n : List.of(pair.a, pair.b)) {
            // No handler decides anything here (no fencing); the distribution's drbdadm, which
            // knows no jdrbd resource, would fail before-resync-source and drop the connection.
            n.daemonArgs.addAll(List.of("--usermode-helper", "/bin/true"));
        }
        // Both JVMs start at once: their start-up is most of a pair's set-up time.
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            try {
                pair.b.start();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        pair.a.start();
        b.get(90, TimeUnit.SECONDS);
        String net = "--protocol=" + protocol;
        pair.a.up(pair.b, net);
        pair.b.up(pair.a, net);
        pair.a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        pair.a.ok("primary", "r0", "--force");
        pair.a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        pair.b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        primary = pair.a;
        secondary = pair.b;
        Matcher m = DATA_BYTES.matcher(pair.a.logText());
        assertThat(m.find()).as("attach logged the data size").isTrue();
        dataBytes = Long.parseLong(m.group(1));
    }

    /** What fio's status said: when the kill was decided, and all it saw complete. */
    private record Written(long killDecidedKiB, long completedKiB) {
    }

    /**
     * fio writes through the Primary until it saw {@code plan.killAfterKiB()} complete, then the
     * Primary is killed; fio must fail and leave one verify state per job.
     */
    private Written writeUntilPrimaryKilled(Plan plan) throws Exception {
        List<String> write = new ArrayList<>(plan.fioJob(primary.nbdUri()));
        write.addAll(List.of("--do_verify=0", "--verify_state_save=1", "--output-format=terse",
                "--status-interval=" + STATUS_INTERVAL_MS + "ms", "--output=" + WRITE_STATUS));
        Process writer = fio(write, "write");
        long killedAtKiB = awaitWrittenKiB(work, plan.killAfterKiB(), writer);
        primary.close(); // SIGKILL, then waits until the process is gone
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).as("fio noticed the dead Primary").isTrue();
        assertThat(writer.exitValue()).as("fio's write phase failed under the kill: %s",
                Files.readString(work.resolve("write.err"))).isNotZero();
        for (int job = 0; job < plan.jobs(); job++) {
            assertThat(work.resolve("local-failover-" + job + "-verify.state")).as("verify state").exists();
        }
        return new Written(killedAtKiB, lastWrittenKiB(work));
    }

    /**
     * Starts the killed node's daemon again (its earlier log kept as jdrbdd.log.ROUND, one file
     * per incarnation): it re-adopts the resource, reconnects and resyncs as Secondary, and then
     * holds the new Primary's data.
     */
    private void rejoin(Node killed, Node newPrimary) throws Exception {
        Files.move(killed.log, killed.dir.resolve("jdrbdd.log." + round));
        killed.start();
        killed.awaitStatus(60, "role:Secondary", "disk:UpToDate", "peer-disk:UpToDate",
                "replication:Established");
        newPrimary.awaitStatus(30, "peer-disk:UpToDate", "replication:Established");
        DataChecks.awaitSameData(killed, newPrimary, dataBytes);
    }

    /**
     * Follows fio's status lines until the writes it saw completed reach {@code kib}; fio must
     * still be running.
     */
    private static long awaitWrittenKiB(Path work, long kib, Process writer) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = -1;
        while (System.nanoTime() < end && writer.isAlive()) {
            seen = lastWrittenKiB(work);
            if (seen >= kib) {
                return seen;
            }
            Thread.sleep(STATUS_INTERVAL_MS / 4); // poll interval of the bounded wait on fio's status
        }
        fail("fio never reported " + kib + " KiB written (fio alive: " + writer.isAlive() + ", last "
                + seen + " KiB)\nfio: " + Files.readString(work.resolve("write.err")));
        return -1;
    }

    /**
     * The write KiB of fio's last complete terse status line (version 3: field 47, counting from
     * 1, is the write total; bytes are counted when the write completed); -1 before the first.
     */
    private static long lastWrittenKiB(Path work) throws Exception {
        Path status = work.resolve(WRITE_STATUS);
        if (!Files.exists(status)) {
            return -1;
        }
        String text = Files.readString(status);
        long kib = -1;
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            String[] f = line.split(";");
            if (f.length > 47 && f[0].equals("3")) {
                kib = Long.parseLong(f[46]);
            }
        }
        return kib;
    }

    /** Starts fio in the work directory, where its verify state files go. */
    private Process fio(List<String> cmd, String name) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).start();
        clients.add(p);
        return p;
    }

    /** KiB fio read (= verified) according to its JSON report. */
    private static long readKiB(Path json) throws Exception {
        String text = Files.readString(json);
        JsonObject job = new JsonObject(text.substring(text.indexOf('{'))).getJsonArray("jobs").getJsonObject(0);
        return job.getJsonObject("read").getLong("io_kbytes");
    }
}
