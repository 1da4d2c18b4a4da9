package org.jdrbd.drbdadm.setup;

import org.jdrbd.drbdadm.meta.GiText;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Tags;

/**
 * get-gi / show-gi text from a daemon reply (v09 layout, reference §4.8): the daemon's fields fed
 * to the same formatter drbdmeta uses for the on-disk superblock.
 */
final class GiFormat {
    private GiFormat() { }

    private static GiText.Fields fields(TagList t) {
        return new GiText.Fields(MdFormat.V09, t.getLong(Tags.CURRENT_UUID, 0),
            t.getLong(Tags.BITMAP_UUID, 0), t.getLong(Tags.HISTORY0_UUID, 0),
            t.getLong(Tags.HISTORY1_UUID, 0), (int) t.getLong(Tags.MD_FLAGS, 0),
            (int) t.getLong(Tags.PEER_MD_FLAGS, 0), t.getLong(Tags.LA_SIZE_SECT, 0),
            (int) t.getLong(Tags.LA_MAX_BIO_BYTES, 0), true);
    }

    static String getGi(TagList t) {
        return GiText.getGi(fields(t));
    }

    static String showGi(TagList t) {
        return GiText.showGi(fields(t));
    }
}
