package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: jdrbd's restore-md of every malformed fixture dump (meta/dumps/bad-*.txt) onto valid
 * meta data, of well-formed dumps describing meta data that must not be written (table below:
 * node-id or bitmap index out of bounds, max-peers 0 or 32, AL stripes of size 0, 1 or beyond
 * 32 MiB, bm-byte-per-bit 8192, on internal and external meta data, v09 and v08), and of the
 * good dump with bits set.
 * Expectation: every malformed or refused dump exits non-zero with the stated message and leaves
 * the meta data byte-identical (even where drbdmeta 9.22 has already written the bitmap, or
 * writes meta data that it and the kernel then refuse); the good dump is restored and dump-md
 * shows its bits.
 * Why: "nothing is written unless the whole input is valid" is the promise that a typo in a dump
 * never half-overwrites a node's meta data.
 */
class RestoreMdTest {
  @TempDir Path dir;
  @TempDir Path libDir;

  static Stream<String> badDumps() throws IOException {
    try (Stream<Path> s = Files.list(Transcript.dumpsDir())) {
      List<String> names = s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("bad-")).sorted().toList();
      return names.stream();
    }
  }

  private Path created() throws IOException {
    return created("v09", "internal");
  }

  private Path created(String format, String index) throws IOException {
    Path image = DrbdmetaGoldenTest.sparseImage(dir, 100L << 20);
    String[] create = format.equals("v09") ? new String[] {"create-md", "3"}
        : new String[] {"create-md"};
    assertEquals(0, DrbdmetaGoldenTest.runJdrbd(argv(format, image, index, create), libDir).rc());
    return image;
  }

  private static String[] argv(Path image, String... cmd) {
    return argv("v09", image, "internal", cmd);
  }

  private static String[] argv(String format, Path image, String index, String... cmd) {
    String[] head = {"--force", "0", format, image.toString(), index};
    return Stream.concat(Stream.of(head), Stream.of(cmd)).toArray(String[]::new);
  }

  /** The fixture with {@code from} replaced by {@code to} (first occurrence; \\n for newline). */
  private Path mutated(String fixture, String from, String to) throws IOException {
    String text = Files.readString(Transcript.dumpsDir().resolve(fixture));
    String f = from.replace("\\n", "\n");
    assertTrue(text.contains(f), from);
    Path p = dir.resolve("mutated.dump");
    Files.writeString(p, text.replaceFirst(java.util.regex.Pattern.quote(f),
        java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))));
    return p;
  }

  @ParameterizedTest(name = "{0} {1}: {3}")
  @CsvSource(delimiter = '|', value = {
      "v09 | internal      | node-id -1;          | node-id 40;          | 1  | Writing failed",
      "v09 | internal      | bitmap-index -1;     | bitmap-index 40;     | 1  | Writing failed",
      "v09 | internal      | al-stripes 1;        | al-stripes 0;        | 10 | invalid (too small) al-stripe* settings",
      "v09 | internal      | al-stripe-size-4k 8; | al-stripe-size-4k 1; | 10 | invalid (too small) al-stripe* settings",
      "v09 | internal      | al-stripe-size-4k 8; | al-stripe-size-4k 9000; | 10 | invalid (too large) al-stripe* settings",
      "v09 | internal      | bm-byte-per-bit 4096; | bm-byte-per-bit 8192; | 1 | Writing failed",
      "v09 | flex-external | bm-byte-per-bit 4096; | bm-byte-per-bit 8192; | 1 | Writing failed",
      "v09 | internal      | max-peers 3;         | max-peers 0;         | 10 | Parse error in line 232: end of file expected, not 'bitmap'",
      "v08 | internal      | bm-byte-per-bit 4096; | bm-byte-per-bit 8192; | 1 | Writing failed",
      "v08 | internal      | al-stripes 1;        | al-stripes 0;        | 10 | invalid (too small) al-stripe* settings",
  })
  void refusedDumpChangesNothing(String format, String index, String from, String to, int rc,
      String lastLine) throws IOException {
    Path image = created(format, index);
    String fixture = format.equals("v09") ? "bits-100M-p3.txt" : "bits-100M-v08.txt";
    String before = Transcript.mdChecksum(image);
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(format, image, index, "restore-md", mutated(fixture, from, to).toString()), libDir);
    assertEquals(rc, r.rc(), r.err());
    String[] lines = r.err().split("\n");
    assertEquals(lastLine, lines[lines.length - 1], r.err());
    assertEquals(before, Transcript.mdChecksum(image), "the meta data changed");
  }

  @Test
  void maxPeersZeroWithOneBitmapIsRefusedNotWritten() throws IOException {
    Path image = created();
    String before = Transcript.mdChecksum(image);
    String text = Files.readString(Transcript.dumpsDir().resolve("bits-100M-p3.txt"));
    text = text.replaceFirst("max-peers 3;", "max-peers 0;");
    text = text.substring(0, text.indexOf("bitmap[1]"));
    Path p = dir.resolve("p0.dump");
    Files.writeString(p, text);
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(image, "restore-md", p.toString()), libDir);
    // drbd-utils 9.22 writes such meta data and then calls it invalid when it reads it back.
    assertEquals(1, r.rc(), r.err());
    assertTrue(r.err().endsWith("v09 max-peers value 0 out of bounds\nWriting failed\n"), r.err());
    assertEquals(before, Transcript.mdChecksum(image));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDumps")
  void malformedDumpChangesNothing(String name) throws IOException {
    Path image = created();
    String before = Transcript.mdChecksum(image);
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(image, "restore-md", Transcript.dumpsDir().resolve(name).toString()), libDir);
    assertTrue(r.rc() != 0, name + " accepted: " + r.err());
    assertEquals(before, Transcript.mdChecksum(image), name + " changed the meta data");
  }

  @Test
  void goodDumpRestoresItsBits() throws IOException {
    Path image = created();
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(image, "restore-md", Transcript.dumpsDir().resolve("bits-100M-p3.txt").toString()),
        libDir);
    assertEquals(0, r.rc(), r.err());
    String dump = DrbdmetaGoldenTest.runJdrbd(argv(image, "dump-md"), libDir).out();
    assertTrue(dump.contains("0x00000000000000FF; 0x8000000000000001;"), dump);
    assertTrue(dump.contains("0x1234567800000001;"), dump);
    assertTrue(dump.contains("# bits-set 14;"), dump);
  }
}
