package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Moves internal meta data found where a smaller, last-known device size put it to where the
 * current size puts it (drbdmeta's check-resize after an offline grow): the activity log moves
 * to just below the new superblock, the old bitmap to the start of the new bitmap area (bit n
 * still covers block n) with the rest of that area zeroed (the new part of the device has no
 * history), the superblock gets the new size and offsets, and the old superblock is wiped.
 * la-size-sect, UUIDs and flags are unchanged.
 *
 * <p>drbd-utils 9.22 instead copies a stretch as long as the NEW area, ending at the old
 * superblock, to the new place: when the area grows, whatever lies in front of the old bitmap
 * (user data) lands in the new bitmap and the old bits end up shifted, so dirty bits are lost.
 * Where the area keeps its size (most grows) both give the same bytes; otherwise jdrbd keeps
 * the bits where they belong.
 *
 * <p>Order: AL, then bitmap (each copied backwards where it overlaps its old place), then the
 * zeroing, sync; then the new superblock (the commit point), sync; then the old superblock is
 * wiped if nothing else overwrote it. When old and new areas overlap, the copies overwrite the
 * old superblock before the new one is written, so a crash in between leaves no superblock to
 * find (9.22 has the same window).
 */
public final class InternalMove {
  private InternalMove() {}

  private static final int CHUNK_BYTES = 1 << 20;

  /**
   * Moves {@code old} (loaded with {@link MetaArea#loadAssuming}) to its place on {@code area}'s
   * current size.
   *
   * @return the superblock and geometry now on disk
   */
  public static MetaArea.Loaded move(MetaArea area, MetaArea.Loaded old) throws IOException {
    if (!old.valid() || !area.placement().isInternal()) {
      throw new IllegalStateException("only valid internal meta data can be moved");
    }
    Superblock sb = old.superblock();
    MdGeometry from = old.geometry();
    MdGeometry to = MdGeometry.compute(area.placement(), area.deviceBytes(), sb.maxPeers(),
        sb.alStripes(), sb.alStripeSize4k());
    if (to.mdOffsetBytes() <= from.mdOffsetBytes()) {
      throw new IllegalStateException("meta data can only move up (device grew)");
    }
    BlockIo io = area.io();
    long alBytes = (long) from.alSize4k() * MdLayout.BLOCK_BYTES;
    copy(io, from.alOffsetBytes(), to.alOffsetBytes(), alBytes);
    long oldBitmapBytes = from.bmAreaBytes();
    copy(io, from.bmOffsetBytes(), to.bmOffsetBytes(), oldBitmapBytes);
    zero(io, to.bmOffsetBytes() + oldBitmapBytes, to.alOffsetBytes());
    io.sync();
    Superblock moved = sb.withGeometry(to);
    area.writeSuperblock(moved);
    long oldSb = from.mdOffsetBytes();
    if (oldSb + MdLayout.BLOCK_BYTES <= to.bmOffsetBytes()) { // else the copies covered it
      io.write(oldSb, ByteBuffer.allocate(MdLayout.BLOCK_BYTES));
      io.sync();
    }
    return new MetaArea.Loaded(moved, SuperblockCheck.check(moved, area.placement(),
        area.deviceBytes()), to);
  }

  /** memmove on the device: chunks taken from the end when the destination is higher. */
  private static void copy(BlockIo io, long src, long dst, long length) throws IOException {
    if (dst == src || length <= 0) {
      return;
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK_BYTES);
    boolean backwards = dst > src;
    for (long done = 0; done < length; ) {
      int n = (int) Math.min(CHUNK_BYTES, length - done);
      long at = backwards ? length - done - n : done;
      buf.clear().limit(n);
      io.read(src + at, buf);
      buf.flip();
      io.write(dst + at, buf);
      done += n;
    }
  }

  private static void zero(BlockIo io, long from, long to) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocateDirect(CHUNK_BYTES);
    for (long off = from; off < to; ) {
      int n = (int) Math.min(CHUNK_BYTES, to - off);
      zeros.clear().limit(n);
      io.write(off, zeros);
      off += n;
    }
  }
}
