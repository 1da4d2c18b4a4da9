package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: compute meta data placement for the devices of drbd-utils-interface.md §4.5 and
 * §3.3 (values printed by Debian's drbdmeta 9.22 dump-md), then for random sizes and max-peers.
 * Expectation: md_size_sect and the absolute md/al/bm offsets equal drbdmeta's; for any size the
 * areas are ordered, aligned and large enough for a bitmap of the usable size.
 * Why: a one-sector difference makes the kernel, drbdmeta and jdrbd disagree on where data ends.
 */
class MdGeometryTest {
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);

  @ParameterizedTest(name = "{0} bytes, {1} peers")
  @CsvSource({
      "104857600,   1, 80,   104853504,   104820736,   104816640",
      "1073741824,  1, 136,  1073737728,  1073704960,  1073672192",
      "1073741824,  3, 264,  1073737728,  1073704960,  1073606656",
      "10737418240, 1, 712,  10737414144, 10737381376, 10737053696",
      "10737418240, 3, 1992, 10737414144, 10737381376, 10736398336",
      "5056776168,  2, 680,  5056770048,  5056737280,  5056425984",
  })
  void internalMatchesDrbdmetaTable(long bytes, int peers, long mdSizeSect, long mdOffset,
      long alOffset, long bmOffset) {
    MdGeometry g = MdGeometry.compute(INTERNAL, bytes, peers, 1, 8);
    assertThat(g.mdSizeSect()).isEqualTo(mdSizeSect);
    assertThat(g.mdOffsetBytes()).isEqualTo(mdOffset);
    assertThat(g.alOffsetBytes()).isEqualTo(alOffset);
    assertThat(g.bmOffsetBytes()).isEqualTo(bmOffset);
    assertThat(g.usableSizeSect()).isEqualTo(bmOffset / 512);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // flex-external, 64 MiB, 2 peers (§3.3)
      "FLEX_EXTERNAL, 0, 67108864,  2, 131072, 0,         4096,      36864",
      // indexed slot 1 of a 256 MiB device (§3.3)
      "INDEXED,       1, 268435456, 1, 262144, 134217728, 134221824, 134254592",
  })
  void externalMatchesDrbdmeta(Placement.Kind kind, int index, long bytes, int peers,
      long mdSizeSect, long mdOffset, long alOffset, long bmOffset) {
    MdGeometry g = MdGeometry.compute(new Placement(kind, index), bytes, peers, 1, 8);
    assertThat(g.mdSizeSect()).isEqualTo(mdSizeSect);
    assertThat(g.mdOffsetBytes()).isEqualTo(mdOffset);
    assertThat(g.alOffsetBytes()).isEqualTo(alOffset);
    assertThat(g.bmOffsetBytes()).isEqualTo(bmOffset);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 4711})
  void internalInvariantsForRandomSizes(long seed) {
    Random rnd = new Random(seed);
    for (int i = 0; i < 2000; i++) {
      long bytes = (1L << 20) + (rnd.nextLong() >>> 1) % (64L << 40);
      int peers = 1 + rnd.nextInt(31);
      int stripes = 1 + rnd.nextInt(4);
      MdGeometry g = MdGeometry.compute(INTERNAL, bytes, peers, stripes, 8);
      String ctx = "seed " + seed + " bytes " + bytes + " peers " + peers;
      assertThat(g.mdOffsetBytes() % 4096).as(ctx).isZero();
      assertThat(g.mdOffsetBytes() + 4096).as(ctx).isLessThanOrEqualTo(bytes);
      assertThat(g.alOffsetBytes() + g.alSize4k() * 4096L).as(ctx).isEqualTo(g.mdOffsetBytes());
      assertThat(g.bmOffsetBytes() % 4096).as(ctx).isZero();
      // The bitmap covers the whole device, so in particular the usable part.
      long need = MdLayout.bitmapBytes(g.usableSizeSect(), peers, MdLayout.BM_BYTES_PER_BIT);
      assertThat(g.bmAreaBytes()).as(ctx).isGreaterThanOrEqualTo(need);
      assertThat(g.bmAreaBytes()).as(ctx).isGreaterThanOrEqualTo(g.bmBytesForDevice());
    }
  }

  @ParameterizedTest(name = "{0} peers")
  @ValueSource(ints = {1, 2, 3, 7, 16, 31})
  void externalUsableSizeFitsBitmapArea(int peers) {
    MdGeometry g = MdGeometry.compute(new Placement(Placement.Kind.FLEX_EXTERNAL, 0), 64L << 20,
        peers, 1, 8);
    long bits = g.usableSizeSect() / 8;
    assertThat(bits % 64).isZero();
    assertThat(bits * peers / 8).isLessThanOrEqualTo(g.bmAreaBytes());
    assertThat((bits + 64) * peers / 8).isGreaterThan(g.bmAreaBytes());
  }
}
