package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: a primary writes to random 4 MiB extents through ActivityLog.beginWrite +
 * AlWriter.persistBlocking (al-extents smaller than the extents used, so extents are evicted and
 * the 8-block ring wraps several times), then "crashes" (no apply-al, PRIMARY_IND set, AL not
 * clean). The AL is then replayed by jdrbd's AlReplay and, when installed, by Debian's
 * `drbdmeta apply-al`.
 * Expectation: both reconstruct exactly the extents the in-memory AL held at the crash; Debian's
 * apply-al sets exactly those extents' bits in every peer slot; each new extent cost exactly one
 * write + one sync, an already active extent none.
 * Why: the AL is the promise that every region written while primary gets resynced after a
 * crash; if Debian's tool reads our AL the same way, our on-disk AL format is right.
 */
class AlWriterTest {
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);
  private static final Path ORACLE = Path.of("/usr/sbin/drbdmeta");
  private static final long SIZE_BYTES = 1L << 30;
  private static final int PEERS = 2;
  private static final int AL_EXTENTS = 7;

  @TempDir Path dir;

  /** Counts durable steps. */
  static final class CountingIo extends ForwardingBlockIo {
    int writes;
    int syncs;

    CountingIo(BlockIo d) {
      super(d);
    }

    @Override
    public void write(long off, ByteBuffer src) throws IOException {
      writes++;
      super.write(off, src);
    }

    @Override
    public void sync() throws IOException {
      syncs++;
      super.sync();
    }
  }

  /** Creates meta data whose superblock says "primary, crashed, AL not applied". */
  static MdGeometry createPrimary(Path p) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(SIZE_BYTES);
    }
    try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, INTERNAL)) {
      MdGeometry g = MdGeometry.compute(INTERNAL, SIZE_BYTES, PEERS, 1, 8);
      a.zeroBitmap(g, g.bmForDeviceClamped());
      a.initActivityLog(g);
      Superblock sb = Superblock.fresh(MdFormat.V09, g, 0).withLaSizeSect(g.usableSizeSect())
          .withFlags(MdFlags.CONSISTENT | MdFlags.WAS_UP_TO_DATE | MdFlags.PRIMARY_IND);
      a.writeSuperblock(sb);
      return g;
    }
  }

  /** Writes through the AL to random extents; returns the extents active at the end. */
  private List<Integer> writeRandomExtents(Path p, MdGeometry g, long seed, int writes)
      throws IOException {
    int extents = (int) (g.usableSizeSect() * 512 / MdLayout.AL_EXTENT_BYTES);
    ActivityLog al = new ActivityLog(AL_EXTENTS, 1, 8, 0);
    Random rnd = new Random(seed);
    try (CountingIo io = new CountingIo(FileBlockIo.open(p, true))) {
      AlWriter w = new AlWriter(io, g);
      for (int i = 0; i < writes; i++) {
        int e = rnd.nextInt(Math.min(extents, 40));
        boolean wasActive = al.isActive(e);
        int writesBefore = io.writes;
        int syncsBefore = io.syncs;
        ActivityLog.Begin b = al.beginWrite(e);
        w.persistBlocking(b);
        al.end(e);
        assertThat(b.kind()).isEqualTo(wasActive ? ActivityLog.Kind.ACTIVE : ActivityLog.Kind.TRANSACTION);
        assertThat(io.writes - writesBefore).as("writes for extent %d", e).isEqualTo(wasActive ? 0 : 1);
        assertThat(io.syncs - syncsBefore).isEqualTo(wasActive ? 0 : 1);
      }
    }
    List<Integer> active = new ArrayList<>();
    for (int e = 0; e < extents; e++) {
      if (al.isActive(e)) {
        active.add(e);
      }
    }
    return active;
  }

  static List<ByteBuffer> alBlocks(Path p, MdGeometry g) throws IOException {
    List<ByteBuffer> blocks = new ArrayList<>();
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      for (int i = 0; i < g.alSize4k(); i++) {
        blocks.add(a.readAlBlock(g, i));
      }
    }
    return blocks;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void jdrbdReplayFindsExactlyTheActiveExtents(long seed) throws IOException {
    Path p = dir.resolve("md.img");
    MdGeometry g = createPrimary(p);
    List<Integer> active = writeRandomExtents(p, g, seed, 60);
    AlReplay r = AlReplay.of(alBlocks(p, g));
    assertThat(r.corruptBlocks()).isZero();
    assertThat(Set.copyOf(r.activeExtents())).isEqualTo(Set.copyOf(active));
  }

  @Test
  void nextTrNumberContinuesAfterTheNewest() throws IOException {
    Path p = dir.resolve("md.img");
    MdGeometry g = createPrimary(p);
    assertThat(AlWriter.nextTrNumber(alBlocks(p, g))).isZero();
    ActivityLog al = new ActivityLog(AL_EXTENTS, 1, 8, 0);
    try (BlockIo io = FileBlockIo.open(p, true)) {
      AlWriter w = new AlWriter(io, g);
      for (int e = 0; e < 11; e++) {
        w.persistBlocking(al.beginWrite(e));
        al.end(e);
      }
    }
    assertThat(AlWriter.nextTrNumber(alBlocks(p, g))).isEqualTo(11);
  }

  @Test
  void debianApplyAlReplaysOurTransactions() throws Exception {
    assumeTrue(Files.isExecutable(ORACLE), "Debian drbdmeta not installed");
    Path p = dir.resolve("md.img");
    MdGeometry g = createPrimary(p);
    List<Integer> active = writeRandomExtents(p, g, 42, 60);
    assertThat(active).hasSize(AL_EXTENTS);
    Process proc = new ProcessBuilder(ORACLE.toString(), "--force", "0", "v09", p.toString(),
        "internal", "apply-al").redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    String output = new String(proc.getInputStream().readAllBytes());
    assertThat(proc.waitFor()).as(output).isZero();
    try (MetaArea a = MetaArea.open(p, false, MdFormat.V09, INTERNAL)) {
      MetaArea.Loaded l = a.load();
      assertThat(l.superblock().isClean()).isTrue();
      long bmBytes = MdLayout.bitmapBytes(l.superblock().laSizeSect(), PEERS, MdLayout.BM_BYTES_PER_BIT);
      ByteBuffer area = a.mapBitmap(g, bmBytes, FileChannel.MapMode.READ_ONLY);
      Bitmap bm = new Bitmap(area, PEERS, MdLayout.bitmapBits(l.superblock().laSizeSect()));
      Set<Integer> marked = new LinkedHashSet<>();
      for (int slot = 0; slot < PEERS; slot++) {
        for (long bit = 0; bit < bm.bitsPerSlot(); bit += MdLayout.BITS_PER_AL_EXTENT) {
          long to = Math.min(bm.bitsPerSlot(), bit + MdLayout.BITS_PER_AL_EXTENT);
          long n = bm.count(slot, bit, to);
          int extent = (int) (bit / MdLayout.BITS_PER_AL_EXTENT);
          assertThat(n).as("slot %d extent %d", slot, extent).isIn(0L, to - bit);
          if (n > 0) {
            marked.add(extent);
          }
        }
      }
      assertThat(marked).isEqualTo(Set.copyOf(active));
    }
  }
}
