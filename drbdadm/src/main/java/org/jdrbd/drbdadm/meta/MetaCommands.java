package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/** The command table and the read-only commands (dump-md, get-gi, show-gi, dstate). */
final class MetaCommands {
  private MetaCommands() {}

  static Map<String, MetaCommand> all() {
    Map<String, MetaCommand> m = new LinkedHashMap<>();
    m.put("dump-md", MetaCommands::dumpMd);
    m.put("get-gi", inv -> gi(inv, false));
    m.put("show-gi", inv -> gi(inv, true));
    m.put("dstate", MetaCommands::dstate);
    m.put("set-gi", GiCommands::setGi);
    m.put("outdate", GiCommands::outdate);
    m.put("invalidate", GiCommands::invalidate);
    m.put("wipe-md", GiCommands::wipeMd);
    m.put("forget-peer", GiCommands::forgetPeer);
    m.put("create-md", CreateMd::run);
    m.put("check-resize", CheckResize::run);
    m.put("apply-al", ApplyAlCommand::run);
    m.put("restore-md", RestoreMd::restoreMd);
    m.put("verify-dump", RestoreMd::verifyDump);
    return m;
  }

  /** drbdmeta warns about and ignores surplus arguments of most commands. */
  static void warnExtra(Invocation inv, int allowed) {
    if (inv.commandArgs().size() > allowed) {
      inv.con().err.print("Ignoring additional arguments\n");
    }
  }

  private static int dumpMd(Invocation inv) {
    warnExtra(inv, 0);
    try (Session s = Session.open(inv, false)) {
      if (s.failed()) {
        return s.failure;
      }
      MetaArea.Loaded md = s.loaded;
      String moved = null;
      if (!md.valid() && s.relocated != null) {
        md = s.relocated;
        moved = relocationNote(inv, s);
      } else if (!s.requireValid(inv, true)) {
        return ExitCode.FAILED;
      }
      Superblock sb = md.superblock();
      boolean unclean = !sb.isClean();
      if (unclean) {
        inv.con().err.print("Found meta data is \"unclean\", please apply-al first\n");
        if (!inv.force()) {
          return ExitCode.FAILED;
        }
      }
      MdGeometry g = md.geometry();
      long bmBytes = Math.min(MdLayout.bitmapBytes(sb.laSizeSect(), sb.maxPeers(),
          MdLayout.BM_BYTES_PER_BIT), Math.max(0, g.bmAreaBytes()));
      ByteBuffer bm = s.area.mapBitmap(g, bmBytes, FileChannel.MapMode.READ_ONLY);
      String text = DumpMdText.header(ZonedDateTime.now(), hostName(), inv.commandLine())
          + DumpMdText.body(sb, g, bm, bmBytes, unclean, moved);
      inv.con().out.print(text);
      return ExitCode.OK;
    } catch (IOException | UncheckedIOException e) {
      inv.con().err.print("dump-md: " + e.getMessage() + "\n");
      return ExitCode.FAILED;
    }
  }

  /**
   * The lines drbdmeta 9.22 adds to a dump of meta data found at the last-known position of a
   * device that grew (its "expected" AL and bitmap offsets always read 0).
   */
  private static String relocationNote(Invocation inv, Session s) {
    String dev = inv.device().toString();
    return "#\n### Device seems to have been resized!\n"
        + "### dumping meta data from the last known position\n"
        + "### current size of " + dev + ": " + s.area.deviceBytes() + " byte\n"
        + "### expected position of meta data:\n"
        + "## md_offset " + s.area.superblockOffset() + "\n## al_offset 0\n## bm_offset 0\n"
        + "### last known size of " + s.lastKnown.path() + ": "
        + Long.toUnsignedString(s.lastKnown.sizeBytes()) + " byte\n"
        + "### adjusted position of meta data:\n";
  }

  /** drbdmeta's v09 get-gi/show-gi need a peer slot. */
  static boolean needNodeId(Invocation inv) {
    if (inv.format() == MdFormat.V09 && inv.nodeId() < 0) {
      inv.con().err.print("The " + inv.command() + " command requires the --node-id option\n");
      return true;
    }
    return false;
  }

  private static int gi(Invocation inv, boolean show) {
    if (needNodeId(inv)) {
      return ExitCode.BAD_VALUE;
    }
    warnExtra(inv, 0);
    try (Session s = Session.open(inv, false)) {
      if (s.failed()) {
        return s.failure;
      }
      if (!s.requireValid(inv, false)) {
        return ExitCode.FAILED;
      }
      int slot = inv.format() == MdFormat.V09 ? inv.nodeId() : 0;
      Superblock sb = s.loaded.superblock();
      inv.con().out.print(show ? GiText.showGi(sb, slot) : GiText.getGi(sb, slot));
      return ExitCode.OK;
    }
  }

  private static int dstate(Invocation inv) {
    warnExtra(inv, 0);
    try (Session s = Session.open(inv, false)) {
      if (s.failed()) {
        return s.failure;
      }
      if (!s.requireValid(inv, true)) {
        return ExitCode.FAILED;
      }
      inv.con().out.print(GiText.dstate(s.loaded.superblock()) + "\n");
      return ExitCode.OK;
    }
  }

  /** The kernel's node name, as gethostname(2) returns it (not a resolved FQDN). */
  static String hostName() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException e) {
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (IOException e2) {
        return "localhost";
      }
    }
  }
}
