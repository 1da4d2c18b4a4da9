package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: seeded random writes (begin/end on random extents) against ActivityLogs of several
 * al-extents and ring geometries; every transaction is encoded into a simulated AL ring at the
 * block AlRing chooses; at random points the ring is replayed as apply-al would.
 * Expectation: the AL never holds more than al-extents extents, a new extent costs exactly one
 * transaction and an active one none, extents with writes in flight are never evicted, and the
 * replay of the ring always contains every extent currently active (no promised extent lost).
 * Why: after a primary crash, apply-al marks exactly these extents for resync.
 */
class ActivityLogTest {

  static Stream<Arguments> cases() {
    return Stream.of(Arguments.of(1L, 7, 1, 8), Arguments.of(2L, 61, 1, 8),
        Arguments.of(3L, 1237, 1, 8), Arguments.of(4L, 2000, 2, 16), Arguments.of(5L, 3, 4, 2));
  }

  @ParameterizedTest(name = "seed {0} al-extents {1} stripes {2}x{3}")
  @MethodSource("cases")
  void replayAlwaysCoversActiveExtents(long seed, int alExtents, int stripes, int stripe4k) {
    Random r = new Random(seed);
    ActivityLog al = new ActivityLog(alExtents, stripes, stripe4k, r.nextInt());
    ByteBuffer[] ring = new ByteBuffer[stripes * stripe4k];
    for (int i = 0; i < ring.length; i++) {
      ring[i] = AlTransaction.initialized().encode();
    }
    List<Integer> inFlight = new ArrayList<>();
    Set<Integer> everActive = new HashSet<>();
    int universe = alExtents * 3 + 5;
    for (int op = 0; op < 4000; op++) {
      if (!inFlight.isEmpty() && (r.nextInt(3) == 0 || inFlight.size() >= alExtents)) {
        al.end(inFlight.remove(r.nextInt(inFlight.size())));
        continue;
      }
      int extent = r.nextInt(universe);
      boolean wasActive = al.isActive(extent);
      ActivityLog.Begin b = al.begin(extent);
      if (b.kind() == ActivityLog.Kind.BUSY) {
        assertThat(al.activeCount()).isEqualTo(alExtents);
        continue;
      }
      assertThat(b.kind()).isEqualTo(wasActive ? ActivityLog.Kind.ACTIVE : ActivityLog.Kind.TRANSACTION);
      if (b.transaction() != null) {
        ring[b.blockIndex()] = b.transaction().encode();
        if (b.evictedExtent() >= 0) {
          assertThat(inFlight).doesNotContain((int) b.evictedExtent());
        }
      }
      inFlight.add(extent);
      everActive.add(extent);
      assertThat(al.activeCount()).isLessThanOrEqualTo(alExtents);
      if (op % 97 == 0 || op > 3990) {
        Set<Integer> replayed = new HashSet<>(AlReplay.of(List.of(ring)).activeExtents());
        for (int e : inFlight) {
          assertThat(replayed).as("seed %d op %d", seed, op).contains(e);
        }
        assertThat(everActive).containsAll(replayed);
      }
    }
  }
}
