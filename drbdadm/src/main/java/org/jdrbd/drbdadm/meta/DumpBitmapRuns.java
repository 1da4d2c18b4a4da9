package org.jdrbd.drbdadm.meta;

import java.util.Arrays;

/**
 * One bitmap slot of a parsed dump as runs of equal 64-bit values (a "N times 0x…;" entry is one
 * run, a plain value a run of one), so a 1 TiB dump never expands on the heap.
 */
final class DumpBitmapRuns {
  private long[] counts = new long[16];
  private long[] values = new long[16];
  private int size;
  private long totalWords;

  void add(long count64, long value64) {
    if (count64 <= 0) {
      return;
    }
    if (size > 0 && values[size - 1] == value64) {
      counts[size - 1] += count64;
    } else {
      if (size == counts.length) {
        counts = Arrays.copyOf(counts, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      counts[size] = count64;
      values[size] = value64;
      size++;
    }
    totalWords += 2 * count64;
  }

  /** Number of 32-bit words given (two per 64-bit value). */
  long words() {
    return totalWords;
  }

  /** A cursor reading the slot's 32-bit words in order (low half of each value first). */
  Cursor cursor() {
    return new Cursor();
  }

  /** Sequential reader; returns 0 past the end. */
  final class Cursor {
    private int run;
    private long usedInRun;
    private boolean highHalf;

    int nextWord() {
      while (run < size && usedInRun >= counts[run]) {
        run++;
        usedInRun = 0;
      }
      if (run >= size) {
        return 0;
      }
      long v = values[run];
      int w = highHalf ? (int) (v >>> 32) : (int) v;
      if (highHalf) {
        usedInRun++;
      }
      highHalf = !highHalf;
      return w;
    }
  }
}
