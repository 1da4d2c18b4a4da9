package org.jdrbd.metadata;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The meta data area of one device: reads and validates the superblock, and performs every
 * write as prepare → commit. Bitmap and AL contents are written and synced first; the 4 KiB
 * superblock, written in one aligned write followed by fdatasync, is the commit point.
 */
public final class MetaArea implements Closeable {
  private static final int ZERO_CHUNK_BYTES = 1 << 20;

  private final BlockIo io;
  private final MdFormat format;
  private final Placement placement;
  private final long deviceBytes;

  private MetaArea(BlockIo io, MdFormat format, Placement placement) throws IOException {
    this.io = io;
    this.format = format;
    this.placement = placement;
    this.deviceBytes = io.sizeBytes();
  }

  /** Opens a file or block device. */
  public static MetaArea open(Path device, boolean writable, MdFormat format, Placement placement)
      throws IOException {
    return on(FileBlockIo.open(device, writable), format, placement);
  }

  /** Wraps an already open device (tests use this to inject crashes). */
  public static MetaArea on(BlockIo io, MdFormat format, Placement placement) throws IOException {
    return new MetaArea(io, format, placement);
  }

  /**
   * A superblock as read.
   *
   * @param superblock decoded block, null when the magic is not this format's
   * @param check      validation outcome (messages to print even when valid)
   * @param geometry   the geometry the superblock describes at its location, null if no superblock
   */
  public record Loaded(Superblock superblock, SuperblockCheck.Result check, MdGeometry geometry) {
    /** True when the meta data may be used. */
    public boolean valid() {
      return superblock != null && check.valid();
    }
  }

  public long deviceBytes() {
    return deviceBytes;
  }

  public MdFormat format() {
    return format;
  }

  public Placement placement() {
    return placement;
  }

  public BlockIo io() {
    return io;
  }

  /** Byte offset of the superblock for this device and placement. */
  public long superblockOffset() {
    return MdGeometry.superblockOffset(placement, deviceBytes);
  }

  /** True when the superblock location lies inside the device. */
  public boolean superblockInsideDevice() {
    long off = superblockOffset();
    return off >= 0 && off + MdLayout.BLOCK_BYTES <= deviceBytes;
  }

  /** Reads, decodes and validates the superblock. */
  public Loaded load() throws IOException {
    return loadAssuming(deviceBytes);
  }

  /**
   * Reads and validates the superblock where it would be if the device were {@code assumedBytes}
   * long: internal meta data of a device that grew while DRBD was down is still where the old
   * size put it. Not found when that place is not inside the device.
   */
  public Loaded loadAssuming(long assumedBytes) throws IOException {
    long offset = MdGeometry.superblockOffset(placement, assumedBytes);
    if (offset < 0 || offset + MdLayout.BLOCK_BYTES > deviceBytes) {
      return new Loaded(null, new SuperblockCheck.Result(false, java.util.List.of()), null);
    }
    ByteBuffer block = ByteBuffer.allocate(MdLayout.BLOCK_BYTES);
    io.read(offset, block);
    block.flip();
    Superblock sb = SuperblockCodec.decode(block, format);
    SuperblockCheck.Result r = SuperblockCheck.check(sb, placement, assumedBytes);
    if (sb.magic() != format.magic() && sb.magic() != MdLayout.MAGIC_84_UNCLEAN) {
      return new Loaded(null, r, null);
    }
    MdGeometry g = sb.recordedGeometry(placement, assumedBytes, offset);
    return new Loaded(sb, r, g);
  }

  /**
   * The commit point: validates {@code sb} as drbdmeta would after reading it back, then writes it
   * as one aligned 4 KiB block and fdatasyncs.
   *
   * @throws IllegalStateException if {@code sb} would not pass validation (a programmer error)
   */
  public void writeSuperblock(Superblock sb) throws IOException {
    SuperblockCheck.Result r = SuperblockCheck.check(sb, placement, deviceBytes);
    if (!r.valid() || sb.format() != format || !superblockInsideDevice()) {
      throw new IllegalStateException("refusing to write invalid superblock: " + r.messages());
    }
    io.write(superblockOffset(), SuperblockCodec.encode(sb));
    io.sync();
  }

  /** Overwrites the superblock with zeros (wipe-md) and syncs. */
  public void wipeSuperblock() throws IOException {
    io.write(superblockOffset(), ByteBuffer.allocate(MdLayout.BLOCK_BYTES));
    io.sync();
  }

  /**
   * Fresh meta data as create-md writes it for this area's placement: the zeroed bitmap and the
   * initialized activity log are durable before the superblock that refers to them is written.
   *
   * @return the geometry the meta data was laid out with
   */
  public MdGeometry createFresh(int maxPeers, int alStripes, int alStripeSize4k,
      int peerMaxBioSize) throws IOException {
    MdGeometry g = MdGeometry.compute(placement, deviceBytes, maxPeers, alStripes, alStripeSize4k);
    zeroBitmap(g, g.bmForDeviceClamped());
    initActivityLog(g);
    writeSuperblock(Superblock.fresh(format, g, peerMaxBioSize));
    return g;
  }

  /** Zeroes {@code bytes} of bitmap from the bitmap start and syncs. */
  public void zeroBitmap(MdGeometry g, long bytes) throws IOException {
    ByteBuffer zeros = ByteBuffer.allocateDirect(ZERO_CHUNK_BYTES);
    long done = 0;
    while (done < bytes) {
      int n = (int) Math.min(ZERO_CHUNK_BYTES, bytes - done);
      zeros.clear().limit(n);
      io.write(g.bmOffsetBytes() + done, zeros);
      done += n;
    }
    io.sync();
  }

  /** Writes every AL block as "initialized" and syncs. */
  public void initActivityLog(MdGeometry g) throws IOException {
    ByteBuffer block = AlTransaction.initialized().encode();
    for (int i = 0; i < g.alSize4k(); i++) {
      io.write(g.alOffsetBytes() + (long) i * MdLayout.BLOCK_BYTES, block.duplicate());
    }
    io.sync();
  }

  /** Reads AL block {@code index} (physical order). */
  public ByteBuffer readAlBlock(MdGeometry g, int index) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(MdLayout.BLOCK_BYTES);
    io.read(g.alOffsetBytes() + (long) index * MdLayout.BLOCK_BYTES, b);
    return b.flip();
  }

  /** Read-only view of {@code bytes} of bitmap; never copied onto the heap. */
  public ByteBuffer mapBitmap(MdGeometry g, long bytes, FileChannel.MapMode mode) throws IOException {
    if (bytes == 0) {
      return ByteBuffer.allocate(0);
    }
    return io.map(mode, g.bmOffsetBytes(), bytes);
  }

  /** True when the first 68 KiB of the device hold anything but zeros (create-md's warning). */
  public boolean hasDataAtStart() throws IOException {
    int n = (int) Math.min(MdLayout.EXISTING_DATA_PROBE_BYTES, deviceBytes);
    ByteBuffer b = ByteBuffer.allocate(n);
    io.read(0, b);
    for (byte x : b.array()) {
      if (x != 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    io.close();
  }
}
