package org.jdrbd.drbdadm.meta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import org.jdrbd.metadata.MetaArea;

/** An opened meta data device plus its superblock as read, or the exit code why not. */
final class Session implements AutoCloseable {
  final MetaArea area;
  final MetaArea.Loaded loaded;
  final int failure;

  private Session(MetaArea area, MetaArea.Loaded loaded, int failure) {
    this.area = area;
    this.loaded = loaded;
    this.failure = failure;
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
      return new Session(null, null, ExitCode.USAGE);
    }
    if (Files.isRegularFile(inv.device()) && !inv.force()) {
      inv.con().err.print("'" + path + "' is not a block device!\n");
      return new Session(null, null, ExitCode.USAGE);
    }
    MetaArea area;
    try {
      area = MetaArea.open(inv.device(), writable, inv.format(), inv.placement());
    } catch (NoSuchFileException e) {
      inv.con().err.print("open(" + path + ") failed: No such file or directory\n");
      return new Session(null, null, ExitCode.USAGE);
    } catch (AccessDeniedException e) {
      inv.con().err.print("open(" + path + ") failed: Permission denied\n");
      return new Session(null, null, ExitCode.USAGE);
    } catch (IOException e) {
      inv.con().err.print("open(" + path + ") failed: " + e.getMessage() + "\n");
      return new Session(null, null, ExitCode.USAGE);
    }
    String tooSmall = tooSmall(area, path);
    if (tooSmall != null) {
      inv.con().err.print(tooSmall);
      closeQuietly(area);
      return new Session(null, null, ExitCode.BAD_VALUE);
    }
    try {
      MetaArea.Loaded l = area.load();
      for (String m : l.check().messages()) {
        inv.con().err.print(m + "\n");
      }
      return new Session(area, l, ExitCode.OK);
    } catch (IOException e) {
      inv.con().err.print("read(" + path + ") failed: " + e.getMessage() + "\n");
      closeQuietly(area);
      return new Session(null, null, ExitCode.USAGE);
    }
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
