package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: set single bits in a 3-peer bitmap and look at the raw bytes; map a file's bitmap
 * area copy-on-write, change bits, flush through BitmapWriter over a recording BlockIo.
 * Expectation: bit i of slot p lives in LE word (i/32)*P + p (drbdmeta shows a write at area
 * byte 4 in bitmap[1], byte 8 in bitmap[2]); the file is unchanged until the flush, the flush
 * writes exactly the dirty pages (aligned 4 KiB) plus one sync, and the file then holds the bits.
 * Why: interleaving and endianness are shared with DRBD; flushing only dirty pages bounds IO.
 */
class BitmapLayoutTest {
  @TempDir Path dir;

  @Test
  void interleavesSlotsPerLittleEndianWord() {
    ByteBuffer area = ByteBuffer.allocate(4096);
    Bitmap bm = new Bitmap(area, 3, 1000);
    bm.set(1, 0, 1);
    bm.set(2, 33, 34);
    bm.set(0, 8, 9);
    assertThat(area.get(4)).isEqualTo((byte) 1);
    assertThat(area.order(ByteOrder.LITTLE_ENDIAN).getInt(4 * (1 * 3 + 2))).isEqualTo(2);
    assertThat(area.get(1)).isEqualTo((byte) 1);
  }

  @Test
  void copyOnWriteMappingReachesDiskOnlyThroughWriter() throws IOException {
    Path p = dir.resolve("bm.img");
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(64 * 4096);
    }
    List<Long> writes = new ArrayList<>();
    int[] syncs = {0};
    try (FileBlockIo io = FileBlockIo.open(p, true)) {
      BlockIo recording = new ForwardingBlockIo(io) {
        @Override
        public void write(long offsetBytes, ByteBuffer src) throws IOException {
          assertThat(src.remaining()).isEqualTo(4096);
          writes.add(offsetBytes);
          super.write(offsetBytes, src);
        }

        @Override
        public void sync() throws IOException {
          syncs[0]++;
          super.sync();
        }
      };
      ByteBuffer area = recording.map(FileChannel.MapMode.PRIVATE, 4096, 16 * 4096);
      Bitmap bm = new Bitmap(area, 1, 16 * 4096 * 8);
      bm.set(0, 5, 6);
      bm.set(0, 3 * 32768 + 1, 3 * 32768 + 40);
      assertThat(Files.readAllBytes(p)).containsOnly(0);
      BitSet dirty = bm.takeDirtyPages();
      assertThat(dirty.stream().toArray()).containsExactly(0, 3);
      assertThat(new BitmapWriter(recording, 4096).flush(bm, dirty)).isEqualTo(2);
    }
    assertThat(writes).containsExactly(4096L, 4096L + 3 * 4096);
    assertThat(syncs[0]).isEqualTo(1);
    byte[] all = Files.readAllBytes(p);
    assertThat(all[4096]).isEqualTo((byte) 0x20);
    assertThat(all[4096 + 3 * 4096] & 0xFF).isEqualTo(0xFE);
  }
}
