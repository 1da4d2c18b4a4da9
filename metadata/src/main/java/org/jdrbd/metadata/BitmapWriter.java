package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * Persists bitmap pages: writes exactly the given 4 KiB pages of the area (each one aligned
 * write), then one fdatasync. The only code that moves bitmap bits to disk.
 */
public final class BitmapWriter {
  private final BlockIo io;
  private final long bmOffsetBytes;

  public BitmapWriter(BlockIo io, long bmOffsetBytes) {
    this.io = io;
    this.bmOffsetBytes = bmOffsetBytes;
  }

  /** Writes {@code pages} of {@code bitmap} and syncs; returns the number of pages written. */
  public int flush(Bitmap bitmap, BitSet pages) throws IOException {
    ByteBuffer area = bitmap.area();
    int written = 0;
    for (int p = pages.nextSetBit(0); p >= 0; p = pages.nextSetBit(p + 1)) {
      int start = p * MdLayout.BLOCK_BYTES;
      int end = Math.min(area.capacity(), start + MdLayout.BLOCK_BYTES);
      if (start >= end) {
        continue;
      }
      io.write(bmOffsetBytes + start, area.duplicate().limit(end).position(start));
      written++;
    }
    if (written > 0) {
      io.sync();
    }
    return written;
  }
}
