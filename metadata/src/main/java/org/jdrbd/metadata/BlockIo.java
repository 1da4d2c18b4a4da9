package org.jdrbd.metadata;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The only way meta data code touches a device. Every {@link #write} and {@link #sync} is one
 * "durable step"; tests wrap this interface to cut the sequence at step N (crash injection).
 */
public interface BlockIo extends Closeable {

  /** Device size in bytes (file length, or BLKGETSIZE64 for block devices). */
  long sizeBytes() throws IOException;

  /** Reads exactly {@code dst.remaining()} bytes at {@code offsetBytes}; zeros past end of file. */
  void read(long offsetBytes, ByteBuffer dst) throws IOException;

  /** Writes all of {@code src} at {@code offsetBytes}. */
  void write(long offsetBytes, ByteBuffer src) throws IOException;

  /** Makes every completed write durable (fdatasync). */
  void sync() throws IOException;

  /**
   * Maps a region; {@code mode} PRIVATE gives a copy-on-write view whose changes reach the device
   * only through {@link #write}. Never copies the region onto the heap.
   */
  MappedByteBuffer map(FileChannel.MapMode mode, long offsetBytes, long lengthBytes) throws IOException;

  /** True when writes are allowed. */
  boolean writable();
}
