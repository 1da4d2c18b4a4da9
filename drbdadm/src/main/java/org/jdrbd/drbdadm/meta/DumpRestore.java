package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.PrintStream;
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

/**
 * What restore-md writes for a parsed dump: every check first (nothing is written unless the
 * result is meta data drbdmeta and the kernel can use), then the bitmap, then the superblock.
 */
final class DumpRestore {
  private DumpRestore() {}

  private static final int CHUNK_BYTES = 1 << 20;
  /** drbdmeta 9.22 collects a dump's bitmap in a buffer of this size (and drops the rest). */
  private static final long ORACLE_BUFFER_BYTES = 32L << 20;
  /** Bound on words per slot before multiplying, so absurd repeat counts cannot overflow. */
  private static final long MAX_WORDS = 1L << 40;

  /** A dump that passed every check: its geometry and how many bitmap bytes to write. */
  record Plan(MdGeometry geometry, Superblock superblock, long bitmapBytes) {}

  /**
   * Checks {@code d} against the device; prints drbdmeta's messages and returns null with
   * {@code rc[0]} set when it must not be written. drbdmeta 9.22 writes the bitmap before some
   * of these checks fail ("Writing failed"); jdrbd prints the same words but writes nothing.
   */
  static Plan plan(ParsedDump d, Placement placement, long deviceBytes, PrintStream err, int[] rc) {
    // Offsets do not matter for the identity checks; the real geometry needs a valid max-peers.
    Superblock provisional = superblock(d, new MdGeometry(placement, deviceBytes, 1, 1, 1, 0, 0, 0, 0));
    SuperblockCheck.Result ids = SuperblockCheck.checkIds(provisional);
    if (!ids.valid()) {
      return writingFailed(ids, err, rc);
    }
    long size4k = Integer.toUnsignedLong(d.alStripes()) * Integer.toUnsignedLong(d.alStripeSize4k());
    if (d.alStripes() == 0 || d.alStripeSize4k() == 0 || size4k < MdLayout.AL_MIN_4K) {
      // 9.22 writes such an AL geometry (the kernel then refuses to attach); refuse like create-md.
      return refused("invalid (too small) al-stripe* settings\n", err, rc);
    }
    if (size4k > MdLayout.AL_MAX_4K) {
      return refused("invalid (too large) al-stripe* settings\n", err, rc);
    }
    MdGeometry g = MdGeometry.compute(placement, deviceBytes, d.maxPeers(), d.alStripes(),
        d.alStripeSize4k());
    if (!g.fitsDevice()) {
      return refused("Device too small for the meta data of this dump; nothing restored\n", err, rc);
    }
    long bytes = bitmapBytesToWrite(d, g, err);
    Superblock sb = superblock(d, g);
    SuperblockCheck.Result r = SuperblockCheck.check(sb, placement, deviceBytes);
    if (!r.valid()) {
      return writingFailed(r, err, rc);
    }
    return new Plan(g, sb, bytes);
  }

  private static Plan writingFailed(SuperblockCheck.Result r, PrintStream err, int[] rc) {
    for (String m : r.messages()) {
      err.print(m + "\n");
    }
    err.print("Writing failed\n");
    rc[0] = ExitCode.FAILED;
    return null;
  }

  private static Plan refused(String message, PrintStream err, int[] rc) {
    err.print(message);
    rc[0] = ExitCode.BAD_VALUE;
    return null;
  }

  /**
   * drbdmeta 9.22's byte count: as many words per slot as the LAST slot's section holds, for
   * every slot, rounded up to whole sectors, limited to what la-size-sect needs; it says so when
   * it cuts. Unlike 9.22, jdrbd does not stop at 32 MiB: bitmaps of volumes over 1 TiB are
   * restored whole (9.22 silently drops the rest, losing dirty bits).
   */
  private static long bitmapBytesToWrite(ParsedDump d, MdGeometry g, PrintStream err) {
    int peers = d.maxPeers();
    long perSlotWords = Math.min(MAX_WORDS, d.bitmap().get(peers - 1).words());
    long wanted = MdLayout.alignUp(perSlotWords * 4 * peers, MdLayout.SECTOR_BYTES);
    long limit = Math.min(Math.max(0, g.bmAreaBytes()),
        MdLayout.bitmapBytes(d.laSizeSect(), peers, d.bmBytesPerBit()));
    long shown = Math.min(wanted, ORACLE_BUFFER_BYTES);
    if (shown > limit) {
      err.print("in meta_restore_md: truncating byte count from " + shown + " to " + limit + "\n"
          + "Bitmap info too large, truncated!\n");
    }
    return Math.min(wanted, limit);
  }

  static Superblock superblock(ParsedDump d, MdGeometry g) {
    MdFormat f = d.format();
    return new Superblock(f, f.magic(), d.laSizeSect(), d.currentUuid(), d.deviceUuid(),
        d.flags(), g.mdSizeSect(), g.alOffsetSect(), MdLayout.AL_NR_EXTENTS_DEFAULT,
        g.bmOffsetSect(), (int) d.bmBytesPerBit(), d.laPeerMaxBioSize(), d.maxPeers(),
        d.nodeId(), d.alStripes(), d.alStripeSize4k(), d.peers(), d.history());
  }

  /**
   * Writes {@code bytes} of bitmap and syncs. drbdmeta 9.22 quirk, reproduced so both tools
   * leave the same bytes: every slot gets as many words as the LAST slot's section holds (zeros
   * where a slot gave fewer words), nothing at all when that section is empty. A complete dump
   * (every slot full) is written exactly.
   */
  static void writeBitmap(MetaArea area, MdGeometry g, ParsedDump d, long bytes) throws IOException {
    if (bytes <= 0) {
      return;
    }
    int peers = d.maxPeers();
    List<DumpBitmapRuns> slots = d.bitmap();
    long perSlot = slots.get(peers - 1).words();
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
