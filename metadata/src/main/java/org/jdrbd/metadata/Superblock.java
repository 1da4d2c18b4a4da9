package org.jdrbd.metadata;

import java.util.List;

/**
 * Decoded meta data superblock, v08 or v09. For v08, {@code peers.get(0).bitmapUuid()} holds
 * uuid[1] and {@code history} has two entries; every other peer slot is empty.
 *
 * @param format          on-disk format
 * @param magic           raw magic (v08 may be MAGIC_84_UNCLEAN)
 * @param laSizeSect      last agreed size
 * @param currentUuid     current data generation UUID
 * @param deviceUuid      device UUID
 * @param flags           {@link MdFlags} local bits
 * @param mdSizeSect      area size
 * @param alOffsetSect    AL offset relative to the superblock
 * @param alNrExtents     informational al-extents
 * @param bmOffsetSect    bitmap offset relative to the superblock
 * @param bmBytesPerBit   bytes per bitmap bit
 * @param laPeerMaxBioSize last agreed peer max bio size
 * @param maxPeers        bitmap slots (v08: 1)
 * @param nodeId          own node id, -1 unknown (v08: -1)
 * @param alStripes       AL stripes
 * @param alStripeSize4k  AL stripe size in 4 KiB blocks
 * @param peers           32 peer slots
 * @param history         history UUIDs (v09: 32, v08: 2)
 */
public record Superblock(
    MdFormat format,
    int magic,
    long laSizeSect,
    long currentUuid,
    long deviceUuid,
    int flags,
    long mdSizeSect,
    int alOffsetSect,
    int alNrExtents,
    int bmOffsetSect,
    int bmBytesPerBit,
    int laPeerMaxBioSize,
    int maxPeers,
    int nodeId,
    int alStripes,
    int alStripeSize4k,
    List<PeerSlot> peers,
    List<Long> history) {

  public Superblock {
    peers = List.copyOf(peers);
    history = List.copyOf(history);
    if (peers.size() != MdLayout.PEER_SLOTS) {
      throw new IllegalArgumentException("need " + MdLayout.PEER_SLOTS + " peer slots");
    }
    int wantHistory = format == MdFormat.V09 ? MdLayout.HISTORY_UUIDS_09 : MdLayout.HISTORY_UUIDS_08;
    if (history.size() != wantHistory) {
      throw new IllegalArgumentException("need " + wantHistory + " history UUIDs");
    }
  }

  /** The superblock create-md writes for a geometry. */
  public static Superblock fresh(MdFormat format, MdGeometry g, int laPeerMaxBioSize) {
    int nHistory = format == MdFormat.V09 ? MdLayout.HISTORY_UUIDS_09 : MdLayout.HISTORY_UUIDS_08;
    return new Superblock(format, format.magic(), 0, MdLayout.UUID_JUST_CREATED, 0, MdFlags.AL_CLEAN,
        g.mdSizeSect(), g.alOffsetSect(), MdLayout.AL_NR_EXTENTS_DEFAULT, g.bmOffsetSect(),
        MdLayout.BM_BYTES_PER_BIT, laPeerMaxBioSize, g.maxPeers(), -1, g.alStripes(),
        g.alStripeSize4k(), java.util.Collections.nCopies(MdLayout.PEER_SLOTS, PeerSlot.EMPTY),
        java.util.Collections.nCopies(nHistory, 0L));
  }

  /** Bitmap UUID (v08 uuid[1]) of a peer slot. */
  public long bitmapUuid(int slot) {
    return peers.get(slot).bitmapUuid();
  }

  /** True when flags has every bit of mask. */
  public boolean has(int mask) {
    return MdFlags.has(flags, mask);
  }

  /** Clean: AL applied and not the 8.4 "unclean" magic. */
  public boolean isClean() {
    return magic != MdLayout.MAGIC_84_UNCLEAN && has(MdFlags.AL_CLEAN);
  }

  public Superblock withFlags(int newFlags) {
    return new Superblock(format, magic, laSizeSect, currentUuid, deviceUuid, newFlags, mdSizeSect,
        alOffsetSect, alNrExtents, bmOffsetSect, bmBytesPerBit, laPeerMaxBioSize, maxPeers, nodeId,
        alStripes, alStripeSize4k, peers, history);
  }

  public Superblock withMagic(int newMagic) {
    return new Superblock(format, newMagic, laSizeSect, currentUuid, deviceUuid, flags, mdSizeSect,
        alOffsetSect, alNrExtents, bmOffsetSect, bmBytesPerBit, laPeerMaxBioSize, maxPeers, nodeId,
        alStripes, alStripeSize4k, peers, history);
  }

  public Superblock withUuids(long current, List<PeerSlot> newPeers, List<Long> newHistory) {
    return new Superblock(format, magic, laSizeSect, current, deviceUuid, flags, mdSizeSect,
        alOffsetSect, alNrExtents, bmOffsetSect, bmBytesPerBit, laPeerMaxBioSize, maxPeers, nodeId,
        alStripes, alStripeSize4k, newPeers, newHistory);
  }

  public Superblock withPeers(List<PeerSlot> newPeers) {
    return withUuids(currentUuid, newPeers, history);
  }

  public Superblock withLaSizeSect(long newLaSizeSect) {
    return new Superblock(format, magic, newLaSizeSect, currentUuid, deviceUuid, flags, mdSizeSect,
        alOffsetSect, alNrExtents, bmOffsetSect, bmBytesPerBit, laPeerMaxBioSize, maxPeers, nodeId,
        alStripes, alStripeSize4k, peers, history);
  }

  public Superblock withGeometry(MdGeometry g) {
    return new Superblock(format, magic, laSizeSect, currentUuid, deviceUuid, flags, g.mdSizeSect(),
        g.alOffsetSect(), alNrExtents, g.bmOffsetSect(), bmBytesPerBit, laPeerMaxBioSize, maxPeers,
        nodeId, alStripes, alStripeSize4k, peers, history);
  }

  /** Geometry recorded in this superblock at a given superblock offset. */
  public MdGeometry recordedGeometry(Placement placement, long deviceBytes, long mdOffsetBytes) {
    return new MdGeometry(placement, deviceBytes, maxPeers, alStripes, alStripeSize4k, mdOffsetBytes,
        mdSizeSect, alOffsetSect, bmOffsetSect);
  }
}
