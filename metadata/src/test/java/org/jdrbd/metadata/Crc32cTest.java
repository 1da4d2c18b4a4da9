package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: checksum the "initialized" AL block drbdmeta 9.22 writes (bytes read from a file it
 * created: magic, tr 0, type 0xFFFF, CRC 0x709CC651 at offset 8), and random buffers.
 * Expectation: Crc32c.raw gives 0x709CC651 and agrees with a bit-by-bit reference of Linux's
 * crc32c(0, buf, len) (reflected poly 0x82F63B78, init 0, no final xor).
 * Why: the JDK's CRC32C inverts; the XOR-with-zeros trick must equal the kernel's raw CRC.
 */
class Crc32cTest {

  @Test
  void matchesDrbdmetaInitializedBlock() {
    ByteBuffer b = ByteBuffer.allocate(4096);
    b.putInt(0, MdLayout.AL_MAGIC);
    b.putShort(12, (short) 0xFFFF);
    assertThat(Crc32c.raw(b)).isEqualTo(0x709CC651);
    assertThat(AlTransaction.initialized().encode().getInt(MdLayout.AL_OFF_CRC)).isEqualTo(0x709CC651);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 100, 4096, 8192})
  void equalsBitwiseReference(int len) {
    Random rnd = new Random(len);
    byte[] data = new byte[len];
    rnd.nextBytes(data);
    assertThat(Crc32c.raw(ByteBuffer.wrap(data))).isEqualTo(reference(data));
  }

  private static int reference(byte[] data) {
    int crc = 0;
    for (byte x : data) {
      crc ^= x & 0xFF;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x82F63B78 : crc >>> 1;
      }
    }
    return crc;
  }
}
