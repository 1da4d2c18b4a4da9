package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: when Debian's drbdmeta is installed (the CI test command installs drbd-utils), replay
 * every golden transcript with the two tools taking turns on the same image: in one run drbdmeta
 * does the even steps and jdrbd the odd ones, in the other the reverse.
 * Expectation: every step matches the transcript (output, exit code, meta data bytes), so whatever
 * one tool wrote (create-md, set-gi, outdate, invalidate, wipe-md, forget-peer) the other reads
 * and changes exactly as the original would. Skipped when /usr/sbin/drbdmeta is absent.
 * Why: guards against golden files drifting from the real tool and proves cross-tool use.
 */
class DrbdmetaLiveOracleTest {
  private static final Path ORACLE = Path.of("/usr/sbin/drbdmeta");

  @TempDir Path dir;

  static Stream<Arguments> cases() throws IOException {
    List<Arguments> a = new ArrayList<>();
    for (String name : Transcript.index()) {
      a.add(Arguments.of(name, true));
      a.add(Arguments.of(name, false));
    }
    return a.stream();
  }

  @ParameterizedTest(name = "{0} oracle-first={1}")
  @MethodSource("cases")
  void toolsTakingTurnsMatchTranscript(String name, boolean oracleFirst) throws Exception {
    assumeTrue(Files.isExecutable(ORACLE), "Debian drbdmeta not installed");
    Transcript t = Transcript.load(name);
    Path image = DrbdmetaGoldenTest.sparseImage(dir, t.sizeBytes);
    int n = 0;
    String lastStdout = "";
    for (Transcript.Step step : t.steps) {
      boolean oracle = (n % 2 == 0) == oracleFirst;
      String where = name + " step " + n++ + " by " + (oracle ? "drbdmeta" : "jdrbd") + ": "
          + step.args();
      if (step.args().startsWith("@")) {
        SpecialSteps.apply(step.args(), image, lastStdout);
        continue;
      }
      DrbdmetaGoldenTest.Result r = oracle ? runOracle(step.argv(image), dir)
          : DrbdmetaGoldenTest.runJdrbd(step.argv(image));
      lastStdout = r.out();
      assertEquals(step.stdout(), Transcript.normalizeOut(r.out(), image), where + " (stdout)");
      assertEquals(step.stderr(), Transcript.normalizeErr(r.err(), image), where + " (stderr)");
      assertEquals(step.rc(), r.rc(), where + " (exit code)");
      if (step.mdSha256() != null) {
        assertEquals(step.mdSha256(), Transcript.mdChecksum(image, t.sizeBytes), where + " (md bytes)");
      }
    }
  }

  static DrbdmetaGoldenTest.Result runOracle(String[] argv, Path dir) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ORACLE.toString());
    cmd.addAll(List.of(argv));
    Path out = dir.resolve("oracle.out");
    Path err = dir.resolve("oracle.err");
    Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    int rc = p.waitFor();
    return new DrbdmetaGoldenTest.Result(rc, Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
