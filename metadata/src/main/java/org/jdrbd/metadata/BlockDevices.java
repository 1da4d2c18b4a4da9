package org.jdrbd.metadata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.byref.IntByReference;
import jnr.ffi.byref.LongLongByReference;

/**
 * Block device facts the JDK cannot give: size (ioctl BLKGETSIZE64), logical sector size
 * (BLKSSZGET), and fdatasync on a raw descriptor, through JNR-FFI. The native library is loaded
 * only when a block device is actually used, so regular files never need it.
 */
public final class BlockDevices {
  private BlockDevices() {}

  /** Linux _IOR(0x12, 114, size_t). */
  static final long BLKGETSIZE64 = 0x80081272L;
  /** Linux _IO(0x12, 104). */
  static final long BLKSSZGET = 0x1268L;
  private static final int O_RDONLY = 0;
  private static final int S_IFMT = 0170000;
  private static final int S_IFBLK = 0060000;

  /** The libc calls used; ioctl is variadic in C but its third argument here is a pointer. */
  public interface LibC {
    int open(String path, int flags);

    int close(int fd);

    int ioctl(int fd, long request, LongLongByReference out);

    int ioctl(int fd, long request, IntByReference out);

    int fdatasync(int fd);
  }

  private static final class Holder {
    static final LibC LIBC = LibraryLoader.create(LibC.class).load("c");
  }

  /** True when {@code path} is a block device node. */
  public static boolean isBlockDevice(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode");
    return mode instanceof Integer && (((Integer) mode) & S_IFMT) == S_IFBLK;
  }

  /** Size of a block device in bytes. */
  public static long sizeBytes(Path device) throws IOException {
    int fd = openReadOnly(device);
    try {
      LongLongByReference out = new LongLongByReference();
      if (Holder.LIBC.ioctl(fd, BLKGETSIZE64, out) != 0) {
        throw new IOException("ioctl(" + device + ", BLKGETSIZE64) failed");
      }
      return out.longValue();
    } finally {
      Holder.LIBC.close(fd);
    }
  }

  /** Logical sector size of a block device; 512 for anything that is not one. */
  public static int logicalSectorBytes(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !isBlockDevice(path)) {
      return 512;
    }
    int fd = openReadOnly(path);
    try {
      IntByReference out = new IntByReference();
      return Holder.LIBC.ioctl(fd, BLKSSZGET, out) == 0 ? out.intValue() : 512;
    } finally {
      Holder.LIBC.close(fd);
    }
  }

  /** fdatasync(2) on the file behind {@code path}; for callers outside a FileChannel. */
  public static void fdatasync(Path path) throws IOException {
    int fd = openReadOnly(path);
    try {
      if (Holder.LIBC.fdatasync(fd) != 0) {
        throw new IOException("fdatasync(" + path + ") failed");
      }
    } finally {
      Holder.LIBC.close(fd);
    }
  }

  private static int openReadOnly(Path path) throws IOException {
    int fd = Holder.LIBC.open(path.toString(), O_RDONLY);
    if (fd < 0) {
      throw new IOException("open(" + path + ") failed");
    }
    return fd;
  }
}
