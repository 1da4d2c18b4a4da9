package org.jdrbd.metadata.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdrbd.metadata.ActivityLog;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.MdLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * apply-al of a full activity log, without IO: decode and CRC-check the 8 ring blocks of the
 * default AL, reconstruct 6001 active extents and set all their bits (6001 × 1024) in a 1 TiB
 * bitmap. Not a test; run with bin/bench-metadata.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ApplyAlBenchmark {
  private static final int AL_EXTENTS = 6001;
  private static final long VOLUME_BYTES = 1L << 40;

  private final List<ByteBuffer> ring = new ArrayList<>();
  private Bitmap bitmap;
  private List<Integer> marked = List.of();

  @Setup
  public void setUp() {
    int stripes = 1;
    int stripe4k = 8;
    ByteBuffer[] blocks = new ByteBuffer[stripes * stripe4k];
    ActivityLog al = new ActivityLog(AL_EXTENTS, stripes, stripe4k, 0);
    List<Integer> extents = new ArrayList<>();
    for (int e = 0; e < (int) (VOLUME_BYTES / MdLayout.AL_EXTENT_BYTES); e++) {
      extents.add(e);
    }
    Collections.shuffle(extents, new Random(3));
    for (int i = 0; i < AL_EXTENTS; i++) {
      ActivityLog.Begin b = al.beginWrite(extents.get(i));
      blocks[b.blockIndex()] = b.transaction().encode();
    }
    Collections.addAll(ring, blocks);
    long sizeSect = VOLUME_BYTES / MdLayout.SECTOR_BYTES;
    bitmap = new Bitmap(ByteBuffer.allocateDirect(Math.toIntExact(
        MdLayout.bitmapBytes(sizeSect, 1, MdLayout.BM_BYTES_PER_BIT))), 1, MdLayout.bitmapBits(sizeSect));
    if (AlReplay.of(ring).activeExtents().size() != AL_EXTENTS) {
      throw new IllegalStateException("AL not full");
    }
  }

  /** Each round starts from a clean bitmap, like apply-al after a fresh crash (not timed). */
  @Setup(Level.Invocation)
  public void clearMarks() {
    for (int e : marked) {
      long from = (long) e * MdLayout.BITS_PER_AL_EXTENT;
      bitmap.clear(0, from, from + MdLayout.BITS_PER_AL_EXTENT);
    }
    bitmap.takeDirtyPages();
  }

  @Benchmark
  public long replayAndMark() {
    AlReplay r = AlReplay.of(ring);
    long added = 0;
    for (int e : r.activeExtents()) {
      long from = (long) e * MdLayout.BITS_PER_AL_EXTENT;
      added += bitmap.set(0, from, from + MdLayout.BITS_PER_AL_EXTENT);
    }
    marked = r.activeExtents();
    return added;
  }
}
