package org.jdrbd.metadata.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.jdrbd.metadata.ActivityLog;
import org.jdrbd.metadata.AlTransaction;
import org.jdrbd.metadata.MdLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Building one AL transaction without IO: the LRU step for a write to a new extent (evicting the
 * least recently used idle one, al-extents 1237) plus encoding the 4 KiB block with its CRC32C.
 * Not a test; run with bin/bench-metadata.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AlTransactionBenchmark {
  private static final int AL_EXTENTS = 1237;

  private ActivityLog al;
  private final ByteBuffer block = ByteBuffer.allocateDirect(MdLayout.BLOCK_BYTES);
  private int nextExtent;

  @Setup
  public void setUp() {
    al = new ActivityLog(AL_EXTENTS, 1, 8, 0);
    for (int e = 0; e < AL_EXTENTS; e++) {
      al.beginWrite(e);
      al.end(e);
    }
    nextExtent = AL_EXTENTS;
  }

  @Benchmark
  public ByteBuffer newExtentTransaction() {
    int e = nextExtent++ & 0x3FFFF;
    ActivityLog.Begin b = al.beginWrite(e);
    al.end(e);
    AlTransaction t = b.transaction();
    if (t != null) {
      t.encodeInto(block);
    }
    return block;
  }
}
