package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: replay every golden transcript (recorded from Debian's drbd-utils 9.22 drbdmeta by
 * metadata/golden/regen.sh: create-md, dump-md, get-gi, show-gi, set-gi, outdate, invalidate,
 * wipe-md, forget-peer, apply-al, restore-md and verify-dump of v09 and v08 dumps (including
 * malformed ones), check-resize after offline grows, v08, error cases; 100 MiB, 1 GiB, 10 GiB,
 * odd size; max-peers 1 and 3; internal, flex-external and indexed) with jdrbd's drbdmeta on a
 * sparse image of the same size, with a private state directory for last-known device files.
 * Expectation: each step has the same exit code, stdout and stderr (dump header timestamp/host
 * and drbdmeta's ioctl noise aside), leaves byte-identical meta data (md-sha256) and the same
 * last-known device file.
 * Why: drbd-utils and jdrbd must read and write each other's meta data interchangeably; identical
 * bytes after every step prove files created by either are the same files.
 */
class DrbdmetaGoldenTest {

  @TempDir Path dir;
  @TempDir Path libDir;

  static List<String> scenarios() throws IOException {
    return Transcript.index();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void jdrbdMatchesRecordedDrbdmeta(String name) throws Exception {
    replay(Transcript.load(name), dir, libDir, n -> false);
  }

  /**
   * Replays {@code t} on a fresh image in {@code dir}; step n runs Debian's drbdmeta when
   * {@code oracle.test(n)}, else jdrbd (with state directory {@code libDir}).
   */
  static void replay(Transcript t, Path dir, Path libDir, IntPredicate oracle) throws Exception {
    Path image = sparseImage(dir, t.sizeBytes);
    for (String minor : SpecialSteps.lkbdMinors(t)) {
      Files.deleteIfExists(SpecialSteps.lkbd(libDir, minor));
    }
    int n = 0;
    String lastStdout = "";
    for (Transcript.Step step : t.steps) {
      boolean byOracle = oracle.test(n);
      String where = t.name + " step " + n++ + (byOracle ? " by drbdmeta" : "") + ": " + step.args();
      String special = step.args().startsWith("!") ? step.args().substring(1) : step.args();
      if (special.startsWith("@")) {
        String shown = SpecialSteps.apply(special, image, lastStdout, libDir);
        assertEquals(step.stdout(), shown, where + " (shown)");
        if (step.mdSha256() != null) {
          assertEquals(step.mdSha256(), Transcript.mdChecksum(image), where + " (md bytes)");
        }
        continue;
      }
      Result r = byOracle ? DrbdmetaLiveOracleTest.runOracle(step.argv(image), dir)
          : runJdrbd(step.argv(image), libDir);
      lastStdout = r.out;
      assertEquals(step.stdout(), Transcript.normalizeOut(r.out, image, libDir), where + " (stdout)");
      assertEquals(step.stderr(), Transcript.normalizeErr(r.err, image, libDir), where + " (stderr)");
      assertEquals(step.rc(), r.rc, where + " (exit code)");
      if (step.mdSha256() != null) {
        assertEquals(step.mdSha256(), Transcript.mdChecksum(image), where + " (md bytes)");
      }
    }
  }

  record Result(int rc, String out, String err) {}

  /** jdrbd's drbdmeta in-process, nothing attached, last-known device files in {@code libDir}. */
  static Result runJdrbd(String[] argv, Path libDir) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = DrbdmetaMain.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
        minor -> false, libDir);
    return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Path sparseImage(Path dir, long size) throws IOException {
    Path image = dir.resolve("md.img");
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
      f.setLength(size);
    }
    return image;
  }
}
