package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * drbdmeta's "last known backing device" file, {@code <lib dir>/drbd-minor-<minor>.lkbd}: the
 * size (and device UUID) of the device that held internal meta data when it was last written,
 * so a device that grew while DRBD was down can still be found (§3.3, §4.5).
 *
 * <p>Format, as drbd-utils 9.22 writes it: {@code <bytes>\t<path as given>\n} plus
 * {@code uuid:\t<16 hex digits>\n} when the device UUID is not zero. Read the way 9.22 reads
 * it: a decimal size (a leading '-' wraps around, more than 64 bits saturate), blanks, the path
 * (one word, may be missing), newlines, and optionally "uuid:" and a hex number; the file is
 * unusable ("parse error") only when it does not start with a number.
 */
final class LastKnownDevice {

  /** What {@link #load} found: the record, or why there is none. */
  sealed interface Load permits Info, Missing {}

  /**
   * A loaded file.
   *
   * @param sizeBytes size of the device when last written
   * @param path      the device's name then ("(null)" when the file has none, as 9.22 prints it)
   * @param uuid      device UUID recorded, 0 when none
   */
  record Info(long sizeBytes, String path, long uuid) implements Load {}

  /** Why {@link #load} has nothing. */
  enum Missing implements Load {
    /** No file: 9.22 stays silent. */
    NO_FILE,
    /** Unreadable or not a number: 9.22 says "parse error" (already printed). */
    BAD_FILE
  }

  private final Path file;

  LastKnownDevice(Path libDir, int minor) {
    this.file = libDir.resolve("drbd-minor-" + minor + ".lkbd");
  }

  Path file() {
    return file;
  }

  /**
   * The recorded size and UUID, or a {@link Missing} reason (printing 9.22's complaint for a
   * bad file).
   */
  Load load(PrintStream err) {
    byte[] raw;
    try {
      raw = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Missing.NO_FILE;
    } catch (IOException e) {
      err.print("lk_bdev_load(" + file + ") failed: " + reason(e) + "\n");
      return Missing.BAD_FILE;
    }
    Info info = parse(new String(raw, StandardCharsets.UTF_8)); // paths as Java names files
    if (info == null) {
      err.print("lk_bdev_load(" + file + "): parse error\n");
      return Missing.BAD_FILE;
    }
    return info;
  }

  /** Parses the file text; null when it does not start with a number. */
  static Info parse(String text) {
    Scan s = new Scan(text);
    s.blanks();
    Long size = s.unsignedDecimal();
    if (size == null) {
      return null;
    }
    s.blanks();
    String path = s.word();
    if (path.isEmpty()) {
      path = "(null)";
    }
    if (!s.newlines() || !s.literal("uuid:")) {
      return new Info(size, path, 0);
    }
    s.blanks();
    Long uuid = s.hex();
    return new Info(size, path, uuid == null ? 0 : uuid);
  }

  /**
   * Records the device as it is now (atomically: written to a temporary file, then renamed).
   * Like 9.22, a failure is reported and otherwise ignored: the meta data is already written.
   */
  void save(long sizeBytes, String devicePath, long uuid, PrintStream err) {
    String text = Long.toUnsignedString(sizeBytes) + "\t" + devicePath + "\n"
        + (uuid != 0 ? String.format("uuid:\t%016X\n", uuid) : "");
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(tmp, text.getBytes(StandardCharsets.UTF_8));
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      err.print("lk_bdev_save(" + file + ") failed: " + reason(e) + "\n");
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // nothing more to clean up
      }
    }
  }

  /** Forgets the device (external meta data, wiped meta data); a missing file is fine. */
  void delete(PrintStream err) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      err.print("lk_bdev_delete(" + file + ") failed: " + reason(e) + "\n");
    }
  }

  private static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "Permission denied";
    }
    return e.getMessage();
  }

  /** A tiny scanf: the conversions the .lkbd format needs. */
  private static final class Scan {
    private final String t;
    private int pos;

    Scan(String t) {
      this.t = t;
    }

    void blanks() {
      while (pos < t.length() && Character.isWhitespace(t.charAt(pos))) {
        pos++;
      }
    }

    /** strtoull: optional sign, decimal digits; '-' negates modulo 2^64, overflow saturates. */
    Long unsignedDecimal() {
      int p = pos;
      boolean negative = false;
      if (p < t.length() && (t.charAt(p) == '-' || t.charAt(p) == '+')) {
        negative = t.charAt(p) == '-';
        p++;
      }
      int digitsStart = p;
      long v = 0;
      boolean overflow = false;
      while (p < t.length() && t.charAt(p) >= '0' && t.charAt(p) <= '9') {
        int d = t.charAt(p) - '0';
        if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
          overflow = true;
        }
        v = v * 10 + d;
        p++;
      }
      if (p == digitsStart) {
        return null;
      }
      pos = p;
      if (overflow) {
        return -1L;
      }
      return negative ? -v : v;
    }

    String word() {
      int start = pos;
      while (pos < t.length() && !Character.isWhitespace(t.charAt(pos))) {
        pos++;
      }
      return t.substring(start, pos);
    }

    /** One or more newlines; false when there is none here. */
    boolean newlines() {
      int start = pos;
      while (pos < t.length() && t.charAt(pos) == '\n') {
        pos++;
      }
      return pos > start;
    }

    boolean literal(String s) {
      if (t.startsWith(s, pos)) {
        pos += s.length();
        return true;
      }
      return false;
    }

    /** strtoull base 16: optional 0x, hex digits; null when there are none. */
    Long hex() {
      int p = pos;
      if (t.startsWith("0x", p) || t.startsWith("0X", p)) {
        p += 2;
      }
      int start = p;
      long v = 0;
      while (p < t.length() && Character.digit(t.charAt(p), 16) >= 0 && t.charAt(p) < 128) {
        v = (v << 4) | Character.digit(t.charAt(p), 16);
        p++;
      }
      if (p == start) {
        return null;
      }
      pos = p;
      return v;
    }
  }
}
