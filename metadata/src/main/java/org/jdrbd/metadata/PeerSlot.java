package org.jdrbd.metadata;

/**
 * One v09 per-peer slot of the superblock.
 *
 * @param bitmapUuid   generation at which this peer's bitmap started tracking
 * @param bitmapDagtag dagtag of that generation
 * @param flags        {@link MdFlags} PEER_* bits
 * @param bitmapIndex  bitmap slot this peer uses, -1 for none
 */
public record PeerSlot(long bitmapUuid, long bitmapDagtag, int flags, int bitmapIndex) {
  /** The slot create-md writes. */
  public static final PeerSlot EMPTY = new PeerSlot(0, 0, 0, -1);

  public PeerSlot withFlags(int newFlags) {
    return new PeerSlot(bitmapUuid, bitmapDagtag, newFlags, bitmapIndex);
  }

  public PeerSlot withBitmapUuid(long uuid) {
    return new PeerSlot(uuid, bitmapDagtag, flags, bitmapIndex);
  }
}
