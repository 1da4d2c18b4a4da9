package org.jdrbd.drbdadm.meta;

import static org.jdrbd.metadata.MdFlags.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;

/** Commands that change UUIDs or flags: set-gi, outdate, invalidate, forget-peer, wipe-md. */
final class GiCommands {
  private GiCommands() {}

  /** Loads, lets {@code change} compute the new superblock (or an exit code), writes it. */
  private interface Change {
    /** Returns the superblock to write, or null with {@code rc[0]} set to the exit code. */
    Superblock apply(Superblock sb, int[] rc);
  }

  private static int modify(Invocation inv, Change change) {
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      if (!s.requireValid(inv, false)) {
        return ExitCode.FAILED;
      }
      int[] rc = {ExitCode.OK};
      Superblock next = change.apply(s.loaded.superblock(), rc);
      if (next == null) {
        return rc[0];
      }
      s.commit(inv, next);
      return ExitCode.OK;
    } catch (IOException e) {
      inv.con().err.print("write(" + inv.device() + ") failed: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  static int outdate(Invocation inv) {
    MetaCommands.warnExtra(inv, 0);
    return modify(inv, (sb, rc) -> {
      if (!sb.has(CONSISTENT)) {
        inv.con().err.print("Device is inconsistent.\n");
        rc[0] = ExitCode.INCONSISTENT;
        return null;
      }
      return sb.withFlags(sb.flags() & ~WAS_UP_TO_DATE);
    });
  }

  static int invalidate(Invocation inv) {
    MetaCommands.warnExtra(inv, 0);
    return modify(inv, (sb, rc) -> {
      int flags = sb.flags() & ~(CONSISTENT | WAS_UP_TO_DATE);
      if (sb.format() == MdFormat.V08) {
        return sb.withFlags(flags | FULL_SYNC_08);
      }
      List<PeerSlot> peers = new ArrayList<>();
      for (PeerSlot p : sb.peers()) {
        peers.add(p.withFlags(p.flags() | PEER_FULL_SYNC));
      }
      return sb.withFlags(flags).withPeers(peers);
    });
  }

  static int forgetPeer(Invocation inv) {
    if (inv.nodeId() < 0) {
      inv.con().err.print("The forget-peer command requires the --node-id option\n");
      return ExitCode.BAD_VALUE;
    }
    MetaCommands.warnExtra(inv, 0);
    return modify(inv, (sb, rc) -> {
      List<PeerSlot> peers = new ArrayList<>(sb.peers());
      int freed = peers.get(inv.nodeId()).bitmapIndex();
      // drbd-utils 9.22 always prints this (its search for a slot to move finds none, "-1"),
      // then frees the peer slot anyway; jdrbd says the same so scripts see identical output.
      inv.con().err.print("Copying bitmap slot -1 to " + freed + " not implemented.\n"
          + "Do it with dump-md, edit, restore-md\n");
      peers.set(inv.nodeId(), PeerSlot.EMPTY);
      return sb.withPeers(peers);
    });
  }

  static int setGi(Invocation inv) {
    if (inv.commandArgs().isEmpty()) {
      inv.con().err.print("Required Argument missing\n");
      return ExitCode.BAD_VALUE;
    }
    if (inv.format() == MdFormat.V09 && inv.nodeId() < 0) {
      inv.con().err.print("The set-gi command requires the --node-id option\n");
      return ExitCode.BAD_VALUE;
    }
    MetaCommands.warnExtra(inv, 1);
    int slot = Math.max(0, inv.nodeId());
    return modify(inv, (sb, rc) -> {
      Superblock next = SetGi.apply(sb, slot, inv.commandArgs().get(0));
      if (next == null) {
        inv.con().err.print("'(null)' is not a number.\n");
        rc[0] = ExitCode.BAD_VALUE;
        return null;
      }
      inv.con().out.print("previously " + GiText.line(sb, slot) + "\n");
      inv.con().out.print("set GI to  " + GiText.line(next, slot) + "\n");
      if (!inv.con().confirm("Write new GI to disk?")) {
        inv.con().out.print("Operation canceled.\n");
        rc[0] = ExitCode.OK; // drbd-utils 9.22 exits 0 here (and says so on stdout)
        return null;
      }
      return next;
    });
  }

  static int wipeMd(Invocation inv) {
    MetaCommands.warnExtra(inv, 0);
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      if (!s.loaded.valid()) {
        // drbd-utils 9.22 calls this success: there is nothing left to wipe.
        inv.con().err.print("There appears to be no drbd meta data to wipe out?\n");
        return ExitCode.OK;
      }
      if (!inv.con().confirm("Do you really want to wipe out the DRBD meta data?")) {
        return CreateMd.cancelled(inv);
      }
      inv.con().out.print("Wiping meta data...\n");
      s.area.wipeSuperblock();
      inv.lastKnown().delete(inv.con().err);
      inv.con().out.print("DRBD meta data block successfully wiped out.\n");
      return ExitCode.OK;
    } catch (IOException e) {
      inv.con().err.print("write(" + inv.device() + ") failed: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }
}
