package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.Superblock;

/**
 * restore-md FILE and verify-dump FILE (stdin when FILE is missing). verify-dump only parses.
 * restore-md parses the whole dump first and writes nothing unless it is valid; then the bitmap
 * is written and synced, and the superblock (the commit point) last. The AL is left as it is,
 * as drbdmeta 9.22 does.
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
    } catch (DumpParser.Rejected e) {
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
      if (s.loaded.valid() && !inv.con().confirm("Valid meta-data in place, overwrite?")) {
        inv.con().err.print("Operation canceled.\n");
        return ExitCode.FAILED;
      }
      ParsedDump d;
      try {
        d = DumpParser.parse(text, inv.con().out, inv.con().err, inv.format().cliName(),
            new OnDevice(inv, s));
      } catch (DumpParser.Rejected e) {
        return e.exitCode;
      }
      return write(inv, s, d);
    } catch (IOException e) {
      inv.con().err.print("write(" + inv.device() + ") failed: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  private static int write(Invocation inv, Session s, ParsedDump d) throws IOException {
    String bad = DumpRestore.refusal(d, inv.placement(), s.area.deviceBytes());
    if (bad != null) {
      inv.con().err.print(bad);
      return ExitCode.BAD_VALUE;
    }
    MdGeometry g = MdGeometry.compute(inv.placement(), s.area.deviceBytes(), d.maxPeers(),
        d.alStripes(), d.alStripeSize4k());
    Superblock sb = DumpRestore.superblock(d, g);
    DumpRestore.writeBitmap(s.area, g, d);
    s.area.writeSuperblock(sb);
    inv.con().out.print("Successfully restored meta data\n");
    return ExitCode.OK;
  }

  /** The dump text, or null after printing drbdmeta's complaint. */
  private static String readDump(Invocation inv) {
    try {
      if (inv.commandArgs().isEmpty()) {
        return new String(stdin(inv).readAllBytes(), StandardCharsets.ISO_8859_1);
      }
      return new String(Files.readAllBytes(Path.of(inv.commandArgs().get(0))),
          StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException e) {
      inv.con().err.print("open of '" + inv.commandArgs().get(0) + "' failed.\n");
      return null;
    }
  }

  private static InputStream stdin(Invocation inv) {
    return inv.con().in();
  }

  /** verify-dump: no device, hence a limit of 0 sectors. */
  private static final class NoDevice implements DumpParser.Progress {
    @Override
    public void afterMaxPeers(int maxPeers) {}

    @Override
    public long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k) {
      return 0;
    }
  }

  /** restore-md: the device's usable size for the dump's geometry. */
  private record OnDevice(Invocation inv, Session s) implements DumpParser.Progress {
    /**
     * drbdmeta re-initializes its geometry for the dump's max-peers here and then, like
     * create-md, warns about data in the first 68 KiB (flex-external meta data starts there).
     */
    @Override
    public void afterMaxPeers(int maxPeers) throws DumpParser.Rejected {
      inv.con().err.print("reinitializing\n");
      if (maxPeers < 1 || maxPeers > MdLayout.MAX_PEERS_LIMIT) {
        return; // refused after parsing
      }
      boolean valid = s.loaded.valid();
      int oldPeers = valid ? s.loaded.superblock().maxPeers() : -1;
      if (maxPeers > oldPeers && (valid || !inv.placement().isInternal())) {
        inv.con().out.print("Meta data needs more space now, since max_peers\n"
            + "is bigger than in existing meta_data. (" + oldPeers + " -> " + maxPeers + ")\n");
      }
      int stripes = valid ? s.loaded.superblock().alStripes() : MdLayout.AL_STRIPES_DEFAULT;
      int stripe4k = valid ? s.loaded.superblock().alStripeSize4k()
          : MdLayout.AL_STRIPE_SIZE_4K_DEFAULT;
      MdGeometry g = MdGeometry.compute(inv.placement(), s.area.deviceBytes(), maxPeers, stripes,
          stripe4k);
      boolean data;
      try {
        data = s.area.hasDataAtStart();
      } catch (IOException e) {
        inv.con().err.print("read(" + inv.device() + ") failed: " + e.getMessage() + "\n");
        throw new DumpParser.Rejected(ExitCode.USAGE);
      }
      if (data) {
        inv.con().out.print("md_offset " + g.mdOffsetBytes() + "\nal_offset " + g.alOffsetBytes()
            + "\nbm_offset " + g.bmOffsetBytes() + "\n\nFound some data\n\n"
            + " ==> This might destroy existing data! <==\n");
        if (!inv.con().confirm("Do you want to proceed?")) {
          inv.con().err.print("Operation canceled.\n");
          throw new DumpParser.Rejected(ExitCode.FAILED);
        }
      }
    }

    @Override
    public long maxLaSizeSect(int maxPeers, int alStripes, int alStripeSize4k) {
      if (maxPeers < 1 || maxPeers > MdLayout.MAX_PEERS_LIMIT || alStripes < 1 || alStripeSize4k < 1) {
        return -1; // nothing clips; the dump is refused after parsing anyway
      }
      return Math.max(0, MdGeometry.compute(inv.placement(), s.area.deviceBytes(), maxPeers,
          alStripes, alStripeSize4k).usableSizeSect());
    }
  }
}
