package org.jdrbd.drbdadm.meta;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Prints one bitmap slot the way drbdmeta's dump-md does (§4.7): runs of at least 16 equal
 * words (counted in multiples of 8) collapse into "N times 0x…;", everything else is printed as
 * 64-bit pairs (odd word high), four per line, with a "# at NkB" comment every 64 words.
 */
final class BitmapText {
  private BitmapText() {}

  /**
   * Appends the block for slot {@code slot} of {@code maxPeers} interleaved slots.
   *
   * @param words little-endian 32-bit words of the whole bitmap area (read-only view)
   * @param nWords number of words (all slots) to consider
   * @return number of set bits in this slot
   */
  static long append(StringBuilder out, ByteBuffer words, long nWords, int slot, int maxPeers) {
    ByteBuffer w = words.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long bitsSet = 0;
    int low = 0;
    out.append('{');
    long r = slot;
    while (r < nWords) {
      if (r % (8L * maxPeers) == slot) {
        out.append('\n');
        if ((r & 63) == slot) {
          out.append("   # at ").append(128 * (r - slot)).append("kB\n");
        }
        out.append("   ");
        int c = word(w, r);
        long count = 0;
        for (long j = r; j < nWords && word(w, j) == c; j += maxPeers) {
          count++;
        }
        count &= ~7L;
        if (count > 8) {
          out.append(' ').append(count / 2).append(" times 0x").append(hex8(c)).append(hex8(c)).append(';');
          bitsSet += count * Integer.bitCount(c);
          r += count * maxPeers;
          continue;
        }
      }
      int v = word(w, r);
      bitsSet += Integer.bitCount(v);
      if (((r - slot) / maxPeers) % 2 == 0) {
        low = v;
      } else {
        out.append(" 0x").append(hex8(v)).append(hex8(low)).append(';');
      }
      r += maxPeers;
    }
    out.append("\n}\n");
    return bitsSet;
  }

  private static int word(ByteBuffer w, long index) {
    return w.getInt(Math.toIntExact(index * 4));
  }

  static String hex8(int v) {
    return String.format("%08X", v);
  }
}
