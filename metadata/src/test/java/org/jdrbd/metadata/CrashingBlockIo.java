package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Test helper: counts durable steps (each write and each sync is one) and "crashes" at step
 * {@code crashAt}: that write is dropped, or torn (only its first {@code tearBytes} bytes reach
 * the device), and it and every later call throw {@link Crash}. Steps before the crash count as
 * durable, so sync itself is a no-op here (keeps hundreds of runs fast).
 */
final class CrashingBlockIo extends ForwardingBlockIo {
  /** The simulated power loss. */
  static final class Crash extends IOException {
    private static final long serialVersionUID = 1L;

    Crash(int step) {
      super("crash at step " + step);
    }
  }

  private final int crashAt;
  private final int tearBytes;
  private int step;
  private boolean crashed;

  /**
   * @param crashAt   step to cut (0-based); negative or beyond the end = never
   * @param tearBytes bytes of the cut write that still land; 0 = the write is dropped
   */
  CrashingBlockIo(BlockIo delegate, int crashAt, int tearBytes) {
    super(delegate);
    this.crashAt = crashAt;
    this.tearBytes = tearBytes;
  }

  /** Steps done so far (for a dry run that counts the sequence). */
  int steps() {
    return step;
  }

  boolean crashed() {
    return crashed;
  }

  @Override
  public void write(long offsetBytes, ByteBuffer src) throws IOException {
    if (crashed) {
      throw new Crash(step);
    }
    if (step++ == crashAt) {
      crashed = true;
      if (tearBytes > 0) {
        ByteBuffer part = src.duplicate();
        part.limit(part.position() + Math.min(tearBytes, part.remaining()));
        delegate.write(offsetBytes, part);
      }
      throw new Crash(step - 1);
    }
    delegate.write(offsetBytes, src);
  }

  @Override
  public void sync() throws IOException {
    if (crashed) {
      throw new Crash(step);
    }
    if (step++ == crashAt) {
      crashed = true;
      throw new Crash(step - 1);
    }
  }
}
