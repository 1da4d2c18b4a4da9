package org.jdrbd.metadata;

import static org.jdrbd.metadata.MdLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** Big-endian encoding of v08/v09 superblocks into exactly one 4 KiB block. */
public final class SuperblockCodec {
  private SuperblockCodec() {}

  /** Reads the magic of a raw block. */
  public static int magicOf(ByteBuffer block) {
    return block.order(ByteOrder.BIG_ENDIAN).getInt(OFF_MAGIC);
  }

  /** Decodes a raw 4 KiB block as {@code format}; no validation here. */
  public static Superblock decode(ByteBuffer block, MdFormat format) {
    ByteBuffer b = block.duplicate().order(ByteOrder.BIG_ENDIAN);
    if (b.remaining() < BLOCK_BYTES) {
      throw new IllegalArgumentException("superblock needs 4096 bytes");
    }
    int base = b.position();
    List<PeerSlot> peers = new ArrayList<>(PEER_SLOTS);
    List<Long> history = new ArrayList<>();
    int maxPeers;
    int nodeId;
    int stripes;
    int stripeSize;
    long deviceUuid;
    if (format == MdFormat.V09) {
      maxPeers = b.getInt(base + OFF09_MAX_PEERS);
      nodeId = b.getInt(base + OFF09_NODE_ID);
      stripes = b.getInt(base + OFF09_AL_STRIPES);
      stripeSize = b.getInt(base + OFF09_AL_STRIPE_SIZE_4K);
      deviceUuid = b.getLong(base + OFF09_DEVICE_UUID);
      for (int i = 0; i < PEER_SLOTS; i++) {
        int p = base + OFF09_PEERS + i * PEER_SLOT_BYTES;
        peers.add(new PeerSlot(b.getLong(p + PEER_OFF_BITMAP_UUID), b.getLong(p + PEER_OFF_DAGTAG),
            b.getInt(p + PEER_OFF_FLAGS), b.getInt(p + PEER_OFF_BITMAP_INDEX)));
      }
      for (int i = 0; i < HISTORY_UUIDS_09; i++) {
        history.add(b.getLong(base + OFF09_HISTORY + 8 * i));
      }
    } else {
      maxPeers = 1;
      nodeId = -1;
      stripes = b.getInt(base + OFF08_AL_STRIPES);
      stripeSize = b.getInt(base + OFF08_AL_STRIPE_SIZE_4K);
      deviceUuid = b.getLong(base + OFF08_DEVICE_UUID);
      peers.add(new PeerSlot(b.getLong(base + OFF08_BITMAP_UUID), 0, 0, 0));
      for (int i = 1; i < PEER_SLOTS; i++) {
        peers.add(PeerSlot.EMPTY);
      }
      for (int i = 0; i < HISTORY_UUIDS_08; i++) {
        history.add(b.getLong(base + OFF08_HISTORY + 8 * i));
      }
    }
    if (format == MdFormat.V08) {
      // Older v08 writers left the AL geometry zero: that means the classic 1 x 32 KiB AL.
      // drbdmeta does not apply this default to v09 (a zero there fails the al_offset check).
      stripes = stripes == 0 ? AL_STRIPES_DEFAULT : stripes;
      stripeSize = stripeSize == 0 ? AL_STRIPE_SIZE_4K_DEFAULT : stripeSize;
    }
    return new Superblock(format, b.getInt(base + OFF_MAGIC), b.getLong(base + OFF_LA_SIZE),
        b.getLong(base + OFF_CURRENT_UUID), deviceUuid, b.getInt(base + OFF_FLAGS),
        Integer.toUnsignedLong(b.getInt(base + OFF_MD_SIZE_SECT)), b.getInt(base + OFF_AL_OFFSET),
        b.getInt(base + OFF_AL_NR_EXTENTS), b.getInt(base + OFF_BM_OFFSET),
        b.getInt(base + OFF_BM_BYTES_PER_BIT), b.getInt(base + OFF_LA_PEER_MAX_BIO), maxPeers, nodeId,
        stripes, stripeSize, peers, history);
  }

  /** Encodes into a fresh zeroed 4 KiB heap buffer (position 0, limit 4096). */
  public static ByteBuffer encode(Superblock sb) {
    ByteBuffer b = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.BIG_ENDIAN);
    b.putLong(OFF_LA_SIZE, sb.laSizeSect());
    b.putLong(OFF_CURRENT_UUID, sb.currentUuid());
    b.putInt(OFF_FLAGS, sb.flags());
    b.putInt(OFF_MAGIC, sb.magic());
    b.putInt(OFF_MD_SIZE_SECT, (int) sb.mdSizeSect());
    b.putInt(OFF_AL_OFFSET, sb.alOffsetSect());
    b.putInt(OFF_AL_NR_EXTENTS, sb.alNrExtents());
    b.putInt(OFF_BM_OFFSET, sb.bmOffsetSect());
    b.putInt(OFF_BM_BYTES_PER_BIT, sb.bmBytesPerBit());
    b.putInt(OFF_LA_PEER_MAX_BIO, sb.laPeerMaxBioSize());
    if (sb.format() == MdFormat.V09) {
      b.putLong(OFF09_DEVICE_UUID, sb.deviceUuid());
      b.putInt(OFF09_MAX_PEERS, sb.maxPeers());
      b.putInt(OFF09_NODE_ID, sb.nodeId());
      b.putInt(OFF09_AL_STRIPES, sb.alStripes());
      b.putInt(OFF09_AL_STRIPE_SIZE_4K, sb.alStripeSize4k());
      for (int i = 0; i < PEER_SLOTS; i++) {
        PeerSlot s = sb.peers().get(i);
        int p = OFF09_PEERS + i * PEER_SLOT_BYTES;
        b.putLong(p + PEER_OFF_BITMAP_UUID, s.bitmapUuid());
        b.putLong(p + PEER_OFF_DAGTAG, s.bitmapDagtag());
        b.putInt(p + PEER_OFF_FLAGS, s.flags());
        b.putInt(p + PEER_OFF_BITMAP_INDEX, s.bitmapIndex());
      }
      for (int i = 0; i < HISTORY_UUIDS_09; i++) {
        b.putLong(OFF09_HISTORY + 8 * i, sb.history().get(i));
      }
    } else {
      b.putLong(OFF08_BITMAP_UUID, sb.bitmapUuid(0));
      b.putLong(OFF08_HISTORY, sb.history().get(0));
      b.putLong(OFF08_HISTORY + 8, sb.history().get(1));
      b.putLong(OFF08_DEVICE_UUID, sb.deviceUuid());
      b.putInt(OFF08_AL_STRIPES, sb.alStripes());
      b.putInt(OFF08_AL_STRIPE_SIZE_4K, sb.alStripeSize4k());
    }
    return b;
  }
}
