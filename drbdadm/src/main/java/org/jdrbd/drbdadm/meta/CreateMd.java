package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/**
 * create-md: zero the bitmap, initialize the AL, then commit a fresh superblock (current UUID 4,
 * flags AL_CLEAN, node-id -1, no bitmap slots assigned). Data first, superblock last.
 */
final class CreateMd {
  private CreateMd() {}

  /** Requested AL geometry and peer count. */
  private record Request(int maxPeers, int alStripes, int alStripeSize4k, int peerMaxBioSize) {}

  static int run(Invocation inv) {
    int[] rc = {ExitCode.OK};
    Request req = parse(inv, rc);
    if (req == null) {
      return rc[0];
    }
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      return create(inv, s, req);
    } catch (IOException e) {
      inv.con().err.print("write(" + inv.device() + ") failed: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  private static Request parse(Invocation inv, int[] rc) {
    int maxPeers = 1;
    int used = 0;
    if (inv.format() == MdFormat.V09) {
      if (inv.commandArgs().isEmpty()) {
        inv.con().err.print("USAGE: drbdmeta MINOR v09 ... create-md MAX_PEERS\n\n"
            + "  MAX_PEERS argument missing\n");
        rc[0] = ExitCode.USAGE;
        return null;
      }
      String arg = inv.commandArgs().get(0);
      Long n = Numbers.parse(arg);
      if (n == null) {
        inv.con().err.print(arg + " is not a valid number\n");
        rc[0] = ExitCode.USAGE;
        return null;
      }
      if (n < 1 || n > MdLayout.MAX_PEERS_LIMIT) {
        inv.con().err.print("MAX_PEERS argument not in allowed range 1 .. 31.\n");
        rc[0] = ExitCode.USAGE;
        return null;
      }
      maxPeers = n.intValue();
      used = 1;
    }
    MetaCommands.warnExtra(inv, used);
    Long stripes = number(inv, inv.args().alStripes(), MdLayout.AL_STRIPES_DEFAULT, rc);
    Long stripeKb = number(inv, inv.args().alStripeSizeKb(), 32, rc);
    Long maxBio = number(inv, inv.args().peerMaxBioSize(), 0, rc);
    if (stripes == null || stripeKb == null || maxBio == null) {
      return null;
    }
    long size4k = stripes * (stripeKb / 4);
    if (stripes < 1 || stripeKb < 4 || size4k < MdLayout.AL_MIN_4K) {
      inv.con().err.print("invalid (too small) al-stripe* settings\n");
      rc[0] = ExitCode.BAD_VALUE;
      return null;
    }
    if (size4k > MdLayout.AL_MAX_4K) {
      inv.con().err.print("invalid (too large) al-stripe* settings\n");
      rc[0] = ExitCode.BAD_VALUE;
      return null;
    }
    return new Request(maxPeers, stripes.intValue(), (int) (stripeKb / 4), maxBio.intValue());
  }

  private static Long number(Invocation inv, String text, long dflt, int[] rc) {
    if (text == null) {
      return dflt;
    }
    Long n = Numbers.parse(text);
    if (n == null || n < 0 || n > Integer.MAX_VALUE) {
      inv.con().err.print(text + " is not a valid number\n");
      rc[0] = ExitCode.USAGE;
      return null;
    }
    return n;
  }

  private static int create(Invocation inv, Session s, Request req) throws IOException {
    MetaArea area = s.area;
    MdGeometry g = MdGeometry.compute(inv.placement(), area.deviceBytes(), req.maxPeers,
        req.alStripes, req.alStripeSize4k);
    if (g.placement().isInternal() && g.bmOffsetBytes() < 0) {
      inv.con().err.print(inv.device() + " is only " + area.deviceBytes()
          + " bytes. That's not enough.\n");
      return ExitCode.BAD_VALUE;
    }
    if (s.relocated != null) {
      Integer moved = offerMove(inv, s, req);
      if (moved != null) {
        return moved;
      }
    }
    if (inv.format() == MdFormat.V09 && !s.loaded.valid()) {
      Superblock v08 = ConvertV08.probe(inv, area);
      Integer converted = v08 == null ? null : ConvertV08.run(inv, s, v08, req.maxPeers);
      if (converted != null) {
        return converted;
      }
    }
    Integer refused = s.loaded.valid() ? confirmOverwrite(inv, s, g) : null;
    if (refused != null) {
      return refused;
    }
    if (area.hasDataAtStart()) {
      inv.con().out.print("md_offset " + g.mdOffsetBytes() + "\nal_offset " + g.alOffsetBytes()
          + "\nbm_offset " + g.bmOffsetBytes() + "\n\nFound some data\n\n"
          + " ==> This might destroy existing data! <==\n");
      if (!inv.con().confirm("Do you want to proceed?")) {
        return canceled(inv);
      }
    }
    long bmBytes = Math.min(g.bmForDeviceClamped(), g.bmAreaBytes());
    inv.con().err.print("initializing bitmap (" + bmBytes / 1024 + " KB) to all zero\n");
    area.zeroBitmap(g, bmBytes);
    inv.con().out.print("initializing activity log\n");
    area.initActivityLog(g);
    inv.con().out.print("Writing meta data...\n");
    s.commit(inv, Superblock.fresh(inv.format(), g, req.peerMaxBioSize));
    inv.con().out.print("New drbd meta data block successfully created.\n");
    return ExitCode.OK;
  }

  /**
   * Meta data of a device that grew is still at its last-known position: drbdmeta 9.22 offers to
   * move it instead of creating new meta data, but not under --force (which creates), and never
   * together with new AL stripe options. Null to go on creating.
   */
  private static Integer offerMove(Invocation inv, Session s, Request req) throws IOException {
    Superblock old = s.relocated.superblock();
    boolean alGiven = inv.args().alStripes() != null || inv.args().alStripeSizeKb() != null;
    if (alGiven && (req.alStripes != old.alStripes() || req.alStripeSize4k != old.alStripeSize4k())) {
      inv.con().err.print(
          "Cannot move after offline resize and change AL-striping at the same time, yet.\n");
      return ExitCode.USAGE;
    }
    // (9.22's question carries an extra newline.)
    if (!inv.force() && inv.con().confirm("Move internal meta data from last-known position?\n")) {
      s.moveRelocated(inv);
      return ExitCode.OK;
    }
    return null;
  }

  /** Null to go on; otherwise the exit code after the user (or the AL restripe rule) said no. */
  private static Integer confirmOverwrite(Invocation inv, Session s, MdGeometry g) {
    Superblock old = s.loaded.superblock();
    boolean alChanged = old.alStripes() != g.alStripes() || old.alStripeSize4k() != g.alStripeSize4k();
    if (g.placement().isInternal()) {
      String v = inv.format().cliName();
      inv.con().err.print("You want me to create a " + v + " style flexible-size internal meta data block.\n"
          + "There appears to be a " + v + " flexible-size internal meta data block\n"
          + "already in place on " + inv.device() + " at byte offset " + s.area.superblockOffset() + "\n");
      if (alChanged) {
        // drbdmeta 9.22 cannot restripe in place either; it points to dump/restore.
        if (inv.con().confirm("Do you want to change the activity log stripe settings *only*?")) {
          inv.con().err.print("Sorry, not yet fully implemented\n"
              + "Try dump-md > dump.txt; restore-md -s x -z y dump.txt\n");
          return ExitCode.NOT_IMPLEMENTED;
        }
        // "no" to restriping only: 9.22 goes on to offer overwriting the whole meta data.
      }
      return inv.con().confirm("Do you really want to overwrite the existing meta-data?")
          ? null : cancelled(inv);
    }
    return inv.con().confirm("Valid meta data seems to be in place.\nDo you really want to overwrite?")
        ? null : cancelled(inv);
  }

  /**
   * 9.22's words (on stdout) after "no" to overwriting; after other questions it says
   * "canceled".
   */
  static int cancelled(Invocation inv) {
    inv.con().out.print("Operation cancelled.\n");
    return ExitCode.FAILED;
  }

  private static int canceled(Invocation inv) {
    inv.con().out.print("Operation canceled.\n");
    return ExitCode.FAILED;
  }
}
