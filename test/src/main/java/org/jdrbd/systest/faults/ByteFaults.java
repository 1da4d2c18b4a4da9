package org.jdrbd.systest.faults;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Ready-made {@link ByteFault}s. All seeded ones draw from a generator derived from (seed,
 * connection index, direction) and consume it in stream order, so the bytes that arrive are the
 * same for the same seed and input however TCP splits the stream into chunks.
 */
public final class ByteFaults {
  private ByteFaults() {}

  /**
   * Flips bytes at seeded random offsets, on average one per {@code meanGapBytes}; each chosen
   * byte is XORed with a non-zero seeded mask, so it always changes.
   */
  public static ByteFault flipBytes(long seed, long meanGapBytes) {
    if (meanGapBytes < 1) {
      throw new IllegalArgumentException("meanGapBytes must be >= 1: " + meanGapBytes);
    }
    return named("flip bytes every ~" + meanGapBytes + " B seed " + seed, (index, direction) -> {
      SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index, direction));
      long[] nextFlip = {random.nextLong(2 * meanGapBytes)};
      return (offset, buf, len, log) -> {
        int flipped = 0;
        while (nextFlip[0] < offset + len) {
          if (nextFlip[0] >= offset) {
            buf[(int) (nextFlip[0] - offset)] ^= (byte) (1 + random.nextInt(255));
            flipped++;
          }
          nextFlip[0] += 1 + random.nextLong(2 * meanGapBytes);
        }
        if (flipped > 0) {
          log.add("conn " + index + " " + direction.shortName() + ": flipped " + flipped
              + " byte(s) in [" + offset + ", " + (offset + len) + ")");
        }
        return len;
      };
    });
  }

  /** Replaces every byte from stream offset {@code fromOffset} on with seeded random garbage. */
  public static ByteFault garbageFrom(long fromOffset, long seed) {
    return named("garbage from offset " + fromOffset + " seed " + seed, (index, direction) -> {
      SplittableRandom random = new SplittableRandom(Seeds.mix(seed, index, direction));
      boolean[] logged = {false};
      return (offset, buf, len, log) -> {
        for (int i = (int) Math.max(0, Math.min(len, fromOffset - offset)); i < len; i++) {
          buf[i] = (byte) random.nextInt(256);
          if (!logged[0]) {
            logged[0] = true;
            log.add("conn " + index + " " + direction.shortName() + ": garbage from offset "
                + (offset + i));
          }
        }
        return len;
      };
    });
  }

  /**
   * Overwrites the stream bytes at offsets [{@code atOffset}, {@code atOffset + bytes.length)}
   * with {@code bytes}: a forged header field, e.g. a lying length.
   */
  public static ByteFault overwriteAt(long atOffset, byte[] bytes) {
    byte[] copy = bytes.clone();
    return named("overwrite " + copy.length + " B at offset " + atOffset, (index, direction) ->
        (offset, buf, len, log) -> {
          long from = Math.max(offset, atOffset);
          long to = Math.min(offset + len, atOffset + copy.length);
          for (long at = from; at < to; at++) {
            buf[(int) (at - offset)] = copy[(int) (at - atOffset)];
          }
          if (from < to) {
            log.add("conn " + index + " " + direction.shortName() + ": overwrote ["
                + from + ", " + to + ")");
          }
          return len;
        });
  }

  /**
   * Forwards exactly the first {@code keepBytes} bytes of each stream, then closes the
   * connection with {@code mode}. With {@link CloseMode#FIN} the receiver reads exactly those
   * bytes and then end of stream; with {@link CloseMode#RESET} the abortive close discards what
   * the kernel had not sent yet, so the receiver may get fewer, then "Connection reset".
   */
  public static ByteFault cutAfter(long keepBytes, CloseMode mode) {
    return named("cut after " + keepBytes + " B with " + mode, (index, direction) ->
        new ByteFault.StreamMutator() {
          @Override
          public int apply(long offset, byte[] buf, int len, FaultLog log) {
            return (int) Math.max(0, Math.min(len, keepBytes - offset));
          }

          @Override
          public CloseMode cutMode() {
            return mode;
          }
        });
  }

  /**
   * Applies {@code faults} in order; a cut by any of them cuts the stream, with the close mode of
   * the first one that cut.
   */
  public static ByteFault chain(ByteFault... faults) {
    List<ByteFault> list = List.copyOf(Arrays.asList(faults));
    return named("chain " + list, (index, direction) -> {
      List<ByteFault.StreamMutator> mutators =
          list.stream().map(f -> f.open(index, direction)).toList();
      CloseMode[] mode = {CloseMode.FIN};
      return new ByteFault.StreamMutator() {
        @Override
        public int apply(long offset, byte[] buf, int len, FaultLog log) {
          int keep = len;
          for (ByteFault.StreamMutator mutator : mutators) {
            int kept = mutator.apply(offset, buf, keep, log);
            if (kept < keep) {
              if (keep == len) {
                mode[0] = mutator.cutMode();
              }
              keep = kept;
            }
          }
          return keep;
        }

        @Override
        public CloseMode cutMode() {
          return mode[0];
        }
      };
    });
  }

  private static ByteFault named(String description, ByteFault fault) {
    return new ByteFault() {
      @Override
      public StreamMutator open(int connectionIndex, Direction direction) {
        return fault.open(connectionIndex, direction);
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }
}
