package org.jdrbd.metadata;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The checksum of AL transaction blocks: Linux's raw {@code crc32c(0, buf, len)} (reflected
 * Castagnoli, initial register 0, no final inversion). java.util.zip.CRC32C starts from ~0 and
 * inverts at the end; CRC is affine in its initial register, so for equal lengths
 * raw0(d) = jdk(d) XOR jdk(zeros). That keeps the JDK's intrinsic speed without a hand-written
 * table. Verified against drbdmeta's initialized AL block (0x709CC651) in Crc32cTest.
 */
public final class Crc32c {
  private Crc32c() {}

  private static final int ZEROS_4K = jdk(ByteBuffer.allocate(MdLayout.BLOCK_BYTES));

  /** Raw CRC32C (init 0, no final xor) of the remaining bytes; the buffer's position is kept. */
  public static int raw(ByteBuffer data) {
    int len = data.remaining();
    int zeros = len == MdLayout.BLOCK_BYTES ? ZEROS_4K : jdk(ByteBuffer.allocate(len));
    return jdk(data) ^ zeros;
  }

  private static int jdk(ByteBuffer data) {
    CRC32C c = new CRC32C();
    c.update(data.duplicate());
    return (int) c.getValue();
  }
}
