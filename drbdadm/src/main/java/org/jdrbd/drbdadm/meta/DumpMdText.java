package org.jdrbd.drbdadm.meta;

import java.nio.ByteBuffer;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;

/** The text of {@code drbdmeta dump-md} (§4.7), byte for byte as drbd-utils 9.22 prints it. */
final class DumpMdText {
  private DumpMdText() {}

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");

  /** The four comment lines at the top; only this part differs between runs and hosts. */
  static String header(ZonedDateTime now, String host, String commandLine) {
    return "# DRBD meta data dump\n"
        + "# " + now.format(STAMP) + " [" + now.toEpochSecond() + "]\n"
        + "# " + host + "> " + commandLine + "\n"
        + "#\n";
  }

  /**
   * Everything after the header.
   *
   * @param bitmap little-endian words of the bitmap area, at least {@code bmBytes} long
   * @param unclean print drbdmeta's deliberately unparsable warning line (forced dump of an
   *     unclean superblock)
   * @param relocated lines to print before the offsets when the meta data was found at the
   *     last-known position of a grown device, else null
   */
  static String body(Superblock sb, MdGeometry g, ByteBuffer bitmap, long bmBytes, boolean unclean,
      String relocated) {
    StringBuilder o = new StringBuilder(8192);
    o.append("\nversion \"").append(sb.format().cliName()).append("\";\n\n");
    if (unclean) {
      o.append("This_is_an_unclean_meta_data_dump._Don't_trust_the_bitmap.\n");
      o.append("# You should \"apply-al\" first, if you plan to restore this.\n\n");
    }
    if (sb.format() == MdFormat.V09) {
      o.append("max-peers ").append(sb.maxPeers()).append(";\n");
    }
    o.append("# md_size_sect ").append(sb.mdSizeSect()).append('\n');
    if (relocated != null) {
      o.append(relocated);
    }
    o.append("# md_offset ").append(g.mdOffsetBytes()).append('\n');
    o.append("# al_offset ").append(g.alOffsetBytes()).append('\n');
    o.append("# bm_offset ").append(g.bmOffsetBytes()).append("\n\n");
    if (sb.format() == MdFormat.V09) {
      appendV09Uuids(o, sb);
    } else {
      o.append("uuid {\n    ");
      o.append(hex16(sb.currentUuid())).append(' ').append(hex16(sb.bitmapUuid(0))).append(' ');
      o.append(hex16(sb.history().get(0))).append(' ').append(hex16(sb.history().get(1))).append('\n');
      // drbd-utils 9.22 prints a field it never fills for v08, so the flags always read 0
      // (fixed upstream in 9.33). We print what 9.22 prints; restore-md of such a dump clears flags.
      o.append("    flags 0x00000000;\n}\n");
    }
    o.append("# al-extents ").append(sb.alNrExtents()).append(";\n");
    o.append("la-size-sect ").append(sb.laSizeSect()).append(";\n");
    o.append("bm-byte-per-bit ").append(sb.bmBytesPerBit()).append(";\n");
    o.append("device-uuid ").append(hex16(sb.deviceUuid())).append('\n');
    o.append("la-peer-max-bio-size ").append(sb.laPeerMaxBioSize()).append(";\n");
    o.append("al-stripes ").append(sb.alStripes()).append(";\n");
    o.append("al-stripe-size-4k ").append(sb.alStripeSize4k()).append(";\n");
    o.append("# bm-bytes ").append(bmBytes).append(";\n");
    long bitsSet = 0;
    long nWords = bmBytes / 4;
    if (sb.format() == MdFormat.V09) {
      for (int p = 0; p < sb.maxPeers(); p++) {
        o.append("bitmap[").append(p).append("] ");
        bitsSet = BitmapText.append(o, bitmap, nWords, p, sb.maxPeers());
      }
    } else {
      o.append("bm ");
      bitsSet = BitmapText.append(o, bitmap, nWords, 0, 1);
    }
    o.append("# bits-set ").append(bitsSet).append(";\n");
    return o.toString();
  }

  private static void appendV09Uuids(StringBuilder o, Superblock sb) {
    o.append("node-id ").append(sb.nodeId()).append(";\n");
    o.append("current-uuid ").append(hex16(sb.currentUuid())).append('\n');
    o.append("flags 0x").append(BitmapText.hex8(sb.flags())).append(";\n");
    for (int i = 0; i < MdLayout.PEER_SLOTS; i++) {
      PeerSlot s = sb.peers().get(i);
      o.append("peer[").append(i).append("] {\n");
      o.append("    bitmap-index ").append(s.bitmapIndex()).append(";\n");
      o.append("    bitmap-uuid ").append(hex16(s.bitmapUuid())).append('\n');
      o.append("    bitmap-dagtag ").append(hex16(s.bitmapDagtag())).append('\n');
      o.append("    flags 0x").append(BitmapText.hex8(s.flags())).append(';')
          .append(PeerFlagNames.comment(s.flags())).append("\n}\n");
    }
    o.append("history-uuids {");
    for (int i = 0; i < MdLayout.HISTORY_UUIDS_09; i++) {
      o.append(i % 4 == 0 ? "\n       " : "").append(' ').append(hex16(sb.history().get(i)));
    }
    o.append("\n}\n");
  }

  /** "0x%016X;" */
  static String hex16(long v) {
    return String.format("0x%016X;", v);
  }
}
