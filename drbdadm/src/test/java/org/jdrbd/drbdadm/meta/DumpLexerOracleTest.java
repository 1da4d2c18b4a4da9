package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: when Debian's drbdmeta is installed, feed verify-dump of both tools the same broken
 * dumps: seeded random edits of the v09 and v08 fixture dumps (a character or a short token
 * replaced, deleted or inserted, including NUL, control and non-ASCII bytes) and truncations at
 * many points. The seed and case number are in the test name; a failure replays with the same.
 * Expectation: byte-identical stdout, stderr and exit code for every input.
 * Why: drbdmeta's lexer has many quirks (20-digit numbers are "too big", "3x" is an unknown word
 * but "3.0" an invalid character, brackets are "token value 91", some keywords cannot be named);
 * the golden dump-lexer scenario pins the known ones, this finds the ones nobody listed.
 */
class DumpLexerOracleTest {
  private static final long SEED = 20251123L;
  private static final int EDITS = 250;
  private static final String[] PIECES = {" ", "\t", "\n", "\r", ";", "{", "}", "[", "]", "#",
      "\"", "x", "0", "9", "-", "a", "F", ".", "+", "_", "\u0000", "\u000b", "\u00e9", "\u00ff",
      "0x", "1 ", "times ", "peer ", ";;", "0x00000000", "99999999999999999999", "\"\""};

  @TempDir Path dir;

  static Stream<Arguments> cases() throws Exception {
    List<Arguments> a = new ArrayList<>();
    for (String[] fixture : new String[][] {{"bits-100M-p3.txt", "v09"}, {"bits-100M-v08.txt", "v08"}}) {
      String base = Files.readString(Transcript.dumpsDir().resolve(fixture[0]),
          StandardCharsets.ISO_8859_1);
      Random rnd = new Random(SEED ^ fixture[1].hashCode());
      for (int i = 0; i < EDITS; i++) {
        int at = rnd.nextInt(base.length());
        String piece = PIECES[rnd.nextInt(PIECES.length)];
        String text = switch (rnd.nextInt(3)) {
          case 0 -> base.substring(0, at) + piece + base.substring(Math.min(base.length(), at + 1));
          case 1 -> base.substring(0, at) + base.substring(at + 1);
          default -> base.substring(0, at) + piece + base.substring(at);
        };
        a.add(Arguments.of(fixture[1] + " edit " + i, fixture[1], text));
      }
      for (int cut = 0; cut < base.length(); cut += 97) {
        a.add(Arguments.of(fixture[1] + " cut at " + cut, fixture[1], base.substring(0, cut)));
      }
    }
    return a.stream();
  }

  @ParameterizedTest(name = "seed " + SEED + ": {0}")
  @MethodSource("cases")
  void verifyDumpSaysWhatDrbdmetaSays(String name, String format, String text) throws Exception {
    assumeTrue(Files.isExecutable(DrbdmetaLiveOracleTest.ORACLE), "Debian drbdmeta not installed");
    Path dump = dir.resolve("x.dump");
    Files.write(dump, text.getBytes(StandardCharsets.ISO_8859_1));
    String[] argv = {"--force", "-", format, dir.resolve("none.img").toString(), "internal",
        "verify-dump", dump.toString()};

    Path out = dir.resolve("o.out");
    Path err = dir.resolve("o.err");
    List<String> cmd = new ArrayList<>(List.of(DrbdmetaLiveOracleTest.ORACLE.toString()));
    cmd.addAll(List.of(argv));
    int oracleRc = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start().waitFor();

    ByteArrayOutputStream jOut = new ByteArrayOutputStream();
    ByteArrayOutputStream jErr = new ByteArrayOutputStream();
    int rc = DrbdmetaMain.run(argv, new PrintStream(jOut, true, StandardCharsets.UTF_8),
        new PrintStream(jErr, true, StandardCharsets.UTF_8), new ByteArrayInputStream(new byte[0]),
        minor -> false, dir);
    assertArrayEquals(Files.readAllBytes(err), jErr.toByteArray(), name + " (stderr)");
    assertArrayEquals(Files.readAllBytes(out), jOut.toByteArray(), name + " (stdout)");
    assertEquals(oracleRc, rc, name + " (exit code)");
  }
}
