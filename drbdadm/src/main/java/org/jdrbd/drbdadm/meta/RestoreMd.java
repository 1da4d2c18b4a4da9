package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.Placement;

/**
 * restore-md FILE and verify-dump FILE (stdin when FILE is missing), for v09 and v08 dumps.
 * verify-dump only parses. restore-md parses the whole dump first and writes nothing unless it
 * is valid; then the bitmap is written and synced, and the superblock (the commit point) last.
 * The AL is left as it is, as drbdmeta 9.22 does.
 */
final class RestoreMd {
  private RestoreMd() {}

  static int verifyDump(Invocation inv) {
    MetaCommands.warnExtra(inv, 1);
    String text = readDump(inv);
    if (text == null) {
      return ExitCode.USAGE;
    }
    try {
      // verify-dump opens no device, so drbdmeta 9.22 clips any la-size-sect to 0 (and says so).
      DumpParser.parse(text, inv.con().out, inv.con().err, inv.format().cliName(), new NoDevice());
    } catch (DumpTokens.Rejected e) {
      return e.exitCode;
    }
    inv.con().out.print("input file parsed ok\n");
    return ExitCode.OK;
  }

  static int restoreMd(Invocation inv) {
    MetaCommands.warnExtra(inv, 1);
    String text = readDump(inv);
    if (text == null) {
      return ExitCode.USAGE;
    }
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      // Meta data at a grown device's last-known position counts as "in place" here too.
      boolean inPlace = s.loaded.valid() || s.relocated != null;
      if (inPlace && !inv.con().confirm("Valid meta-data in place, overwrite?")) {
        return ExitCode.FAILED; // 9.22 says nothing more here
      }
      ParsedDump d;
      try {
        d = DumpParser.parse(text, inv.con().out, inv.con().err, inv.format().cliName(),
            new OnDevice(inv, s));
      } catch (DumpTokens.Rejected e) {
        return e.exitCode;
      }
      return write(inv, s, d);
    } catch (IOException e) {
      inv.con().err.print("write(" + inv.device() + ") failed: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  private static int write(Invocation inv, Session s, ParsedDump d) throws IOException {
    int[] rc = {ExitCode.OK};
    DumpRestore.Plan p = DumpRestore.plan(d, inv.placement(), s.area.deviceBytes(),
        inv.con().err, rc);
    if (p == null) {
      return rc[0];
    }
    DumpRestore.writeBitmap(s.area, p.geometry(), d, p.bitmapBytes());
    s.commit(inv, p.superblock());
    inv.con().out.print("Successfully restored meta data\n");
    return ExitCode.OK;
  }

  /** The dump text (one char per byte), or null after printing drbdmeta's complaint. */
  private static String readDump(Invocation inv) {
    try {
      byte[] b = inv.commandArgs().isEmpty() ? inv.con().in().readAllBytes()
          : Files.readAllBytes(Path.of(inv.commandArgs().get(0)));
      return new String(b, StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      String name = inv.commandArgs().isEmpty() ? "-" : inv.commandArgs().get(0);
      inv.con().err.print("open of '" + name + "' failed.\n");
      return null;
    }
  }

  /** verify-dump: no device, hence a limit of 0 sectors. */
  private static final class NoDevice implements DumpParser.Progress {
    @Override
    public void reinitialize(int maxPeers) {}

    @Override
    public long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k) {
      return 0;
    }
  }

  /** restore-md: questions about the device, and its usable size for the dump's geometry. */
  private record OnDevice(Invocation inv, Session s) implements DumpParser.Progress {
    /**
     * drbdmeta re-initializes its geometry for the dump's max-peers here and then, like
     * create-md, warns about data in the first 68 KiB.
     */
    @Override
    public void reinitialize(int maxPeers) throws DumpTokens.Rejected {
      inv.con().err.print("reinitializing\n");
      if (maxPeers < 1 || maxPeers > MdLayout.MAX_PEERS_LIMIT) {
        return; // refused after parsing
      }
      boolean valid = s.loaded.valid();
      int oldPeers = valid ? s.loaded.superblock().maxPeers() : -1;
      // 9.22 says this for external meta data only (internal meta data always moves).
      if (maxPeers > oldPeers && !inv.placement().isInternal()) {
        inv.con().out.print("Meta data needs more space now, since max_peers\n"
            + "is bigger than in existing meta_data. (" + oldPeers + " -> " + maxPeers + ")\n");
      }
      // The AL geometry in place (9.22 may have written an empty one: then the default).
      boolean oldAl = valid && s.loaded.superblock().alStripes() > 0
          && s.loaded.superblock().alStripeSize4k() > 0;
      int stripes = oldAl ? s.loaded.superblock().alStripes() : MdLayout.AL_STRIPES_DEFAULT;
      int stripe4k = oldAl ? s.loaded.superblock().alStripeSize4k()
          : MdLayout.AL_STRIPE_SIZE_4K_DEFAULT;
      MdGeometry g = MdGeometry.compute(inv.placement(), s.area.deviceBytes(), maxPeers, stripes,
          stripe4k);
      boolean data;
      try {
        data = s.area.hasDataAtStart();
      } catch (IOException e) {
        inv.con().err.print("read(" + inv.device() + ") failed: " + e.getMessage() + "\n");
        throw new DumpTokens.Rejected(ExitCode.USAGE);
      }
      if (data) {
        inv.con().out.print("md_offset " + g.mdOffsetBytes() + "\nal_offset " + g.alOffsetBytes()
            + "\nbm_offset " + g.bmOffsetBytes() + "\n\nFound some data\n\n"
            + " ==> This might destroy existing data! <==\n");
        if (!inv.con().confirm("Do you want to proceed?")) {
          inv.con().out.print("Operation canceled.\n");
          throw new DumpTokens.Rejected(ExitCode.FAILED);
        }
      }
    }

    @Override
    public long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k) {
      return usableSectors(inv.placement(), s.area.deviceBytes(), maxPeers,
          Integer.toUnsignedLong(alStripes) * Integer.toUnsignedLong(alStripeSize4k));
    }
  }

  /**
   * The largest data size the dump's geometry leaves on this device, for any values a dump may
   * hold (max-peers 0..32, any AL size) since drbdmeta clips la-size-sect before it checks
   * them; -1 (no limit) where it cannot be computed.
   */
  static long usableSectors(Placement placement, long deviceBytes, int maxPeers, long alSize4k) {
    if (maxPeers < 0 || maxPeers > MdLayout.PEER_SLOTS || alSize4k > (1L << 32)) {
      return -1;
    }
    long alBytes = alSize4k * MdLayout.BLOCK_BYTES;
    long devSect = deviceBytes / MdLayout.SECTOR_BYTES;
    if (placement.isInternal()) {
      long bmBytes = MdLayout.bitmapBytes(devSect, maxPeers, MdLayout.BM_BYTES_PER_BIT);
      long mdOffset = MdGeometry.superblockOffset(placement, deviceBytes);
      long bmOffset = mdOffset - alBytes - MdLayout.alignUp(bmBytes, MdLayout.BLOCK_BYTES);
      return Math.max(0, bmOffset / MdLayout.SECTOR_BYTES);
    }
    if (maxPeers == 0) {
      return -1;
    }
    long mdBytes = placement.kind() == Placement.Kind.FLEX_EXTERNAL ? devSect * MdLayout.SECTOR_BYTES
        : MdLayout.INDEXED_SLOT_BYTES;
    long bmArea = Math.max(0, mdBytes - MdLayout.BLOCK_BYTES - alBytes);
    long bitsPerPeer = bmArea * 8 / 64 / maxPeers * 64;
    return bitsPerPeer * (MdLayout.BM_BYTES_PER_BIT / MdLayout.SECTOR_BYTES);
  }
}
