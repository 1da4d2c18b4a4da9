package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jdrbd.metadata.BlockIo;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;
import org.jdrbd.metadata.SuperblockCheck;

/** What restore-md writes for a parsed dump: checks first, then bitmap, then superblock. */
final class DumpRestore {
  private DumpRestore() {}

  private static final int CHUNK_BYTES = 1 << 20;

  /** Why the dump cannot be restored on this device (message with newline), or null. */
  static String refusal(ParsedDump d, Placement placement, long deviceBytes) {
    if (d.maxPeers() < 1 || d.maxPeers() > MdLayout.MAX_PEERS_LIMIT) {
      return "max-peers " + d.maxPeers() + " out of range (1..31); nothing restored\n";
    }
    long size4k = (long) d.alStripes() * d.alStripeSize4k();
    if (d.alStripes() < 1 || d.alStripeSize4k() < 1 || size4k < MdLayout.AL_MIN_4K
        || size4k > MdLayout.AL_MAX_4K) {
      return "invalid al-stripes " + d.alStripes() + " x al-stripe-size-4k " + d.alStripeSize4k()
          + "; nothing restored\n";
    }
    if (d.bmBytesPerBit() != MdLayout.BM_BYTES_PER_BIT) {
      return "bm-byte-per-bit " + d.bmBytesPerBit() + " is not supported by jdrbd (only 4096);"
          + " nothing restored\n";
    }
    MdGeometry g = MdGeometry.compute(placement, deviceBytes, d.maxPeers(), d.alStripes(),
        d.alStripeSize4k());
    if (!g.fitsDevice()) {
      return "Device too small for the meta data of this dump; nothing restored\n";
    }
    SuperblockCheck.Result r = SuperblockCheck.check(superblock(d, g), placement, deviceBytes);
    if (!r.valid()) {
      return String.join("\n", r.messages()) + (r.messages().isEmpty() ? "" : "\n")
          + "The dump does not describe valid meta data; nothing restored\n";
    }
    return null;
  }

  static Superblock superblock(ParsedDump d, MdGeometry g) {
    return new Superblock(MdFormat.V09, MdLayout.MAGIC_09, d.laSizeSect(), d.currentUuid(),
        d.deviceUuid(), d.flags(), g.mdSizeSect(), g.alOffsetSect(), MdLayout.AL_NR_EXTENTS_DEFAULT,
        g.bmOffsetSect(), (int) d.bmBytesPerBit(), d.laPeerMaxBioSize(), d.maxPeers(), d.nodeId(),
        d.alStripes(), d.alStripeSize4k(), d.peers(), d.history());
  }

  /**
   * Writes the bitmap words of the dump and syncs. drbdmeta 9.22 quirk, reproduced so both tools
   * leave the same bytes: it writes as many words per slot as the LAST slot's section holds
   * (rounded up to whole 512-byte sectors, zeros where a slot gave fewer words), and nothing at
   * all when that section is empty. A complete dump (every slot full) is written exactly.
   */
  static void writeBitmap(MetaArea area, MdGeometry g, ParsedDump d) throws IOException {
    int peers = d.maxPeers();
    List<DumpBitmapRuns> slots = d.bitmap();
    long perSlot = slots.get(peers - 1).words();
    long limit = Math.min(Math.max(0, g.bmAreaBytes()),
        MdLayout.bitmapBytes(d.laSizeSect(), peers, MdLayout.BM_BYTES_PER_BIT));
    long bytes = Math.min(MdLayout.alignUp(perSlot * peers * 4, MdLayout.SECTOR_BYTES), limit);
    if (bytes <= 0) {
      return;
    }
    DumpBitmapRuns.Cursor[] cursors = new DumpBitmapRuns.Cursor[peers];
    long[] given = new long[peers];
    for (int p = 0; p < peers; p++) {
      cursors[p] = slots.get(p).cursor();
      given[p] = Math.min(perSlot, slots.get(p).words());
    }
    BlockIo io = area.io();
    ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    long word = 0;
    for (long done = 0; done < bytes; ) {
      int n = (int) Math.min(CHUNK_BYTES, bytes - done);
      chunk.clear();
      for (int i = 0; i < n; i += 4, word++) {
        int p = (int) (word % peers);
        long index = word / peers;
        chunk.putInt(i, index < given[p] ? cursors[p].nextWord() : 0);
      }
      chunk.limit(n);
      io.write(g.bmOffsetBytes() + done, chunk);
      done += n;
    }
    io.sync();
  }
}
