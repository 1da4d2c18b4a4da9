package org.jdrbd.metadata;

import static org.jdrbd.metadata.MdLayout.BLOCK_BYTES;
import static org.jdrbd.metadata.MdLayout.BLOCK_SECTORS;
import static org.jdrbd.metadata.MdLayout.SECTOR_BYTES;

/**
 * Where the superblock, activity log and bitmap of one meta data area lie, computed exactly as
 * drbdmeta does from the device size, placement, max-peers and AL geometry (§4.5).
 *
 * @param placement       where the meta data lives
 * @param deviceBytes     size of the device holding the meta data
 * @param maxPeers        bitmap slots (v08: 1)
 * @param alStripes       AL stripes
 * @param alStripeSize4k  AL stripe size in 4 KiB blocks
 * @param mdOffsetBytes   absolute byte offset of the superblock
 * @param mdSizeSect      size of the whole meta data area in sectors
 * @param alOffsetSect    AL start relative to the superblock, sectors
 * @param bmOffsetSect    bitmap start relative to the superblock, sectors
 */
public record MdGeometry(
    Placement placement,
    long deviceBytes,
    int maxPeers,
    int alStripes,
    int alStripeSize4k,
    long mdOffsetBytes,
    long mdSizeSect,
    int alOffsetSect,
    int bmOffsetSect) {

  /** Computes the geometry for a fresh meta data area. */
  public static MdGeometry compute(
      Placement placement, long deviceBytes, int maxPeers, int alStripes, int alStripeSize4k) {
    if (maxPeers < 1 || maxPeers > MdLayout.MAX_PEERS_LIMIT || alStripes < 1 || alStripeSize4k < 1) {
      throw new IllegalArgumentException("bad geometry input");
    }
    int alSect = alSectors(alStripes, alStripeSize4k);
    switch (placement.kind()) {
      case INTERNAL:
      case FLEX_INTERNAL: {
        long mdOffset = MdLayout.alignDown(deviceBytes, BLOCK_BYTES) - BLOCK_BYTES;
        long bmBytes = MdLayout.bitmapBytes(deviceBytes / SECTOR_BYTES, maxPeers, MdLayout.BM_BYTES_PER_BIT);
        long mdSize = MdLayout.alignUp(bmBytes / SECTOR_BYTES, 8) + BLOCK_SECTORS + alSect;
        return new MdGeometry(placement, deviceBytes, maxPeers, alStripes, alStripeSize4k,
            mdOffset, mdSize, -alSect, (int) (-mdSize + BLOCK_SECTORS));
      }
      case FLEX_EXTERNAL:
        return new MdGeometry(placement, deviceBytes, maxPeers, alStripes, alStripeSize4k,
            0, deviceBytes / SECTOR_BYTES, BLOCK_SECTORS, BLOCK_SECTORS + alSect);
      default:
        return new MdGeometry(placement, deviceBytes, maxPeers, alStripes, alStripeSize4k,
            placement.index() * MdLayout.INDEXED_SLOT_BYTES, MdLayout.INDEXED_MD_SIZE_SECT,
            BLOCK_SECTORS, BLOCK_SECTORS + alSect);
    }
  }

  /** Byte offset of the superblock; depends only on placement and device size. */
  public static long superblockOffset(Placement placement, long deviceBytes) {
    switch (placement.kind()) {
      case INTERNAL:
      case FLEX_INTERNAL:
        return MdLayout.alignDown(deviceBytes, BLOCK_BYTES) - BLOCK_BYTES;
      case FLEX_EXTERNAL:
        return 0;
      default:
        return placement.index() * MdLayout.INDEXED_SLOT_BYTES;
    }
  }

  /** AL size in sectors for a stripe geometry. */
  public static int alSectors(int alStripes, int alStripeSize4k) {
    return alStripes * alStripeSize4k * BLOCK_SECTORS;
  }

  /** AL size in 4 KiB blocks. */
  public int alSize4k() {
    return alStripes * alStripeSize4k;
  }

  /** Absolute byte offset of the activity log. */
  public long alOffsetBytes() {
    return mdOffsetBytes + (long) alOffsetSect * SECTOR_BYTES;
  }

  /** Absolute byte offset of the bitmap. */
  public long bmOffsetBytes() {
    return mdOffsetBytes + (long) bmOffsetSect * SECTOR_BYTES;
  }

  /** Bytes available for the bitmap area. */
  public long bmAreaBytes() {
    if (placement.isInternal()) {
      return (long) (alOffsetSect - bmOffsetSect) * SECTOR_BYTES;
    }
    return (mdSizeSect - bmOffsetSect) * SECTOR_BYTES;
  }

  /** Bitmap bytes create-md zeroes: what the whole device needs, never beyond the bitmap area. */
  public long bmForDeviceClamped() {
    return Math.max(0, Math.min(bmBytesForDevice(), bmAreaBytes()));
  }

  /** Bitmap bytes the whole device needs (what create-md zeroes). */
  public long bmBytesForDevice() {
    return MdLayout.bitmapBytes(deviceBytes / SECTOR_BYTES, maxPeers, MdLayout.BM_BYTES_PER_BIT);
  }

  /**
   * Largest usable data size in sectors: internal meta data leaves everything before the bitmap;
   * external meta data is limited by how many 4 KiB blocks its bitmap area can describe.
   */
  public long usableSizeSect() {
    if (placement.isInternal()) {
      return bmOffsetBytes() / SECTOR_BYTES;
    }
    long bitsPerPeer = bmAreaBytes() * 8 / 64 / maxPeers * 64;
    return bitsPerPeer * (MdLayout.BM_BYTES_PER_BIT / SECTOR_BYTES);
  }

  /** True if the whole area lies within the device and offsets are sane. */
  public boolean fitsDevice() {
    if (mdOffsetBytes < 0 || mdOffsetBytes + BLOCK_BYTES > deviceBytes) {
      return false;
    }
    if (placement.isInternal()) {
      return bmOffsetBytes() >= 0;
    }
    return mdOffsetBytes + mdSizeSect * SECTOR_BYTES <= MdLayout.alignUp(deviceBytes, SECTOR_BYTES)
        && bmOffsetSect < mdSizeSect;
  }
}
