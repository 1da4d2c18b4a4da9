package org.jdrbd.drbdadm.meta;

import static org.jdrbd.metadata.MdFlags.*;

import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.Superblock;

/**
 * get-gi / show-gi / dstate text (§4.8). One formatter for drbdmeta (from the on-disk superblock)
 * and drbdsetup (from a daemon reply): both build {@link Fields}.
 */
public final class GiText {
  private GiText() {}

  /** What get-gi / show-gi print, independent of where it was read from. */
  public record Fields(MdFormat format, long current, long bitmap, long history0, long history1,
      int flags, int peerFlags, long laSizeSect, int laPeerMaxBioSize, boolean clean) {

    /** The fields of {@code sb} as seen through peer slot {@code slot} (0 for v08). */
    static Fields of(Superblock sb, int slot) {
      return new Fields(sb.format(), sb.currentUuid(), sb.bitmapUuid(slot), sb.history().get(0),
          sb.history().get(1), sb.flags(), sb.peers().get(slot).flags(), sb.laSizeSect(),
          sb.laPeerMaxBioSize(), sb.isClean());
    }
  }

  private static final String[] HEAD = {
      "       +--<  Current data generation UUID  >-",
      "       |               +--<  Bitmap's base data generation UUID  >-",
      "       |               |                 +--<  younger history UUID  >-",
      "       |               |                 |         +-<  older history  >-",
      "       V               V                 V         V"
  };
  private static final String[] FOOT_09 = {
      "                                      -<  Data consistency flag  >--+ | | | | | | | | | | |",
      "                             -<  Data was/is currently up-to-date  >--+ | | | | | | | | | |",
      "                                  -<  Node was/is currently primary  >--+ | | | | | | | | |",
      " -<  This node was a crashed primary, and has not seen its peer since  >--+ | | | | | | | |",
      "             -<  The activity-log was applied, the disk can be attached  >--+ | | | | | | |",
      "        -<  The activity-log was disabled, peer is completely out of sync  >--+ | | | | | |",
      "                              -<  This node was primary when it lost quorum  >--+ | | | | |",
      "                                          -<  Node was/is currently connected  >--+ | | | |",
      "                              -<  The peer's disk was out-dated or inconsistent  >--+ | | |",
      "                                 -<   A fence policy other the dont-care was used  >--+ | |",
      "                  -<  Node was in the progress of marking all blocks as out of sync  >--+ |",
      "                     -<  At least once we saw this node with a backing device attached >--+"
  };
  private static final String[] FOOT_08 = {
      "                                      -<  Data consistency flag  >--+ | | | | | |",
      "                             -<  Data was/is currently up-to-date  >--+ | | | | |",
      "                                  -<  Node was/is currently primary  >--+ | | | |",
      "                                  -<  Node was/is currently connected  >--+ | | |",
      "         -<  Node was in the progress of setting all bits in the bitmap  >--+ | |",
      "                        -<  The peer's disk was out-dated or inconsistent  >--+ |",
      "      -<  This node was a crashed primary, and has not seen its peer since   >--+"
  };

  /** Local flag bits shown by v09 get-gi, in order. */
  private static final int[] LOCAL_09 = {CONSISTENT, WAS_UP_TO_DATE, PRIMARY_IND, CRASHED_PRIMARY,
      AL_CLEAN, AL_DISABLED, PRIMARY_LOST_QUORUM};
  /** Peer flag bits shown by v09 get-gi, in order. */
  private static final int[] PEER_09 = {PEER_CONNECTED, PEER_OUTDATED, PEER_FENCING, PEER_FULL_SYNC,
      PEER_DEVICE_SEEN};
  /** Flag bits shown by v08 get-gi, in order. */
  private static final int[] LOCAL_08 = {CONSISTENT, WAS_UP_TO_DATE, PRIMARY_IND, CONNECTED_IND_08,
      FULL_SYNC_08, PEER_OUT_DATED_08, CRASHED_PRIMARY};

  static int[] localBits(MdFormat f) {
    return f == MdFormat.V09 ? LOCAL_09.clone() : LOCAL_08.clone();
  }

  static int[] peerBits(MdFormat f) {
    return f == MdFormat.V09 ? PEER_09.clone() : new int[0];
  }

  /** The colon line without newline; {@code slot} is the --node-id (0 for v08). */
  static String line(Superblock sb, int slot) {
    return line(Fields.of(sb, slot));
  }

  static String getGi(Superblock sb, int slot) {
    return getGi(Fields.of(sb, slot));
  }

  static String showGi(Superblock sb, int slot) {
    return showGi(Fields.of(sb, slot));
  }

  /** The colon line without newline. */
  public static String line(Fields f) {
    StringBuilder s = new StringBuilder();
    s.append(hex(f.current())).append(':').append(hex(f.bitmap())).append(':');
    s.append(hex(f.history0())).append(':').append(hex(f.history1()));
    for (int bit : localBits(f.format())) {
      s.append(':').append((f.flags() & bit) != 0 ? '1' : '0');
    }
    for (int bit : peerBits(f.format())) {
      s.append(':').append((f.peerFlags() & bit) != 0 ? '1' : '0');
    }
    return s.toString();
  }

  /** get-gi's output. */
  public static String getGi(Fields f) {
    return line(f) + "\n";
  }

  /** show-gi's output. */
  public static String showGi(Fields f) {
    StringBuilder s = new StringBuilder("\n");
    for (String l : HEAD) {
      s.append(l).append('\n');
    }
    s.append(line(f)).append('\n');
    int nBits = localBits(f.format()).length + peerBits(f.format()).length;
    s.append(" ".repeat(68)).append("^ ".repeat(nBits - 1)).append("^\n");
    for (String l : f.format() == MdFormat.V09 ? FOOT_09 : FOOT_08) {
      s.append(l).append('\n');
    }
    s.append('\n');
    if (f.format() == MdFormat.V08) {
      s.append(flagsLine08(f.flags())).append('\n');
      s.append("meta-data: ").append(f.clean() ? "clean" : "need apply-al").append('\n');
    }
    if (f.laSizeSect() == 0) {
      s.append("zero size device -- never seen peer yet?\n");
    } else {
      s.append("last agreed size: ").append(ppsize(f.laSizeSect() / 2)).append(" (")
          .append(f.laSizeSect()).append(" sectors)\n");
      s.append("last agreed max bio size: ").append(Integer.toUnsignedString(f.laPeerMaxBioSize()))
          .append(" Byte\n");
    }
    return s.toString();
  }

  private static String flagsLine08(int f) {
    StringBuilder s = new StringBuilder("flags: ");
    s.append((f & CRASHED_PRIMARY) != 0 ? "crashed " : "");
    s.append((f & PRIMARY_IND) != 0 ? "Primary" : "Secondary");
    s.append((f & CONNECTED_IND_08) != 0 ? ", Connected" : ", StandAlone");
    if ((f & CONSISTENT) == 0) {
      s.append(", Inconsistent");
    } else {
      s.append((f & WAS_UP_TO_DATE) != 0 ? ", UpToDate" : ", Outdated");
    }
    s.append((f & FULL_SYNC_08) != 0 ? ", need full sync" : "");
    s.append((f & PEER_OUT_DATED_08) != 0 ? ", peer Outdated" : "");
    return s.toString();
  }

  /** drbdmeta's human size: KiB scaled by 1024 (rounding) while at least 10000. */
  static String ppsize(long kib) {
    char[] units = {'K', 'M', 'G', 'T', 'P', 'E'};
    int u = 0;
    long v = kib;
    while (v >= 10000 && u < units.length - 1) {
      v = (v >> 10) + ((v >> 9) & 1);
      u++;
    }
    return v + " " + units[u] + "B";
  }

  /** dstate word for local flags (v08 semantics, also used for v09). */
  static String dstate(Superblock sb) {
    int f = sb.flags();
    if ((f & CONSISTENT) == 0) {
      return "Inconsistent";
    }
    if ((f & WAS_UP_TO_DATE) == 0) {
      return "Outdated";
    }
    // drbdmeta tests the v08 PEER_OUT_DATED bit for both formats.
    boolean peerOutdated = (f & PEER_OUT_DATED_08) != 0;
    return peerOutdated ? "UpToDate" : "Consistent";
  }

  static String hex(long v) {
    return String.format("%016X", v);
  }
}
