package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/**
 * check-resize, as drbd-utils 9.22 does it (observed on file-backed devices): after an offline
 * grow, internal meta data still sits where the last-known size put it; this moves it to where
 * the current size puts it and records the new size. Otherwise it only keeps the last-known
 * device file current:
 * <ul>
 *   <li>no valid meta data anywhere: "no suitable meta data found :(" (internal) or "Operation
 *       only supported for >= v8 internal meta data" (external), exit 1;
 *   <li>valid, but no last-known device file: exit 1 without a word (the file is never created
 *       here; any command that writes meta data creates it); an unreadable file: "parse error",
 *       exit 1;
 *   <li>valid internal meta data: the file is rewritten when its size or UUID differs, exit 0;
 *   <li>valid external meta data: the file is removed (it only describes internal meta data),
 *       exit 0.
 * </ul>
 */
final class CheckResize {
  private CheckResize() {}

  static int run(Invocation inv) {
    MetaCommands.warnExtra(inv, 0);
    try (Session s = Session.open(inv, true)) {
      if (s.failed()) {
        return s.failure;
      }
      if (s.relocated != null) {
        s.moveRelocated(inv);
        return ExitCode.OK;
      }
      if (!s.loaded.valid()) {
        inv.con().err.print(inv.placement().isInternal() ? "no suitable meta data found :(\n"
            : "Operation only supported for >= v8 internal meta data\n");
        return ExitCode.FAILED;
      }
      return refresh(inv, s.area, s.loaded.superblock());
    } catch (IOException e) {
      inv.con().err.print("check-resize: " + e.getMessage() + "\n");
      return ExitCode.USAGE;
    }
  }

  private static int refresh(Invocation inv, MetaArea area, Superblock sb) {
    LastKnownDevice lk = inv.lastKnown();
    if (!(lk.load(inv.con().err) instanceof LastKnownDevice.Info info)) {
      return ExitCode.FAILED;
    }
    if (!inv.placement().isInternal()) {
      lk.delete(inv.con().err);
      return ExitCode.OK;
    }
    if (info.sizeBytes() != area.deviceBytes() || info.uuid() != sb.deviceUuid()) {
      lk.save(area.deviceBytes(), inv.device().toString(), sb.deviceUuid(), inv.con().err);
    }
    return ExitCode.OK;
  }
}
