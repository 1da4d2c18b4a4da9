package org.jdrbd.drbdadm.meta;

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
 * does the even steps and jdrbd the odd ones, in the other the reverse. Both use drbd-utils' state
 * directory /var/lib/drbd (drbdmeta cannot be pointed elsewhere), so each reads the other's
 * last-known device files.
 * Expectation: every step matches the transcript (output, exit code, meta data bytes, last-known
 * device file), so whatever one tool wrote (create-md, set-gi, outdate, invalidate, wipe-md,
 * forget-peer, restore-md, a check-resize move) the other reads and changes exactly as the
 * original would. Skipped when /usr/sbin/drbdmeta is absent.
 * Why: guards against golden files drifting from the real tool and proves cross-tool use.
 */
class DrbdmetaLiveOracleTest {
  static final Path ORACLE = Path.of("/usr/sbin/drbdmeta");
  static final Path ORACLE_LIB_DIR = Path.of(DrbdmetaMain.DEFAULT_LIB_DIR);

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
    // drbdmeta itself needs root for its state directory and lock files.
    assumeTrue(Files.isWritable(ORACLE_LIB_DIR), ORACLE_LIB_DIR + " not writable");
    DrbdmetaGoldenTest.replay(Transcript.load(name), dir, ORACLE_LIB_DIR,
        n -> (n % 2 == 0) == oracleFirst);
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
