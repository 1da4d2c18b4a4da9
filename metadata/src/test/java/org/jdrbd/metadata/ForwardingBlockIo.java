package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/** Test helper: delegates everything; subclasses override the calls they observe or cut. */
class ForwardingBlockIo implements BlockIo {
  final BlockIo delegate;

  ForwardingBlockIo(BlockIo delegate) {
    this.delegate = delegate;
  }

  @Override
  public long sizeBytes() throws IOException {
    return delegate.sizeBytes();
  }

  @Override
  public void read(long offsetBytes, ByteBuffer dst) throws IOException {
    delegate.read(offsetBytes, dst);
  }

  @Override
  public void write(long offsetBytes, ByteBuffer src) throws IOException {
    delegate.write(offsetBytes, src);
  }

  @Override
  public void sync() throws IOException {
    delegate.sync();
  }

  @Override
  public MappedByteBuffer map(FileChannel.MapMode mode, long offsetBytes, long lengthBytes)
      throws IOException {
    return delegate.map(mode, offsetBytes, lengthBytes);
  }

  @Override
  public boolean writable() {
    return delegate.writable();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
