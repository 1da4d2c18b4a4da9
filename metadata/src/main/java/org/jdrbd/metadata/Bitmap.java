package org.jdrbd.metadata;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * The on-disk bitmap, operated in place: one bit per 4 KiB of data, little-endian 32-bit words,
 * the slots of all peers interleaved per word (word w of slot p at byte 4 × (w × P + p)).
 *
 * <p>The backing buffer is normally a copy-on-write mapping of the bitmap area (see
 * {@link MetaArea#mapBitmap}), so a 1 TiB volume's 32 MiB bitmap never lands on the Java heap and
 * changes reach the disk only through {@link BitmapWriter}. Accounting is pure: every change
 * records which 4 KiB pages of the area it touched; the caller decides when to flush them.
 */
public final class Bitmap {
  private final ByteBuffer area;
  private final int maxPeers;
  private final long bitsPerSlot;
  private final BitSet dirtyPages = new BitSet();

  /**
   * @param area        the bitmap area (position 0 = first word), at least the bytes needed
   * @param maxPeers    interleaved slots
   * @param bitsPerSlot valid bits per slot (device size / 4 KiB, rounded up)
   */
  public Bitmap(ByteBuffer area, int maxPeers, long bitsPerSlot) {
    if (maxPeers < 1 || maxPeers > MdLayout.MAX_PEERS_LIMIT) {
      throw new IllegalArgumentException("maxPeers " + maxPeers);
    }
    long wordsPerSlot = (bitsPerSlot + 31) / 32;
    if (wordsPerSlot * maxPeers * 4 > area.capacity()) {
      throw new IllegalArgumentException("bitmap area too small for " + bitsPerSlot + " bits");
    }
    this.area = area.duplicate().order(ByteOrder.LITTLE_ENDIAN).clear();
    this.maxPeers = maxPeers;
    this.bitsPerSlot = bitsPerSlot;
  }

  public long bitsPerSlot() {
    return bitsPerSlot;
  }

  public int maxPeers() {
    return maxPeers;
  }

  /** The underlying area (for the writer); shares content. */
  ByteBuffer area() {
    return area.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  private int byteOffset(int slot, long word) {
    return Math.toIntExact(4 * (word * maxPeers + slot));
  }

  private void checkRange(int slot, long from, long to) {
    if (slot < 0 || slot >= maxPeers || from < 0 || to < from || to > bitsPerSlot) {
      throw new IndexOutOfBoundsException("slot " + slot + " bits [" + from + "," + to + ")");
    }
  }

  /** True when bit {@code bit} of {@code slot} is set. */
  public boolean test(int slot, long bit) {
    checkRange(slot, bit, bit + 1);
    return (area.getInt(byteOffset(slot, bit >>> 5)) & (1 << (bit & 31))) != 0;
  }

  /** Sets bits [from, to); returns how many were clear before. */
  public long set(int slot, long from, long to) {
    return apply(slot, from, to, true);
  }

  /** Clears bits [from, to); returns how many were set before. */
  public long clear(int slot, long from, long to) {
    return apply(slot, from, to, false);
  }

  /** Number of set bits in [from, to). */
  public long count(int slot, long from, long to) {
    checkRange(slot, from, to);
    long n = 0;
    for (long b = from; b < to; ) {
      long w = b >>> 5;
      long end = Math.min(to, (w + 1) << 5);
      n += Integer.bitCount(area.getInt(byteOffset(slot, w)) & mask(b, end));
      b = end;
    }
    return n;
  }

  /** Marks out of sync every 4 KiB block the sector range touches, even partially. */
  public long setSectors(int slot, long startSect, long sizeSect) {
    long first = startSect >>> 3;
    long last = Math.min(bitsPerSlot, (startSect + sizeSect + 7) >>> 3);
    return first < last ? set(slot, first, last) : 0;
  }

  /** Marks in sync only the 4 KiB blocks the sector range covers completely. */
  public long clearSectors(int slot, long startSect, long sizeSect) {
    long first = (startSect + 7) >>> 3;
    long last = Math.min(bitsPerSlot, (startSect + sizeSect) >>> 3);
    return first < last ? clear(slot, first, last) : 0;
  }

  /** Returns and forgets the set of 4 KiB pages of the area changed since the last call. */
  public BitSet takeDirtyPages() {
    BitSet copy = (BitSet) dirtyPages.clone();
    dirtyPages.clear();
    return copy;
  }

  /** Pages changed since the last {@link #takeDirtyPages}; a snapshot. */
  public BitSet dirtyPages() {
    return (BitSet) dirtyPages.clone();
  }

  private long apply(int slot, long from, long to, boolean set) {
    checkRange(slot, from, to);
    long changed = 0;
    for (long b = from; b < to; ) {
      long w = b >>> 5;
      long end = Math.min(to, (w + 1) << 5);
      int m = mask(b, end);
      int off = byteOffset(slot, w);
      int old = area.getInt(off);
      int neu = set ? old | m : old & ~m;
      if (neu != old) {
        area.putInt(off, neu);
        changed += Integer.bitCount(old ^ neu);
        dirtyPages.set(off / MdLayout.BLOCK_BYTES);
      }
      b = end;
    }
    return changed;
  }

  /** Mask of bits [from, to) inside the word holding {@code from}; to ≤ next word start. */
  private static int mask(long from, long to) {
    int lo = (int) (from & 31);
    int n = (int) (to - from);
    return n == 32 ? -1 : ((1 << n) - 1) << lo;
  }
}
