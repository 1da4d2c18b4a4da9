package org.jdrbd.metadata.bench;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;

/**
 * Wall-clock time of what create-md writes (bitmap zeroed, AL initialized, superblock committed,
 * each synced) on a 1 TiB sparse file, internal meta data, max-peers 1 and 3. A plain main, run by
 * bin/bench-metadata: one-shot IO timing is not a JMH microbenchmark.
 * Usage: CreateMdTiming [DIR]   (default: java.io.tmpdir)
 */
public final class CreateMdTiming {
  private CreateMdTiming() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir"));
    long size = 1L << 40;
    Placement internal = new Placement(Placement.Kind.INTERNAL, 0);
    for (int peers : new int[] {1, 3}) {
      Path p = Files.createTempFile(dir, "jdrbd-1t-", ".img");
      try {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
          f.setLength(size);
        }
        long t0 = System.nanoTime();
        try (MetaArea a = MetaArea.open(p, true, MdFormat.V09, internal)) {
          MdGeometry g = MdGeometry.compute(internal, size, peers, 1, 8);
          a.zeroBitmap(g, g.bmForDeviceClamped());
          a.initActivityLog(g);
          a.writeSuperblock(Superblock.fresh(MdFormat.V09, g, 0));
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("create-md 1 TiB sparse, internal, max-peers %d: %d ms%n", peers, ms);
      } finally {
        Files.deleteIfExists(p);
      }
    }
  }
}
