package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import org.jdrbd.metadata.InternalMove;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Superblock;

/**
 * An opened meta data device plus its superblock as read, or the exit code why not. For
 * internal meta data that is not where the device's size puts it, the last-known device file
 * is consulted as drbdmeta does: meta data still valid where the last-known size put it is
 * {@link #relocated} (dump-md shows it, check-resize and apply-al move it, create-md may).
 */
final class Session implements AutoCloseable {
  final MetaArea area;
  final MetaArea.Loaded loaded;
  final int failure;
  /** Valid meta data at the last-known position, or null. */
  final MetaArea.Loaded relocated;
  /** The last-known device file's record (when {@link #relocated} is set). */
  final LastKnownDevice.Info lastKnown;

  private Session(MetaArea area, MetaArea.Loaded loaded, int failure, MetaArea.Loaded relocated,
      LastKnownDevice.Info lastKnown) {
    this.area = area;
    this.loaded = loaded;
    this.failure = failure;
    this.relocated = relocated;
    this.lastKnown = lastKnown;
  }

  private static Session failed(int rc) {
    return new Session(null, null, rc, null, null);
  }

  boolean failed() {
    return failure != ExitCode.OK;
  }

  /**
   * Opens the device of {@code inv} and reads its superblock, printing what drbdmeta prints on
   * the way (validation messages). Regular files need --force, like drbdmeta.
   */
  static Session open(Invocation inv, boolean writable) {
    String path = inv.device().toString();
    if (!Files.exists(inv.device())) {
      inv.con().err.print("open(" + path + ") failed: No such file or directory\n");
      return failed(ExitCode.USAGE);
    }
    if (Files.isRegularFile(inv.device()) && !inv.force()) {
      inv.con().err.print("'" + path + "' is not a block device!\n");
      return failed(ExitCode.USAGE);
    }
    MetaArea area;
    try {
      area = MetaArea.open(inv.device(), writable, inv.format(), inv.placement());
    } catch (NoSuchFileException e) {
      inv.con().err.print("open(" + path + ") failed: No such file or directory\n");
      return failed(ExitCode.USAGE);
    } catch (AccessDeniedException e) {
      inv.con().err.print("open(" + path + ") failed: Permission denied\n");
      return failed(ExitCode.USAGE);
    } catch (IOException e) {
      inv.con().err.print("open(" + path + ") failed: " + e.getMessage() + "\n");
      return failed(ExitCode.USAGE);
    }
    String tooSmall = tooSmall(area, path);
    if (tooSmall != null) {
      inv.con().err.print(tooSmall);
      closeQuietly(area);
      return failed(ExitCode.BAD_VALUE);
    }
    try {
      MetaArea.Loaded l = area.load();
      for (String m : l.check().messages()) {
        inv.con().err.print(m + "\n");
      }
      if (l.valid() || !inv.placement().isInternal()) {
        return new Session(area, l, ExitCode.OK, null, null);
      }
      return lookAtLastKnown(inv, area, l);
    } catch (IOException e) {
      inv.con().err.print("read(" + path + ") failed: " + e.getMessage() + "\n");
      closeQuietly(area);
      return failed(ExitCode.USAGE);
    }
  }

  /** No valid internal meta data where it belongs: was it valid before the device grew? */
  private static Session lookAtLastKnown(Invocation inv, MetaArea area, MetaArea.Loaded l)
      throws IOException {
    LastKnownDevice.Load lk = inv.lastKnown().load(inv.con().err);
    if (!(lk instanceof LastKnownDevice.Info info) || info.sizeBytes() == area.deviceBytes()) {
      return new Session(area, l, ExitCode.OK, null, null);
    }
    MetaArea.Loaded old = area.loadAssuming(info.sizeBytes());
    if (!old.valid() || !hasActivityLog(old.superblock())) {
      return new Session(area, l, ExitCode.OK, null, null);
    }
    // 9.22 compares the recorded UUID with one it never reads from the meta data (always 0), so
    // any recorded UUID "differs"; jdrbd does the same so both tools agree on when to move.
    long found = 0;
    if (info.uuid() != found) {
      inv.con().err.print("Last known and found uuid differ!?\n"
          + String.format("%016X != %016X\n", info.uuid(), found));
      if (!inv.force()) {
        inv.con().err.print("You may --force me to ignore that.\n");
        return new Session(area, l, ExitCode.OK, null, null);
      }
      inv.con().err.print("You --force'ed me to ignore that.\n");
    }
    return new Session(area, l, ExitCode.OK, old, info);
  }

  /** 9.22 may write an empty AL geometry (restore-md); such meta data cannot be moved. */
  static boolean hasActivityLog(Superblock sb) {
    return sb.alStripes() > 0 && sb.alStripeSize4k() > 0;
  }

  /** drbdmeta's refusal for devices that cannot hold meta data at all; null when fine. */
  private static String tooSmall(MetaArea area, String path) {
    long size = area.deviceBytes();
    if (size < org.jdrbd.metadata.MdLayout.EXISTING_DATA_PROBE_BYTES) {
      return path + " is only " + size + " bytes. That's not enough.\n";
    }
    if (!area.superblockInsideDevice()) {
      return "Device too small: expecting meta data block at\nbyte offset " + area.superblockOffset()
          + ", but " + path + " is only " + size + " bytes.\n";
    }
    return null;
  }

  /** True when the meta data is usable; otherwise prints drbdmeta's complaint if {@code say}. */
  boolean requireValid(Invocation inv, boolean say) {
    if (loaded.valid()) {
      return true;
    }
    if (say) {
      inv.con().err.print("No valid meta data found\n");
    }
    return false;
  }

  /**
   * Writes {@code sb} (the commit point) and then records the device in the last-known device
   * file as drbdmeta does: its size and UUID for internal meta data; for external meta data the
   * file is removed.
   */
  void commit(Invocation inv, Superblock sb) throws IOException {
    area.writeSuperblock(sb);
    remember(inv, sb);
  }

  /** The last-known device file after meta data {@code sb} was written. */
  void remember(Invocation inv, Superblock sb) {
    if (inv.placement().isInternal()) {
      inv.lastKnown().save(area.deviceBytes(), inv.device().toString(), sb.deviceUuid(),
          inv.con().err);
    } else {
      inv.lastKnown().delete(inv.con().err);
    }
  }

  /**
   * Moves {@link #relocated} meta data to where the device's size puts it, saying what drbdmeta
   * says, and records the new size.
   *
   * @return the moved meta data
   */
  MetaArea.Loaded moveRelocated(Invocation inv) throws IOException {
    inv.con().err.print("Moving the internal meta data to its proper location\n");
    inv.con().err.flush();
    MetaArea.Loaded moved = InternalMove.move(area, relocated);
    remember(inv, moved.superblock());
    inv.con().out.print("Internal drbd meta data successfully moved.\n");
    return moved;
  }

  @Override
  public void close() {
    closeQuietly(area);
  }

  private static void closeQuietly(MetaArea a) {
    if (a == null) {
      return;
    }
    try {
      a.close();
    } catch (IOException e) {
      // Nothing useful to do: every write that mattered was already synced.
    }
  }
}
