package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: seeded random sequences of set/clear (by bit range and by sector range), test and
 * count on bitmaps with 1..31 interleaved peer slots, mirrored on a plain boolean[][] model.
 * Expectation: after every operation the return value, every test() and count() agree with the
 * model; sector ranges set partially covered 4 KiB blocks and clear only fully covered ones; the
 * reported dirty pages are exactly the 4 KiB pages whose bytes changed; slots never bleed into
 * each other.
 * Why: a lost or extra bit is silent data divergence after resync.
 */
class BitmapPropertyTest {

  static Stream<Arguments> seeds() {
    return Stream.of(Arguments.of(1L, 1, 5000L), Arguments.of(2L, 2, 4097L),
        Arguments.of(3L, 3, 70001L), Arguments.of(4L, 7, 1000L), Arguments.of(5L, 31, 40000L),
        Arguments.of(6L, 1, 33L), Arguments.of(7L, 4, 131072L));
  }

  @ParameterizedTest(name = "seed {0} peers {1} bits {2}")
  @MethodSource("seeds")
  void agreesWithBooleanModel(long seed, int peers, long bits) {
    Random r = new Random(seed);
    long bytes = MdLayout.bitmapBytes(bits * 8, peers, 4096);
    ByteBuffer area = ByteBuffer.allocate((int) bytes);
    Bitmap bm = new Bitmap(area, peers, bits);
    boolean[][] model = new boolean[peers][(int) bits];
    for (int op = 0; op < 600; op++) {
      int slot = r.nextInt(peers);
      long a = r.nextInt((int) bits);
      long b = Math.min(bits, a + 1 + r.nextInt(r.nextBoolean() ? 40 : (int) bits));
      byte[] before = area.array().clone();
      long expectChanged;
      long changed;
      switch (r.nextInt(4)) {
        case 0 -> {
          expectChanged = model(model[slot], a, b, true);
          changed = bm.set(slot, a, b);
        }
        case 1 -> {
          expectChanged = model(model[slot], a, b, false);
          changed = bm.clear(slot, a, b);
        }
        case 2 -> {
          long start = a * 8 + r.nextInt(8);
          long size = Math.min(bits * 8 - start, 1 + r.nextInt(200));
          expectChanged = model(model[slot], start / 8, Math.min(bits, (start + size + 7) / 8), true);
          changed = bm.setSectors(slot, start, size);
        }
        default -> {
          long start = a * 8 + r.nextInt(8);
          long size = Math.min(bits * 8 - start, 1 + r.nextInt(200));
          long first = (start + 7) / 8;
          long last = (start + size) / 8;
          expectChanged = first < last ? model(model[slot], first, last, false) : 0;
          changed = bm.clearSectors(slot, start, size);
        }
      }
      String ctx = "seed " + seed + " op " + op;
      assertThat(changed).as(ctx).isEqualTo(expectChanged);
      assertThat(bm.takeDirtyPages()).as(ctx).isEqualTo(changedPages(before, area.array()));
      long c0 = r.nextInt((int) bits);
      long c1 = c0 + r.nextInt((int) (bits - c0) + 1);
      int cs = r.nextInt(peers);
      assertThat(bm.count(cs, c0, c1)).as(ctx).isEqualTo(modelCount(model[cs], c0, c1));
    }
    for (int s = 0; s < peers; s++) {
      for (long i = 0; i < bits; i++) {
        assertThat(bm.test(s, i)).as("slot %d bit %d", s, i).isEqualTo(model[s][(int) i]);
      }
    }
  }

  private static long model(boolean[] m, long from, long to, boolean v) {
    long n = 0;
    for (long i = from; i < to; i++) {
      if (m[(int) i] != v) {
        m[(int) i] = v;
        n++;
      }
    }
    return n;
  }

  private static long modelCount(boolean[] m, long from, long to) {
    long n = 0;
    for (long i = from; i < to; i++) {
      n += m[(int) i] ? 1 : 0;
    }
    return n;
  }

  private static BitSet changedPages(byte[] a, byte[] b) {
    BitSet s = new BitSet();
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        s.set(i / 4096);
      }
    }
    return s;
  }
}
