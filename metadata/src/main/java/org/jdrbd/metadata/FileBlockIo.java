package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** {@link BlockIo} over a regular file or a block device node. */
public final class FileBlockIo implements BlockIo {
  private final FileChannel channel;
  private final boolean writable;
  private final long sizeBytes;

  private FileBlockIo(FileChannel channel, boolean writable, long sizeBytes) {
    this.channel = channel;
    this.writable = writable;
    this.sizeBytes = sizeBytes;
  }

  /**
   * Opens a device. Regular files report their length; block devices ask the kernel
   * ({@link BlockDevices#sizeBytes}).
   */
  public static FileBlockIo open(Path path, boolean writable) throws IOException {
    FileChannel ch = writable
        ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
        : FileChannel.open(path, StandardOpenOption.READ);
    try {
      long size = BlockDevices.isBlockDevice(path) ? BlockDevices.sizeBytes(path) : ch.size();
      return new FileBlockIo(ch, writable, size);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  @Override
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public void read(long offsetBytes, ByteBuffer dst) throws IOException {
    long pos = offsetBytes;
    while (dst.hasRemaining()) {
      int n = channel.read(dst, pos);
      if (n < 0) {
        while (dst.hasRemaining()) {
          dst.put((byte) 0);
        }
        return;
      }
      pos += n;
    }
  }

  @Override
  public void write(long offsetBytes, ByteBuffer src) throws IOException {
    if (!writable) {
      throw new IllegalStateException("device opened read-only");
    }
    long pos = offsetBytes;
    while (src.hasRemaining()) {
      pos += channel.write(src, pos);
    }
  }

  @Override
  public void sync() throws IOException {
    // force(false) is fdatasync(2) on Linux: data plus the metadata needed to read it back.
    channel.force(false);
  }

  @Override
  public MappedByteBuffer map(FileChannel.MapMode mode, long offsetBytes, long lengthBytes)
      throws IOException {
    return channel.map(mode, offsetBytes, lengthBytes);
  }

  @Override
  public boolean writable() {
    return writable;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
