package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Persists activity log transactions: the only code that writes AL blocks after create-md.
 *
 * <p>The rule it implements (semantics §8.3, HAST's "activemap before the write"): a write to an
 * extent that is not in the AL costs one transaction, and that transaction is on stable storage
 * before the write it covers is submitted. If the transaction evicted an extent, that extent's
 * bitmap pages are flushed first, so a crash never loses dirty bits that only the AL covered.
 * Blocking methods: call them on a worker, never on an event loop.
 */
public final class AlWriter {
  private final BlockIo io;
  private final long alOffsetBytes;
  private final ByteBuffer block = ByteBuffer.allocateDirect(MdLayout.BLOCK_BYTES);

  /** Writes into the AL of geometry {@code g} on {@code io}. */
  public AlWriter(BlockIo io, MdGeometry g) {
    this(io, g.alOffsetBytes());
  }

  public AlWriter(BlockIo io, long alOffsetBytes) {
    this.io = io;
    this.alOffsetBytes = alOffsetBytes;
  }

  /**
   * Makes {@code begin} durable: for {@link ActivityLog.Kind#TRANSACTION} one aligned 4 KiB write
   * of the transaction into its ring slot followed by fdatasync; nothing for the other kinds.
   *
   * @return true when a transaction was written
   */
  public boolean persistBlocking(ActivityLog.Begin begin) throws IOException {
    if (begin.kind() != ActivityLog.Kind.TRANSACTION) {
      return false;
    }
    synchronized (block) {
      begin.transaction().encodeInto(block);
      io.write(alOffsetBytes + (long) begin.blockIndex() * MdLayout.BLOCK_BYTES, block);
    }
    io.sync();
    return true;
  }

  /**
   * The whole "before a write to {@code extent}" step: registers the write in {@code al}; when a
   * transaction is needed, first flushes {@code bitmap}'s dirty pages if an extent was evicted,
   * then persists the transaction. When this returns TRANSACTION or ACTIVE the data write may be
   * submitted; BUSY means wait for an {@link ActivityLog#end} and call again.
   */
  public ActivityLog.Begin beginWriteBlocking(ActivityLog al, int extent, Bitmap bitmap,
      BitmapWriter bitmapWriter) throws IOException {
    ActivityLog.Begin b = al.beginWrite(extent);
    if (b.kind() == ActivityLog.Kind.TRANSACTION && b.evictedExtent() >= 0 && bitmap != null) {
      bitmapWriter.flush(bitmap, bitmap.takeDirtyPages());
    }
    persistBlocking(b);
    return b;
  }

  /**
   * The transaction number to continue with after a restart: one past the newest valid update
   * transaction among {@code blocks} (signed 32-bit comparison, as replay does), 0 if none.
   */
  public static int nextTrNumber(List<ByteBuffer> blocks) {
    boolean any = false;
    int newest = 0;
    for (ByteBuffer b : blocks) {
      AlTransaction t = AlTransaction.decode(b);
      if (t != null && t.type() == MdLayout.AL_TR_UPDATE && (!any || t.trNumber() - newest > 0)) {
        newest = t.trNumber();
        any = true;
      }
    }
    return any ? newest + 1 : 0;
  }
}
