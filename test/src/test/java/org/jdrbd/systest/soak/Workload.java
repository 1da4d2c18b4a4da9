package org.jdrbd.systest.soak;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The soak's fio workload: numbered batches of 4 KiB random writes at queue depth 1 with a
 * crc32c verify header (offset and seed inside), each batch into one of {@link #SLOTS} 1 MiB
 * slots of the device, so later batches overwrite only whole older batches (which are then
 * forgotten). fio saves each batch's verify state (which writes completed: exact at iodepth 1),
 * also when the batch dies under a kill -9 of the Primary. {@link #verify} re-reads every
 * current batch (one fio, one job per batch, each loading its state), through NBD or straight
 * from a backing file: every acknowledged write must read back intact.
 */
final class Workload {
    static final int SLOTS = 16;
    static final long SLOT_BYTES = 1L << 20;
    static final int BLOCK_BYTES = 4096;
    /** Write rate of a batch that is meant to be cut by a kill (so the kill lands mid-batch). */
    static final int INTERRUPTED_IOPS = 400;
    /** fio verify processes run at once. */
    static final int VERIFY_PARALLEL = 4;

    /** One batch: where it wrote, its seed, what fio reported as written. */
    record Batch(int index, int slot, long sizeBytes, long seed, Path dir, long writtenBytes,
            boolean interrupted) {
        String name() {
            return "b" + index;
        }

        long offset() {
            return slot * SLOT_BYTES;
        }

        List<String> jobOptions() {
            return List.of("--name=" + name(), "--rw=randwrite", "--bs=" + BLOCK_BYTES, "--iodepth=1",
                    "--offset=" + offset(), "--size=" + sizeBytes, "--randseed=" + seed,
                    "--verify=crc32c");
        }
    }

    /** A batch still being written (to be cut by a kill). */
    record Running(Batch planned, Process fio) {
    }

    private final Path root;
    private final long seed;
    private final Map<Integer, Batch> current = new TreeMap<>();
    private int nextIndex;
    private int verifyRuns;
    /** Batches numbered below this have been read back by some verify. */
    private int verifiedBelow;
    private long bytesWritten;
    private volatile long bytesVerified;

    Workload(Path root, long seed) throws Exception {
        this.root = Files.createDirectories(root);
        this.seed = seed;
    }

    /** Writes one batch of {@code sizeBytes} through {@code uri}; fio must succeed. */
    Batch write(String uri, long sizeBytes) throws Exception {
        Batch b = plan(sizeBytes, false);
        Process p = start(b, uri, List.of());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SoakFailure("fio batch " + b.name() + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new SoakFailure("fio batch " + b.name() + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(b.dir().resolve("write.err")).strip());
        }
        return record(b, false);
    }

    /** Starts a rate-limited batch of one whole slot, to be cut by a kill. */
    Running startInterrupted(String uri) throws Exception {
        Batch b = plan(SLOT_BYTES, true);
        return new Running(b, start(b, uri, List.of("--rate_iops=" + INTERRUPTED_IOPS)));
    }

    /** After the kill: fio's exit (it usually fails, or finished first); the batch recorded. */
    Batch finishInterrupted(Running r) throws Exception {
        if (!r.fio().waitFor(60, TimeUnit.SECONDS)) {
            r.fio().destroyForcibly();
            throw new SoakFailure("fio batch " + r.planned().name() + " hung after the Primary died");
        }
        Path state = r.planned().dir().resolve("local-" + r.planned().name() + "-0-verify.state");
        if (!Files.exists(state)) {
            throw new SoakFailure("fio left no verify state for the cut batch " + r.planned().name()
                    + ": " + Files.readString(r.planned().dir().resolve("write.err")).strip());
        }
        return record(r.planned(), r.fio().exitValue() != 0);
    }

    private Batch plan(long sizeBytes, boolean interrupted) throws Exception {
        int index = nextIndex++;
        int slot = index % SLOTS;
        long s = seed * 1_000_003L + index;
        Path dir = Files.createDirectories(root.resolve("b" + index));
        return new Batch(index, slot, sizeBytes, s & Long.MAX_VALUE, dir, 0, interrupted);
    }

    private Process start(Batch b, String uri, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("fio", "--ioengine=nbd", "--uri=" + uri,
                "--output-format=json", "--output=write.json"));
        cmd.addAll(b.jobOptions());
        cmd.addAll(List.of("--do_verify=0", "--verify_state_save=1"));
        cmd.addAll(extra);
        return new ProcessBuilder(cmd).directory(b.dir().toFile())
                .redirectOutput(b.dir().resolve("write.out").toFile())
                .redirectError(b.dir().resolve("write.err").toFile()).start();
    }

    private Batch record(Batch b, boolean cut) throws Exception {
        long written = ioBytes(b.dir().resolve("write.json"), b.name(), "write");
        Batch done = new Batch(b.index(), b.slot(), b.sizeBytes(), b.seed(), b.dir(),
                Math.max(written, 0), cut);
        current.put(b.slot(), done);
        bytesWritten += done.writtenBytes();
        return done;
    }

    /** Verifies every current batch through an NBD export. */
    String verifyNbd(String uri) throws Exception {
        return verify(List.of("--ioengine=nbd", "--uri=" + uri), "nbd " + uri, false);
    }

    /** Verifies through an NBD export only the current batches no verify has read yet. */
    String verifyNewNbd(String uri) throws Exception {
        return verify(List.of("--ioengine=nbd", "--uri=" + uri), "nbd " + uri, true);
    }

    /** Verifies every current batch in a backing file (data starts at offset 0: internal meta). */
    String verifyFile(Path file) throws Exception {
        return verify(List.of("--ioengine=psync", "--filename=" + file), "file " + file, false);
    }

    /**
     * One fio run per current batch (each as job 0, so fio finds its saved state under the name
     * it wrote it). A batch that completed is verified whole, without its state; a batch cut by
     * a kill loads its state, so only the writes fio saw acknowledged are checked (exact at
     * iodepth 1). Fails unless every run succeeds without a verify error and reads back at least
     * what its batch reported written.
     */
    private String verify(List<String> target, String what, boolean newOnly) throws Exception {
        Path dir = Files.createDirectories(root.resolve("verify-" + (++verifyRuns)));
        List<Batch> batches = new ArrayList<>(current.values());
        if (newOnly) {
            batches.removeIf(b -> b.index() < verifiedBelow);
        }
        verifiedBelow = nextIndex;
        // A few fio processes at once: each spends most of its time waiting for NBD replies.
        ExecutorService pool = Executors.newFixedThreadPool(VERIFY_PARALLEL);
        try {
            List<Future<Long>> reads = new ArrayList<>();
            for (Batch b : batches) {
                reads.add(pool.submit(() -> verifyOne(b, target, what, dir)));
            }
            long total = 0;
            for (Future<Long> f : reads) {
                try {
                    total += f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof SoakFailure sf ? sf : new SoakFailure("fio verify: " + e.getCause(), e);
                }
            }
            bytesVerified += total;
            return batches.size() + " batches, " + total / 1024 + " KiB verified on " + what;
        } finally {
            pool.shutdownNow();
        }
    }

    private long verifyOne(Batch b, List<String> target, String what, Path verifyDir) throws Exception {
        Path dir = Files.createDirectories(verifyDir.resolve(b.name()));
        List<String> cmd = new ArrayList<>(List.of("fio"));
        cmd.addAll(target);
        cmd.addAll(List.of("--output-format=json", "--output=verify.json"));
        cmd.addAll(b.jobOptions());
        cmd.addAll(List.of("--verify_only", "--verify_fatal=1"));
        if (!b.interrupted()) {
            cmd.add("--iodepth=16"); // reads only: any depth re-reads the same blocks
        } else {
            Files.copy(b.dir().resolve("local-" + b.name() + "-0-verify.state"),
                    dir.resolve("local-" + b.name() + "-0-verify.state"), StandardCopyOption.REPLACE_EXISTING);
            cmd.add("--verify_state_load=1");
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(dir.resolve("verify.out").toFile())
                .redirectError(dir.resolve("verify.err").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new SoakFailure("fio verify of batch " + b.name() + " on " + what + " did not finish within 120 s");
        }
        String err = Files.readString(dir.resolve("verify.err"));
        if (p.exitValue() != 0 || err.contains("verify:") || err.contains("bad magic")) {
            throw new SoakFailure("ACKNOWLEDGED WRITES LOST OR CORRUPT: fio verify of batch " + b.name()
                    + " (" + b + ") on " + what + " exited " + p.exitValue() + " (" + dir + "):\n" + head(err, 30));
        }
        long read = ioBytes(dir.resolve("verify.json"), b.name(), "read");
        long want = b.interrupted() ? b.writtenBytes() : b.sizeBytes();
        if (read < want) {
            throw new SoakFailure("fio verify of batch " + b.name() + " on " + what + " read back only " + read
                    + " of the " + want + " bytes it must check (" + dir + ")");
        }
        return read;
    }

    /** A job's io_bytes for "read" or "write" in fio's JSON report; -1 when not there. */
    private static long ioBytes(Path json, String job, String dir) throws Exception {
        if (!Files.exists(json)) {
            return -1;
        }
        String text = Files.readString(json);
        int brace = text.indexOf('{');
        if (brace < 0) {
            return -1;
        }
        try {
            JsonArray jobs = new JsonObject(text.substring(brace)).getJsonArray("jobs");
            for (int i = 0; i < jobs.size(); i++) {
                JsonObject j = jobs.getJsonObject(i);
                if (job.equals(j.getString("jobname"))) {
                    return j.getJsonObject(dir).getLong("io_bytes");
                }
            }
        } catch (RuntimeException e) {
            return -1; // a report cut short by the kill: the verify state still counts
        }
        return -1;
    }

    private static String head(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(0, Math.min(lines, all.size())));
    }

    int batches() {
        return nextIndex;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long bytesVerified() {
        return bytesVerified;
    }
}
