package org.jdrbd.systest.faults;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Latency added to each forwarded chunk. Delays never reorder bytes: a chunk is released no
 * earlier than the chunk read before it on the same stream, so a random delay model only
 * bunches chunks together, as a real link with jitter and in-order delivery does.
 */
@FunctionalInterface
public interface DelayModel {

  /** The per-stream delay source for one direction of one connection. */
  DelayStream open(int connectionIndex, Direction direction);

  /** Successive per-chunk delays of one stream. */
  @FunctionalInterface
  interface DelayStream {
    /** Delay for the next chunk, in nanoseconds, never negative. */
    long nextDelayNanos();
  }

  /** No added latency. */
  static DelayModel none() {
    return NoDelay.INSTANCE;
  }

  /** The same delay for every chunk. */
  static DelayModel fixedMs(long delayMs) {
    if (delayMs < 0) {
      throw new IllegalArgumentException("delayMs must be >= 0: " + delayMs);
    }
    long nanos = TimeUnit.MILLISECONDS.toNanos(delayMs);
    return new DelayModel() {
      @Override
      public DelayStream open(int connectionIndex, Direction direction) {
        return () -> nanos;
      }

      @Override
      public String toString() {
        return "fixed " + delayMs + " ms";
      }
    };
  }

  /**
   * A delay drawn uniformly from [minMs, maxMs] per chunk. Each stream draws from its own
   * generator derived from (seed, connection index, direction), so the sequence of delays a
   * stream sees does not depend on how other connections are scheduled.
   */
  static DelayModel uniformMs(long seed, long minMs, long maxMs) {
    if (minMs < 0 || maxMs < minMs) {
      throw new IllegalArgumentException("need 0 <= minMs <= maxMs: " + minMs + ", " + maxMs);
    }
    long minNanos = TimeUnit.MILLISECONDS.toNanos(minMs);
    long spanNanos = TimeUnit.MILLISECONDS.toNanos(maxMs - minMs) + 1;
    return new DelayModel() {
      @Override
      public DelayStream open(int connectionIndex, Direction direction) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, connectionIndex, direction));
        return () -> minNanos + random.nextLong(spanNanos);
      }

      @Override
      public String toString() {
        return "uniform " + minMs + ".." + maxMs + " ms seed " + seed;
      }
    };
  }

  /** Singleton holder for {@link #none()}, recognised by the pumps to skip clock reads. */
  enum NoDelay implements DelayModel {
    /** The only instance. */
    INSTANCE;

    @Override
    public DelayStream open(int connectionIndex, Direction direction) {
      return () -> 0L;
    }

    @Override
    public String toString() {
      return "none";
    }
  }
}
