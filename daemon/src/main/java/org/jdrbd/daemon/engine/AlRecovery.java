package org.jdrbd.daemon.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.BitmapWriter;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/**
 * Crash recovery at attach (fact sheet §8.4, what {@code drbdmeta apply-al} does): replay the AL
 * and, if the node was Primary, mark every extent that was active out of sync in every bitmap
 * slot. The caller re-initializes the AL afterwards; the superblock is committed by the attach.
 */
final class AlRecovery {

    /** What recovery found. */
    record Outcome(int corruptBlocks, List<Integer> activeExtents, long bitsMarked, boolean refused) {
    }

    private AlRecovery() {
    }

    static Outcome replayBlocking(MetaArea area, MdGeometry g, Superblock sb, Bitmap bitmap)
            throws IOException {
        List<ByteBuffer> blocks = new ArrayList<>();
        for (int i = 0; i < g.alSize4k(); i++) {
            blocks.add(area.readAlBlock(g, i));
        }
        AlReplay replay = AlReplay.of(blocks);
        boolean wasPrimary = sb.has(MdFlags.PRIMARY_IND);
        if (replay.updateTransactions() == 0 && replay.corruptBlocks() > 0 && wasPrimary) {
            // No trustworthy AL from a Primary: we cannot say which blocks may differ.
            return new Outcome(replay.corruptBlocks(), List.of(), 0, true);
        }
        long marked = 0;
        if (wasPrimary) {
            for (int extent : replay.activeExtents()) {
                long from = Integer.toUnsignedLong(extent) * MdLayout.BITS_PER_AL_EXTENT;
                long to = Math.min(bitmap.bitsPerSlot(), from + MdLayout.BITS_PER_AL_EXTENT);
                for (int slot = 0; slot < bitmap.maxPeers() && from < to; slot++) {
                    marked += bitmap.set(slot, from, to);
                }
            }
            new BitmapWriter(area.io(), g.bmOffsetBytes()).flush(bitmap, bitmap.takeDirtyPages());
        }
        return new Outcome(replay.corruptBlocks(), replay.activeExtents(), marked, false);
    }
}
