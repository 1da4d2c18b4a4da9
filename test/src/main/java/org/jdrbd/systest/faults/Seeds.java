package org.jdrbd.systest.faults;

/** Derives independent per-stream seeds, so each stream's random draws are reproducible. */
final class Seeds {
  private Seeds() {}

  /** A well-mixed seed for (seed, connection index, direction), SplitMix64 finaliser. */
  static long mix(long seed, int connectionIndex, Direction direction) {
    long z = seed ^ (0x9E3779B97F4A7C15L * (connectionIndex + 1L)) ^ ((long) direction.ordinal() << 61);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
