package org.jdrbd.metadata.bench;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.MdLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bitmap accounting of one random 4 KiB write (set) or resync completion (clear) on a 1 TiB
 * volume's bitmap (32 MiB per peer, off-heap), max-peers 1 and 3. Not a test; run with
 * bin/bench-metadata.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BitmapBenchmark {
  private static final long VOLUME_BYTES = 1L << 40;
  private static final int SAMPLES = 1 << 16;

  @Param({"1", "3"})
  public int maxPeers;

  private Bitmap bitmap;
  private final long[] sectors = new long[SAMPLES];
  private final int[] slots = new int[SAMPLES];
  private int next;

  @Setup
  public void setUp() {
    long sizeSect = VOLUME_BYTES / MdLayout.SECTOR_BYTES;
    long bytes = MdLayout.bitmapBytes(sizeSect, maxPeers, MdLayout.BM_BYTES_PER_BIT);
    bitmap = new Bitmap(ByteBuffer.allocateDirect(Math.toIntExact(bytes)), maxPeers,
        MdLayout.bitmapBits(sizeSect));
    Random rnd = new Random(7);
    for (int i = 0; i < SAMPLES; i++) {
      sectors[i] = (rnd.nextLong() & Long.MAX_VALUE) % (sizeSect / 8) * 8;
      slots[i] = rnd.nextInt(maxPeers);
    }
  }

  @Benchmark
  public long setRandom4k() {
    int i = next++ & (SAMPLES - 1);
    return bitmap.setSectors(slots[i], sectors[i], 8);
  }

  @Benchmark
  public long clearRandom4k() {
    int i = next++ & (SAMPLES - 1);
    return bitmap.clearSectors(slots[i], sectors[i], 8);
  }
}
