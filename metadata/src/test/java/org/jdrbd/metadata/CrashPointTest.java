package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: cut the durable write sequence at every step N (the write dropped, or torn so only
 * its first 512 or 2048 bytes land) of (a) a UUID rotation (one superblock commit) and (b) a
 * seeded primary workload: writes to random 4 MiB extents through ActivityLog + AlWriter
 * (evictions flush the bitmap first), out-of-sync bits set in memory for each write, and periodic
 * multi-page bitmap flushes. Then "restart": re-open the file, validate the superblock, replay
 * the AL as apply-al does.
 * Expectation: the superblock always validates; a dropped commit leaves the old UUIDs, a
 * completed or 2048-byte-torn one the new; every bit that was set in memory before the crash is
 * on disk or inside an extent the replayed AL covers (so apply-al marks it).
 * Why: prepare → commit ordering and "AL transaction durable before the write" are the two
 * promises that make a crash lose nothing; this checks them at every possible cut.
 */
class CrashPointTest {
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);
  private static final long SIZE_BYTES = 1L << 30;
  private static final int AL_EXTENTS = 5;
  private static final int OPS = 30;
  private static final long SEED = 20240611L;
  private static final int[] TEARS = {0, 512, 2048};

  @TempDir Path dir;

  private static Path create(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(SIZE_BYTES);
    }
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      MdGeometry g = MdGeometry.compute(INTERNAL, SIZE_BYTES, 1, 1, 8);
      a.zeroBitmap(g, g.bmForDeviceClamped());
      a.initActivityLog(g);
      a.writeSuperblock(Superblock.fresh(MdFormat.V09, g, 0).withLaSizeSect(g.usableSizeSect())
          .withFlags(MdFlags.CONSISTENT | MdFlags.WAS_UP_TO_DATE | MdFlags.PRIMARY_IND));
    }
    return p;
  }

  // ---- (a) UUID rotation ----------------------------------------------------------------

  /** The daemon's rotation: current → peer 0's bitmap UUID, old bitmap UUID → history[0]. */
  private static Superblock rotated(Superblock sb, long newCurrent) {
    List<PeerSlot> peers = new ArrayList<>(sb.peers());
    peers.set(0, peers.get(0).withBitmapUuid(sb.currentUuid()));
    List<Long> history = new ArrayList<>(sb.history());
    history.remove(history.size() - 1);
    history.add(0, sb.bitmapUuid(0));
    return sb.withUuids(newCurrent, peers, history);
  }

  static Stream<Arguments> uuidCuts() {
    return IntStream.of(TEARS).boxed()
        .flatMap(t -> IntStream.range(0, 2).mapToObj(n -> Arguments.of(n, t)));
  }

  @ParameterizedTest(name = "cut step {0}, tear {1} bytes")
  @MethodSource("uuidCuts")
  void uuidRotationIsAtomicEnough(int cut, int tear) throws IOException {
    Path p = create(dir.resolve("md.img"));
    Superblock before;
    Superblock after;
    try (MetaArea a = MetaArea.on(new CrashingBlockIo(FileBlockIo.open(p, true), cut, tear),
        MdFormat.V09, INTERNAL)) {
      before = a.load().superblock();
      after = rotated(rotated(before, 0x1111L), 0x2222L);
      try {
        a.writeSuperblock(after);
      } catch (CrashingBlockIo.Crash expected) {
        // power lost
      }
    }
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      MetaArea.Loaded l = a.load();
      assertThat(l.valid()).as(l.check().messages().toString()).isTrue();
      Superblock sb = l.superblock();
      assertThat(sb.recordedGeometry(INTERNAL, SIZE_BYTES, a.superblockOffset()))
          .isEqualTo(before.recordedGeometry(INTERNAL, SIZE_BYTES, a.superblockOffset()));
      if (cut == 1 || tear >= MdLayout.END09) {
        assertThat(sb).isEqualTo(after);
      } else if (tear == 0) {
        assertThat(sb).isEqualTo(before);
      } else {
        // A tear inside the UUID fields: each field is the old or the new value (DRBD's format
        // has no superblock checksum; 4 KiB atomic writes are what the commit point relies on).
        assertThat(sb.currentUuid()).isIn(before.currentUuid(), after.currentUuid());
        assertThat(sb.flags()).isEqualTo(after.flags());
      }
    }
  }

  // ---- (b) AL transactions and bitmap flushes --------------------------------------------

  /** What the workload promised before it crashed: bits set in memory. */
  private static BitSet runWorkload(BlockIo io, MdGeometry g) throws IOException {
    long bitsPerSlot = MdLayout.bitmapBits(g.usableSizeSect());
    long bmBytes = MdLayout.bitmapBytes(g.usableSizeSect(), 1, MdLayout.BM_BYTES_PER_BIT);
    Bitmap bm = new Bitmap(io.map(FileChannel.MapMode.PRIVATE, g.bmOffsetBytes(), bmBytes), 1,
        bitsPerSlot);
    BitmapWriter bw = new BitmapWriter(io, g.bmOffsetBytes());
    ActivityLog al = new ActivityLog(AL_EXTENTS, 1, 8, 0);
    AlWriter w = new AlWriter(io, g);
    BitSet promised = new BitSet();
    Random rnd = new Random(SEED);
    int extents = (int) (bitsPerSlot / MdLayout.BITS_PER_AL_EXTENT);
    try {
      for (int op = 0; op < OPS; op++) {
        int e = rnd.nextInt(extents);
        w.beginWriteBlocking(al, e, bm, bw);
        long from = (long) e * MdLayout.BITS_PER_AL_EXTENT + rnd.nextInt(MdLayout.BITS_PER_AL_EXTENT - 64);
        long to = from + 1 + rnd.nextInt(64);
        bm.set(0, from, to);
        promised.set((int) from, (int) to);
        al.end(e);
        if (op % 7 == 6) {
          bw.flush(bm, bm.takeDirtyPages());
        }
      }
    } catch (CrashingBlockIo.Crash expected) {
      // power lost: the write whose begin failed was never submitted, so it promised nothing
    }
    return promised;
  }

  private static int workloadSteps() throws IOException {
    Path p = java.nio.file.Files.createTempDirectory("crash-dry").resolve("md.img");
    try {
      create(p);
      MdGeometry g = MdGeometry.compute(INTERNAL, SIZE_BYTES, 1, 1, 8);
      try (CrashingBlockIo io = new CrashingBlockIo(FileBlockIo.open(p, true), -1, 0)) {
        runWorkload(io, g);
        return io.steps();
      }
    } finally {
      java.nio.file.Files.deleteIfExists(p);
      java.nio.file.Files.deleteIfExists(p.getParent());
    }
  }

  static Stream<Arguments> workloadCuts() throws IOException {
    int steps = workloadSteps();
    return IntStream.of(TEARS).boxed()
        .flatMap(t -> IntStream.rangeClosed(0, steps).mapToObj(n -> Arguments.of(n, t)));
  }

  @ParameterizedTest(name = "cut step {0}, tear {1} bytes")
  @MethodSource("workloadCuts")
  void noPromisedDirtyBitIsLost(int cut, int tear) throws IOException {
    Path p = create(dir.resolve("md.img"));
    MdGeometry g = MdGeometry.compute(INTERNAL, SIZE_BYTES, 1, 1, 8);
    BitSet promised;
    try (CrashingBlockIo io = new CrashingBlockIo(FileBlockIo.open(p, true), cut, tear)) {
      promised = runWorkload(io, g);
    }
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      MetaArea.Loaded l = a.load();
      assertThat(l.valid()).isTrue();
      List<ByteBuffer> blocks = new ArrayList<>();
      for (int i = 0; i < g.alSize4k(); i++) {
        blocks.add(a.readAlBlock(g, i));
      }
      Set<Integer> covered = new HashSet<>(AlReplay.of(blocks).activeExtents());
      long bmBytes = MdLayout.bitmapBytes(l.superblock().laSizeSect(), 1, MdLayout.BM_BYTES_PER_BIT);
      Bitmap disk = new Bitmap(a.mapBitmap(g, bmBytes, FileChannel.MapMode.READ_ONLY), 1,
          MdLayout.bitmapBits(l.superblock().laSizeSect()));
      for (int b = promised.nextSetBit(0); b >= 0; b = promised.nextSetBit(b + 1)) {
        int extent = b / MdLayout.BITS_PER_AL_EXTENT;
        assertThat(disk.test(0, b) || covered.contains(extent))
            .as("bit %d (extent %d) lost; AL covers %s", b, extent, covered).isTrue();
      }
    }
  }
}
