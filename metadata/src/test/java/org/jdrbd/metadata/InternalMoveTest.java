package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: internal meta data (max-peers 3) of a 100 MiB device with seeded random bits in the
 * whole bitmap area, distinct bytes in every AL block and user data right in front of the
 * bitmap; the device grows offline by 4 KiB (old and new area overlap, the area keeps its size),
 * by 1 MiB, or to 1 GiB (the area grows), and InternalMove moves the meta data (check-resize).
 * Then the 1 GiB move is cut at every durable step.
 * Expectation: the new superblock is valid with UUIDs, flags and la-size-sect unchanged; every
 * bitmap word sits where it sat relative to the bitmap start (no dirty bit lost), the rest of
 * the new bitmap is zero (no user data in it), the AL is byte-identical, the old superblock is
 * gone (or overwritten by the moved area). After a cut at any step, the old or the new place
 * holds valid meta data with every bit.
 * Why: drbd-utils 9.22 loses dirty bits (and copies user data into the bitmap) when the area
 * grows; jdrbd's check-resize must not.
 */
class InternalMoveTest {
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);
  private static final long OLD_BYTES = 100L << 20;
  private static final int PEERS = 3;
  private static final long SEED = 20251123L;

  @TempDir Path dir;

  /** The meta data as written before the grow, kept for comparison. */
  private record Before(Superblock sb, MdGeometry g, byte[] bitmap, byte[] al) {}

  private Before create(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(OLD_BYTES);
    }
    Random rnd = new Random(SEED);
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      MdGeometry g = MdGeometry.compute(INTERNAL, OLD_BYTES, PEERS, 1, 8);
      byte[] bitmap = new byte[(int) g.bmAreaBytes()];
      rnd.nextBytes(bitmap);
      byte[] al = new byte[g.alSize4k() * MdLayout.BLOCK_BYTES];
      rnd.nextBytes(al);
      byte[] userData = new byte[64 << 10];
      rnd.nextBytes(userData);
      a.io().write(g.bmOffsetBytes() - userData.length, ByteBuffer.wrap(userData));
      a.io().write(g.bmOffsetBytes(), ByteBuffer.wrap(bitmap));
      a.io().write(g.alOffsetBytes(), ByteBuffer.wrap(al));
      Superblock sb = Superblock.fresh(MdFormat.V09, g, 0).withLaSizeSect(g.usableSizeSect())
          .withFlags(MdFlags.CONSISTENT | MdFlags.WAS_UP_TO_DATE | MdFlags.AL_CLEAN)
          .withUuids(0x1234567887654321L, Superblock.fresh(MdFormat.V09, g, 0).peers(),
              Superblock.fresh(MdFormat.V09, g, 0).history());
      a.writeSuperblock(sb);
      return new Before(sb, g, bitmap, al);
    }
  }

  private static void grow(Path p, long bytes) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(bytes);
    }
  }

  private static byte[] read(MetaArea a, long offset, long length) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) length);
    a.io().read(offset, b);
    return b.array();
  }

  /** The moved (or not yet moved) meta data holds everything {@code before} held. */
  private static void assertKeeps(MetaArea a, MetaArea.Loaded l, Before before) throws IOException {
    assertThat(l.valid()).isTrue();
    Superblock sb = l.superblock();
    assertThat(sb.currentUuid()).isEqualTo(before.sb.currentUuid());
    assertThat(sb.flags()).isEqualTo(before.sb.flags());
    assertThat(sb.laSizeSect()).isEqualTo(before.sb.laSizeSect());
    MdGeometry g = l.geometry();
    assertThat(read(a, g.bmOffsetBytes(), before.bitmap.length)).isEqualTo(before.bitmap);
    assertThat(read(a, g.alOffsetBytes(), before.al.length)).isEqualTo(before.al);
    long rest = g.bmAreaBytes() - before.bitmap.length;
    byte[] tail = read(a, g.bmOffsetBytes() + before.bitmap.length, rest);
    assertThat(IntStream.range(0, tail.length).filter(i -> tail[i] != 0).count())
        .as("non-zero bytes in the new part of the bitmap").isZero();
  }

  @ParameterizedTest(name = "grow to {0} bytes")
  @ValueSource(longs = {OLD_BYTES + 4096, OLD_BYTES + (1 << 20), 1L << 30})
  void moveKeepsEveryBitAndTheAl(long newBytes) throws IOException {
    Path p = dir.resolve("md.img");
    Before before = create(p);
    grow(p, newBytes);
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      assertThat(a.load().valid()).isFalse();
      MetaArea.Loaded old = a.loadAssuming(OLD_BYTES);
      MetaArea.Loaded moved = InternalMove.move(a, old);
      assertThat(moved.geometry().mdOffsetBytes()).isEqualTo(a.superblockOffset());
      assertKeeps(a, a.load(), before);
      byte[] oldSb = read(a, before.g.mdOffsetBytes(), MdLayout.BLOCK_BYTES);
      assertThat(SuperblockCodec.decode(ByteBuffer.wrap(oldSb), MdFormat.V09).magic())
          .isNotEqualTo(MdLayout.MAGIC_09);
    }
  }

  /** Durable steps of the 1 GiB move, counted on a dry run. */
  static IntStream cuts() {
    return IntStream.range(0, 12);
  }

  @ParameterizedTest(name = "cut at step {0}")
  @MethodSource("cuts")
  void aCutMoveLeavesOldOrNewMetaDataWithEveryBit(int cut) throws IOException {
    Path p = dir.resolve("md.img");
    Before before = create(p);
    grow(p, 1L << 30);
    CrashingBlockIo io = new CrashingBlockIo(FileBlockIo.open(p, true), cut, 0);
    try (MetaArea a = MetaArea.on(io, MdFormat.V09, INTERNAL)) {
      InternalMove.move(a, a.loadAssuming(OLD_BYTES));
    } catch (CrashingBlockIo.Crash expected) {
      // power lost at step {@code cut}
    }
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      MetaArea.Loaded now = a.load();
      assertKeeps(a, now.valid() ? now : a.loadAssuming(OLD_BYTES), before);
    }
  }
}
