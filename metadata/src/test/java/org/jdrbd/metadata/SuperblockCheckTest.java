package org.jdrbd.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: corrupt one field of a fresh 100 MiB / 1 peer v09 superblock at a time (the same
 * patches applied to a file and read with Debian's drbdmeta 9.22), plus device size changes.
 * Expectation: valid/invalid and the diagnostic text match what drbdmeta printed for each case
 * (md_size_sect mismatch is only a warning). Device size changes: MetaAreaTest.
 * Why: jdrbd must reject exactly what drbdmeta rejects, and say so in the same words.
 */
class SuperblockCheckTest {
  private static final long SIZE = 100L << 20;
  private static final Placement INTERNAL = new Placement(Placement.Kind.INTERNAL, 0);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("fresh", (UnaryOperator<Superblock>) s -> s, SIZE, true, List.of()),
        Arguments.of("node-id 40", with(s -> set(s, "nodeId", 40)), SIZE, false,
            List.of("v09 device node-id value 40 out of bounds")),
        Arguments.of("bitmap-index 40", with(s -> s.withPeers(peer0Index(s, 40))), SIZE, false,
            List.of("v09 peer device 0 node-id value 40 out of bounds")),
        Arguments.of("al_offset -256", with(s -> set(s, "alOffsetSect", -256)), SIZE, false,
            List.of("v09 al_offset: expected -64, found -256")),
        Arguments.of("md_size_sect 81", with(s -> set(s, "mdSizeSect", 81)), SIZE, true,
            List.of("strange md_size_sect 81 (expected: 80)")),
        Arguments.of("bm_offset -256", with(s -> set(s, "bmOffsetSect", -256)), SIZE, false,
            List.of("strange bm_offset -256 (expected: -72)")),
        Arguments.of("al stripes 2", with(s -> set(s, "alStripes", 2)), SIZE, false,
            List.of("v09 al_offset: expected -128, found -64")),
        Arguments.of("al stripe size 0", with(s -> set(s, "alStripeSize4k", 0)), SIZE, false,
            List.of("v09 al_offset: expected 0, found -64")),
        Arguments.of("wrong magic", with(s -> s.withMagic(MdLayout.MAGIC_08)), SIZE, false, List.of()),
        // drbdmeta 9.22 stops on an assertion for these; jdrbd says why instead.
        Arguments.of("bm-byte-per-bit 0", with(s -> set(s, "bmBytesPerBit", 0)), SIZE, false,
            List.of("v09 bm-byte-per-bit 0 is not a power-of-two multiple of 4096")),
        Arguments.of("bm-byte-per-bit 12288", with(s -> set(s, "bmBytesPerBit", 12288)), SIZE,
            false, List.of("v09 bm-byte-per-bit 12288 is not a power-of-two multiple of 4096")),
        // Offsets happen to fit (100 MiB, 1 peer); 9.22 reads on and misreads the bitmap.
        Arguments.of("bm-byte-per-bit 8192", with(s -> set(s, "bmBytesPerBit", 8192)), SIZE, false,
            List.of("v09 bm-byte-per-bit 8192 is not supported (only 4096)")));
  }

  private static UnaryOperator<Superblock> with(UnaryOperator<Superblock> f) {
    return f;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void checkAgreesWithDrbdmeta(String name, UnaryOperator<Superblock> patch, long deviceBytes,
      boolean valid, List<String> messages) {
    MdGeometry g = MdGeometry.compute(INTERNAL, SIZE, 1, 1, 8);
    Superblock sb = patch.apply(Superblock.fresh(MdFormat.V09, g, 0));
    SuperblockCheck.Result r = SuperblockCheck.check(sb, INTERNAL, deviceBytes);
    assertThat(r.valid()).isEqualTo(valid);
    if (!messages.isEmpty()) {
      assertThat(r.messages()).isEqualTo(messages);
    } else {
      assertThat(r.messages().stream().filter(m -> m.contains("md_size"))).isEmpty();
    }
  }

  /**
   * 100 MiB, 2 peers, bm-byte-per-bit patched to 8192 (Debian's drbdmeta on such a file): the
   * internal offsets are expected for the patched value, so the bitmap offset no longer fits.
   */
  @org.junit.jupiter.api.Test
  void internalOffsetsFollowTheBytesPerBit() {
    MdGeometry g = MdGeometry.compute(INTERNAL, SIZE, 2, 1, 8);
    Superblock sb = set(Superblock.fresh(MdFormat.V09, g, 0), "bmBytesPerBit", 8192);
    SuperblockCheck.Result r = SuperblockCheck.check(sb, INTERNAL, SIZE);
    assertThat(r.valid()).isFalse();
    assertThat(r.messages()).containsExactly("strange bm_offset -80 (expected: -72)");
  }

  private static List<PeerSlot> peer0Index(Superblock s, int idx) {
    List<PeerSlot> p = new ArrayList<>(s.peers());
    PeerSlot o = p.get(0);
    p.set(0, new PeerSlot(o.bitmapUuid(), o.bitmapDagtag(), o.flags(), idx));
    return p;
  }

  /** Re-encodes with one raw field changed, as a hex editor would. */
  private static Superblock set(Superblock s, String field, int value) {
    var b = SuperblockCodec.encode(s);
    int off = switch (field) {
      case "nodeId" -> MdLayout.OFF09_NODE_ID;
      case "alOffsetSect" -> MdLayout.OFF_AL_OFFSET;
      case "mdSizeSect" -> MdLayout.OFF_MD_SIZE_SECT;
      case "bmOffsetSect" -> MdLayout.OFF_BM_OFFSET;
      case "alStripes" -> MdLayout.OFF09_AL_STRIPES;
      case "alStripeSize4k" -> MdLayout.OFF09_AL_STRIPE_SIZE_4K;
      case "bmBytesPerBit" -> MdLayout.OFF_BM_BYTES_PER_BIT;
      default -> throw new IllegalArgumentException(field);
    };
    b.putInt(off, value);
    return SuperblockCodec.decode(b, MdFormat.V09);
  }
}
