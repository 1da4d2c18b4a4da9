package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.BitmapWriter;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/**
 * apply-al: replay the activity log into the bitmap (only if the node was primary: every extent
 * that was active gets all its bits set, in every peer slot), then re-initialize the AL and
 * commit AL_CLEAN. Order: bitmap pages synced → AL synced → superblock (commit point).
 */
final class ApplyAlCommand {
  private ApplyAlCommand() {}

  static int run(Invocation inv) {
    MetaCommands.warnExtra(inv, 0);
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      MetaArea.Loaded md = s.loaded;
      if (!md.valid() && s.relocated != null) {
        md = s.moveRelocated(inv); // as drbdmeta 9.22: a grown device's meta data moves first
      } else if (!s.requireValid(inv, true)) {
        return ExitCode.FAILED;
      }
      return apply(inv, s, md);
    } catch (IOException e) {
      inv.con().err.print("apply-al: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  private static int apply(Invocation inv, Session s, MetaArea.Loaded md) throws IOException {
    Superblock sb = md.superblock();
    MdGeometry g = md.geometry();
    List<ByteBuffer> blocks = new ArrayList<>();
    for (int i = 0; i < g.alSize4k(); i++) {
      blocks.add(s.area.readAlBlock(g, i));
    }
    AlReplay replay = AlReplay.of(blocks);
    boolean primary = sb.has(MdFlags.PRIMARY_IND);
    if (replay.corruptBlocks() > 0) {
      inv.con().err.print(replay.corruptBlocks() + " corrupt AL transactions found\n");
      if (replay.updateTransactions() == 0) {
        inv.con().err.print("No valid AL update transaction found.\n");
        if (primary) {
          return ExitCode.FAILED;
        }
        inv.con().err.print("Error ignored, no need to apply the AL\n");
      }
    }
    // An AL holding no update transaction (as create-md leaves it) has nothing to mark; 9.22
    // then says nothing either.
    if (primary && replay.updateTransactions() > 0) {
      long addedBits = markExtents(inv, s, sb, g, replay.activeExtents());
      inv.con().err.print("Marked additional " + GiText.ppsize(addedBits * 4)
          + " as out-of-sync based on AL.\n");
    }
    s.area.initActivityLog(g);
    int magic = sb.format() == MdFormat.V08 ? MdLayout.MAGIC_08 : sb.magic();
    s.commit(inv, sb.withMagic(magic).withFlags(sb.flags() | MdFlags.AL_CLEAN));
    return ExitCode.OK;
  }

  /** Sets every bit of each active extent in every slot; flushes the changed pages. */
  private static long markExtents(Invocation inv, Session s, Superblock sb, MdGeometry g,
      List<Integer> extents) throws IOException {
    int peers = sb.maxPeers();
    long bmBytes = Math.min(MdLayout.bitmapBytes(sb.laSizeSect(), peers, MdLayout.BM_BYTES_PER_BIT),
        Math.max(0, g.bmAreaBytes()));
    long extentBytes = (long) MdLayout.BITS_PER_AL_EXTENT / 8 * peers;
    if (bmBytes == 0) {
      for (int e : extents) {
        inv.con().err.print("extent " + Integer.toUnsignedString(e) + " beyond end of bitmap! ("
            + Integer.toUnsignedLong(e) * extentBytes + " >= 0)\n");
      }
      return 0;
    }
    ByteBuffer area = s.area.mapBitmap(g, bmBytes, FileChannel.MapMode.PRIVATE);
    long bitsPerSlot = bmBytes / 4 / peers * 32;
    Bitmap bm = new Bitmap(area, peers, bitsPerSlot);
    long added = 0;
    for (int e : extents) {
      long byteOff = Integer.toUnsignedLong(e) * extentBytes;
      if (byteOff >= bmBytes) {
        inv.con().err.print("extent " + Integer.toUnsignedString(e) + " beyond end of bitmap! ("
            + byteOff + " >= " + bmBytes + ")\n");
        continue;
      }
      long from = Integer.toUnsignedLong(e) * MdLayout.BITS_PER_AL_EXTENT;
      long to = Math.min(bitsPerSlot, from + MdLayout.BITS_PER_AL_EXTENT);
      for (int p = 0; p < peers; p++) {
        added += bm.set(p, from, to);
      }
    }
    new BitmapWriter(s.area.io(), g.bmOffsetBytes()).flush(bm, bm.takeDirtyPages());
    return added;
  }
}
