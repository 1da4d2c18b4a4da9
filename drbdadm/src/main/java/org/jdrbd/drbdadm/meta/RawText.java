package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes text that quotes input bytes (a dump's unknown words, strings, invalid characters)
 * byte for byte, as drbdmeta does, whatever charset the stream encodes with.
 */
final class RawText {
  private RawText() {}

  /** Prints {@code latin1}, one byte per char (chars above 0xFF cannot occur: input is Latin-1). */
  static void print(PrintStream ps, String latin1) {
    byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
    ps.write(b, 0, b.length);
  }
}
