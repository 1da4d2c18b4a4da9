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
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: jdrbd's restore-md of every malformed fixture dump (meta/dumps/bad-*.txt) onto valid
 * meta data, and of the good dump with bits set.
 * Expectation: every malformed dump exits non-zero and leaves the meta data byte-identical (even
 * trailing garbage after a complete bitmap, where drbdmeta 9.22 has already written the bitmap);
 * the good dump is restored and dump-md shows its bits.
 * Why: "nothing is written unless the whole input is valid" is the promise that a typo in a dump
 * never half-overwrites a node's meta data.
 */
class RestoreMdTest {
  @TempDir Path dir;

  static Stream<String> badDumps() throws IOException {
    try (Stream<Path> s = Files.list(Transcript.dumpsDir())) {
      List<String> names = s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("bad-")).sorted().toList();
      return names.stream();
    }
  }

  private Path created() throws IOException {
    Path image = DrbdmetaGoldenTest.sparseImage(dir, 100L << 20);
    assertEquals(0, DrbdmetaGoldenTest.runJdrbd(argv(image, "create-md", "3")).rc());
    return image;
  }

  private static String[] argv(Path image, String... cmd) {
    String[] head = {"--force", "0", "v09", image.toString(), "internal"};
    return Stream.concat(Stream.of(head), Stream.of(cmd)).toArray(String[]::new);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badDumps")
  void malformedDumpChangesNothing(String name) throws IOException {
    Path image = created();
    String before = Transcript.mdChecksum(image, 100L << 20);
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(image, "restore-md", Transcript.dumpsDir().resolve(name).toString()));
    assertTrue(r.rc() != 0, name + " accepted: " + r.err());
    assertEquals(before, Transcript.mdChecksum(image, 100L << 20), name + " changed the meta data");
  }

  @Test
  void goodDumpRestoresItsBits() throws IOException {
    Path image = created();
    DrbdmetaGoldenTest.Result r = DrbdmetaGoldenTest.runJdrbd(
        argv(image, "restore-md", Transcript.dumpsDir().resolve("bits-100M-p3.txt").toString()));
    assertEquals(0, r.rc(), r.err());
    String dump = DrbdmetaGoldenTest.runJdrbd(argv(image, "dump-md")).out();
    assertTrue(dump.contains("0x00000000000000FF; 0x8000000000000001;"), dump);
    assertTrue(dump.contains("0x1234567800000001;"), dump);
    assertTrue(dump.contains("# bits-set 14;"), dump);
  }
}
