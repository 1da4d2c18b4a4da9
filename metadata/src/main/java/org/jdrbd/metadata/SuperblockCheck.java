package org.jdrbd.metadata;

import java.util.ArrayList;
import java.util.List;

/**
 * The validity checks drbdmeta applies to a superblock it has just read, and that jdrbd applies
 * again right before writing one. A failed check makes the meta data "not valid"; a warning is
 * printed but the meta data is still used (drbdmeta does the same for md_size_sect).
 */
public final class SuperblockCheck {
  private SuperblockCheck() {}

  /**
   * Outcome of a check.
   *
   * @param valid    false when the meta data must not be used
   * @param messages diagnostics in drbdmeta's words, in the order drbdmeta prints them
   */
  public record Result(boolean valid, List<String> messages) {
    public Result {
      messages = List.copyOf(messages);
    }
  }

  /**
   * Checks {@code sb} as read from a device of {@code deviceBytes} with placement {@code p}.
   * Geometry is recomputed from the device size, the superblock's max-peers and AL stripes.
   */
  public static Result check(Superblock sb, Placement p, long deviceBytes) {
    List<String> msgs = new ArrayList<>();
    boolean magicOk = sb.magic() == sb.format().magic()
        || (sb.format() == MdFormat.V08 && sb.magic() == MdLayout.MAGIC_84_UNCLEAN);
    if (!magicOk) {
      return new Result(false, msgs);
    }
    String v = sb.format().cliName();
    String ids = idProblem(sb);
    if (ids != null) {
      msgs.add(ids);
      return new Result(false, msgs);
    }
    long alSize4k = (long) sb.alStripes() * sb.alStripeSize4k();
    if (sb.alStripes() < 0 || sb.alStripeSize4k() < 0 || alSize4k > MdLayout.AL_MAX_4K * 4L) {
      msgs.add(v + " al-stripes " + sb.alStripes() + " x al-stripe-size-4k " + sb.alStripeSize4k()
          + " out of bounds");
      return new Result(false, msgs);
    }
    long bpb = Integer.toUnsignedLong(sb.bmBytesPerBit());
    if (bpb < MdLayout.BM_BYTES_PER_BIT || Long.bitCount(bpb) != 1) {
      // drbdmeta 9.22 stops on an assertion here; a message is more useful.
      msgs.add(v + " bm-byte-per-bit " + bpb + " is not a power-of-two multiple of 4096");
      return new Result(false, msgs);
    }
    int alSect = (int) alSize4k * MdLayout.BLOCK_SECTORS;
    Expected e = expected(p, deviceBytes, sb.maxPeers(), alSect, bpb);
    if (sb.alOffsetSect() != e.alOffsetSect) {
      msgs.add(v + " al_offset: expected " + e.alOffsetSect + ", found " + sb.alOffsetSect());
      return new Result(false, msgs);
    }
    if (sb.bmOffsetSect() != e.bmOffsetSect) {
      msgs.add("strange bm_offset " + sb.bmOffsetSect() + " (expected: " + e.bmOffsetSect + ")");
      return new Result(false, msgs);
    }
    if (sb.mdSizeSect() != e.mdSizeSect) {
      msgs.add("strange md_size_sect " + sb.mdSizeSect() + " (expected: " + e.mdSizeSect + ")");
    }
    if (bpb != MdLayout.BM_BYTES_PER_BIT) {
      // 9.22 accepts such a superblock here and then aborts (or misreads the bitmap); the DRBD
      // kernel refuses it. jdrbd calls it what it is.
      msgs.add(v + " bm-byte-per-bit " + bpb + " is not supported (only 4096)");
      return new Result(false, msgs);
    }
    return new Result(true, msgs);
  }

  /**
   * The identity checks drbdmeta makes first (v09: own node-id, each peer's bitmap index,
   * max-peers), in its order and words; an empty result when they pass or for v08.
   */
  public static Result checkIds(Superblock sb) {
    String problem = idProblem(sb);
    return problem == null ? new Result(true, List.of()) : new Result(false, List.of(problem));
  }

  private static String idProblem(Superblock sb) {
    if (sb.format() != MdFormat.V09) {
      return null;
    }
    String v = sb.format().cliName();
    if (sb.nodeId() < -1 || sb.nodeId() > MdLayout.MAX_PEERS_LIMIT) {
      return v + " device node-id value " + sb.nodeId() + " out of bounds";
    }
    for (int i = 0; i < MdLayout.PEER_SLOTS; i++) {
      int idx = sb.peers().get(i).bitmapIndex();
      if (idx < -1 || idx > MdLayout.MAX_PEERS_LIMIT) {
        return v + " peer device " + i + " node-id value " + idx + " out of bounds";
      }
    }
    if (sb.maxPeers() < 1 || sb.maxPeers() > MdLayout.MAX_PEERS_LIMIT) {
      return v + " max-peers value " + sb.maxPeers() + " out of bounds";
    }
    return null;
  }

  private record Expected(long mdSizeSect, int alOffsetSect, int bmOffsetSect) {}

  /** Offsets drbdmeta expects; internal ones depend on the superblock's bytes per bit. */
  private static Expected expected(Placement p, long deviceBytes, int maxPeers, int alSect,
      long bytesPerBit) {
    if (p.isInternal()) {
      long bmBytes = MdLayout.bitmapBytes(deviceBytes / MdLayout.SECTOR_BYTES, maxPeers,
          bytesPerBit);
      long mdSize = MdLayout.alignUp(bmBytes / MdLayout.SECTOR_BYTES, 8) + MdLayout.BLOCK_SECTORS + alSect;
      return new Expected(mdSize, -alSect, (int) (-mdSize + MdLayout.BLOCK_SECTORS));
    }
    long mdSize = p.kind() == Placement.Kind.FLEX_EXTERNAL
        ? deviceBytes / MdLayout.SECTOR_BYTES : MdLayout.INDEXED_MD_SIZE_SECT;
    return new Expected(mdSize, MdLayout.BLOCK_SECTORS, MdLayout.BLOCK_SECTORS + alSect);
  }
}
