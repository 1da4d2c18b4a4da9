package org.jdrbd.drbdadm.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: .lkbd file texts as drbd-utils 9.22 writes them and as people break them (table
 * below, each row observed with Debian's drbdmeta check-resize: which files it rejects with
 * "parse error" and which size/UUID it takes from the others), then a save/load round trip.
 * Expectation: jdrbd reads the same size, path and UUID (or rejects the same files), and writes
 * "<bytes>\t<path>\n" plus "uuid:\t<16 hex>\n" only for a non-zero UUID.
 * Why: both tools share /var/lib/drbd; a file one writes must mean the same to the other.
 */
class LastKnownDeviceTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "104857600\\t/dev/x\\n                  | 104857600            | /dev/x | 0",
      "104857600\\t/dev/x\\nuuid:\\t00000000DEADBEEF\\n | 104857600 | /dev/x | 3735928559",
      "104857600\\n                          | 104857600            | (null) | 0",
      "104857600\\t/x                        | 104857600            | /x     | 0",
      "104857600\\t\\n                       | 104857600            | (null) | 0",
      "104857600 /x\\nuuid: zz\\n            | 104857600            | /x     | 0",
      "104857600\\t/x\\nuuid: 5\\n           | 104857600            | /x     | 5",
      "104857600\\t/x\\nuuid: 0x5\\n         | 104857600            | /x     | 5",
      "104857600\\t/x\\n\\nuuid: 5\\n        | 104857600            | /x     | 5",
      "104857600\\t/x y\\nuuid: 5\\n         | 104857600            | /x     | 0",
      "104857600\\t/x\\nfoo\\n               | 104857600            | /x     | 0",
      "' 104857600\\t/x\\n'                  | 104857600            | /x     | 0",
      "0x10\\t/x\\n                          | 0                    | x10    | 0",
      "-5\\t/x\\n                            | 18446744073709551611 | /x     | 0",
      "99999999999999999999999\\t/x\\n       | 18446744073709551615 | /x     | 0",
      "''                                    | NULL                 | NULL   | 0",
      "abc\\t/x\\n                           | NULL                 | NULL   | 0",
      "-\\n                                  | NULL                 | NULL   | 0",
  })
  void readsWhat922Reads(String text, String size, String path, long uuid) {
    LastKnownDevice.Info info = LastKnownDevice.parse(unescape(text));
    if (size == null) {
      assertNull(info);
      return;
    }
    assertEquals(Long.parseUnsignedLong(size), info.sizeBytes());
    assertEquals(path, info.path());
    assertEquals(uuid, info.uuid());
  }

  @Test
  void savesInTheFormat922Writes() throws Exception {
    LastKnownDevice lk = new LastKnownDevice(dir, 7);
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    lk.save(104857600, "/dev/vdb", 0, err);
    assertEquals("104857600\t/dev/vdb\n", Files.readString(dir.resolve("drbd-minor-7.lkbd")));
    lk.save(115343360, "/dev/vdb", 0xDEADBEEFL, err);
    assertEquals("115343360\t/dev/vdb\nuuid:\t00000000DEADBEEF\n",
        Files.readString(dir.resolve("drbd-minor-7.lkbd")));
    assertEquals(new LastKnownDevice.Info(115343360, "/dev/vdb", 0xDEADBEEFL), lk.load(err));
    lk.delete(err);
    assertEquals(LastKnownDevice.Missing.NO_FILE, lk.load(err));
  }

  @Test
  void anUnreadableFileIsAParseErrorLike922Says() throws Exception {
    LastKnownDevice lk = new LastKnownDevice(dir, -1);
    Files.writeString(dir.resolve("drbd-minor--1.lkbd"), "garbage\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(LastKnownDevice.Missing.BAD_FILE,
        lk.load(new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("lk_bdev_load(" + dir.resolve("drbd-minor--1.lkbd") + "): parse error\n",
        err.toString(StandardCharsets.UTF_8));
  }

  private static String unescape(String s) {
    return s.replace("\\t", "\t").replace("\\n", "\n");
  }
}
