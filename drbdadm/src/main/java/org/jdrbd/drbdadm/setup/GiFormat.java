package org.jdrbd.drbdadm.setup;

import static org.jdrbd.metadata.MdFlags.*;

import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Tags;

/**
 * get-gi / show-gi text from a daemon reply (v09 layout, reference §4.8): the same text drbdmeta
 * prints from the on-disk superblock. The picture is a copy of drbdadm.meta.GiText's (package
 * private there); the lead is asked to let both share one public formatter.
 */
final class GiFormat {
    private GiFormat() { }

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

    /** Local flag bits shown by v09 get-gi, in order. */
    private static final int[] LOCAL = {CONSISTENT, WAS_UP_TO_DATE, PRIMARY_IND, CRASHED_PRIMARY,
        AL_CLEAN, AL_DISABLED, PRIMARY_LOST_QUORUM};
    /** Peer flag bits shown by v09 get-gi, in order. */
    private static final int[] PEER = {PEER_CONNECTED, PEER_OUTDATED, PEER_FENCING, PEER_FULL_SYNC,
        PEER_DEVICE_SEEN};

    /** The colon line without newline. */
    static String line(TagList t) {
        StringBuilder s = new StringBuilder();
        s.append(hex(t.getLong(Tags.CURRENT_UUID, 0))).append(':');
        s.append(hex(t.getLong(Tags.BITMAP_UUID, 0))).append(':');
        s.append(hex(t.getLong(Tags.HISTORY0_UUID, 0))).append(':');
        s.append(hex(t.getLong(Tags.HISTORY1_UUID, 0)));
        long local = t.getLong(Tags.MD_FLAGS, 0);
        for (int bit : LOCAL) {
            s.append(':').append((local & bit) != 0 ? '1' : '0');
        }
        long peer = t.getLong(Tags.PEER_MD_FLAGS, 0);
        for (int bit : PEER) {
            s.append(':').append((peer & bit) != 0 ? '1' : '0');
        }
        return s.toString();
    }

    static String getGi(TagList t) {
        return line(t) + "\n";
    }

    static String showGi(TagList t) {
        StringBuilder s = new StringBuilder("\n");
        for (String l : HEAD) {
            s.append(l).append('\n');
        }
        s.append(line(t)).append('\n');
        int nBits = LOCAL.length + PEER.length;
        s.append(" ".repeat(68)).append("^ ".repeat(nBits - 1)).append("^\n");
        for (String l : FOOT_09) {
            s.append(l).append('\n');
        }
        s.append('\n');
        long laSect = t.getLong(Tags.LA_SIZE_SECT, 0);
        if (laSect == 0) {
            s.append("zero size device -- never seen peer yet?\n");
        } else {
            s.append("last agreed size: ").append(ppsize(laSect / 2)).append(" (").append(laSect)
                .append(" sectors)\n");
            s.append("last agreed max bio size: ").append(t.getLong(Tags.LA_MAX_BIO_BYTES, 0))
                .append(" Byte\n");
        }
        return s.toString();
    }

    /** KiB scaled by 1024 (rounding) while at least 10000, as drbdmeta prints sizes. */
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

    private static String hex(long v) {
        return String.format("%016X", v);
    }
}
