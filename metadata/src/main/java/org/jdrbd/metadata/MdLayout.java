package org.jdrbd.metadata;

/**
 * Every magic number, field offset and size of DRBD's on-disk meta data, in one place
 * (reference/drbd-utils-interface.md §4). All superblock and AL fields are big-endian; the bitmap
 * is little-endian 32-bit words. The static block pairs each offset with its neighbour so a typo
 * in one constant breaks class loading (assertions stay on in launcher and tests).
 */
public final class MdLayout {
  private MdLayout() {}

  /** Sector size all meta data offsets are counted in. */
  public static final int SECTOR_BYTES = 512;
  /** Size of the superblock, and the unit of every aligned meta data write. */
  public static final int BLOCK_BYTES = 4096;
  /** Sectors per 4 KiB block. */
  public static final int BLOCK_SECTORS = BLOCK_BYTES / SECTOR_BYTES;

  /** Base of DRBD's magic numbers. */
  public static final int DRBD_MAGIC = 0x83740267;
  /** v06 superblock. */
  public static final int MAGIC_06 = 0x83740269;
  /** v07 superblock. */
  public static final int MAGIC_07 = 0x8374026A;
  /** v08 superblock, activity log applied. */
  public static final int MAGIC_08 = 0x8374026B;
  /** v08 superblock written by an attached 8.4 kernel: AL not applied. */
  public static final int MAGIC_84_UNCLEAN = 0x8374026C;
  /** v09 superblock. */
  public static final int MAGIC_09 = 0x8374026D;
  /** Activity log transaction block. */
  public static final int AL_MAGIC = 0x69CB65A2;

  /** Current UUID written by create-md. */
  public static final long UUID_JUST_CREATED = 4L;
  /** Bytes of data per bitmap bit (bm_bytes_per_bit); the only value DRBD 9 accepts. */
  public static final int BM_BYTES_PER_BIT = 4096;
  /** Fixed slot size of indexed external meta data. */
  public static final long INDEXED_SLOT_BYTES = 128L << 20;
  /** md_size_sect of indexed external meta data. */
  public static final int INDEXED_MD_SIZE_SECT = (int) (INDEXED_SLOT_BYTES / SECTOR_BYTES);
  /** Bytes at the start of a device that create-md inspects for existing data. */
  public static final int EXISTING_DATA_PROBE_BYTES = 68 * 1024;

  /** Highest max-peers value drbdmeta accepts. */
  public static final int MAX_PEERS_LIMIT = 31;
  /** Number of peer slots in a v09 superblock (always all printed). */
  public static final int PEER_SLOTS = 32;
  /** Number of history UUIDs in a v09 superblock. */
  public static final int HISTORY_UUIDS_09 = 32;
  /** Number of history UUIDs in a v08 superblock. */
  public static final int HISTORY_UUIDS_08 = 2;
  /** al_nr_extents value create-md writes (informational only). */
  public static final int AL_NR_EXTENTS_DEFAULT = 257;
  /** Default number of AL stripes. */
  public static final int AL_STRIPES_DEFAULT = 1;
  /** Default AL stripe size in 4 KiB blocks (32 KiB). */
  public static final int AL_STRIPE_SIZE_4K_DEFAULT = 8;
  /** Largest AL in 4 KiB blocks drbdmeta accepts (32 MiB). */
  public static final int AL_MAX_4K = 8192;
  /** Smallest AL in 4 KiB blocks. */
  public static final int AL_MIN_4K = 8;

  // ---- v08 and v09 shared prefix ----
  /** u64 la_size_sect (effective size). */
  public static final int OFF_LA_SIZE = 0;
  /** u64 current UUID (v08 uuid[0]). */
  public static final int OFF_CURRENT_UUID = 8;
  /** v08: u64 uuid[1] bitmap UUID. */
  public static final int OFF08_BITMAP_UUID = 16;
  /** v08: u64 uuid[2], uuid[3] history. */
  public static final int OFF08_HISTORY = 24;
  /** v08: u64 device UUID. */
  public static final int OFF08_DEVICE_UUID = 40;
  /** v09: u64 device UUID (after 32 reserved bytes). */
  public static final int OFF09_DEVICE_UUID = 48;
  /** u32 flags. */
  public static final int OFF_FLAGS = 56;
  /** u32 magic. */
  public static final int OFF_MAGIC = 60;
  /** u32 md_size_sect. */
  public static final int OFF_MD_SIZE_SECT = 64;
  /** s32 al_offset, sectors relative to the superblock. */
  public static final int OFF_AL_OFFSET = 68;
  /** u32 al_nr_extents. */
  public static final int OFF_AL_NR_EXTENTS = 72;
  /** s32 bm_offset, sectors relative to the superblock. */
  public static final int OFF_BM_OFFSET = 76;
  /** u32 bm_bytes_per_bit. */
  public static final int OFF_BM_BYTES_PER_BIT = 80;
  /** u32 la_peer_max_bio_size. */
  public static final int OFF_LA_PEER_MAX_BIO = 84;
  /** v08: u32 al_stripes. */
  public static final int OFF08_AL_STRIPES = 88;
  /** v08: u32 al_stripe_size_4k. */
  public static final int OFF08_AL_STRIPE_SIZE_4K = 92;
  /** v09: u32 bm_max_peers. */
  public static final int OFF09_MAX_PEERS = 88;
  /** v09: s32 node_id. */
  public static final int OFF09_NODE_ID = 92;
  /** v09: u32 al_stripes. */
  public static final int OFF09_AL_STRIPES = 96;
  /** v09: u32 al_stripe_size_4k. */
  public static final int OFF09_AL_STRIPE_SIZE_4K = 100;
  /** v09: first peer slot. */
  public static final int OFF09_PEERS = 112;
  /** v09: bytes per peer slot. */
  public static final int PEER_SLOT_BYTES = 32;
  /** Peer slot: u64 bitmap UUID. */
  public static final int PEER_OFF_BITMAP_UUID = 0;
  /** Peer slot: u64 bitmap dagtag. */
  public static final int PEER_OFF_DAGTAG = 8;
  /** Peer slot: u32 flags. */
  public static final int PEER_OFF_FLAGS = 16;
  /** Peer slot: s32 bitmap index. */
  public static final int PEER_OFF_BITMAP_INDEX = 20;
  /** v09: history UUIDs. */
  public static final int OFF09_HISTORY = OFF09_PEERS + PEER_SLOTS * PEER_SLOT_BYTES;
  /** v09: end of used bytes; the rest of the block is zero. */
  public static final int END09 = OFF09_HISTORY + HISTORY_UUIDS_09 * 8;

  // ---- activity log transaction block ----
  /** One AL extent covers 4 MiB of data. */
  public static final long AL_EXTENT_BYTES = 4L << 20;
  /** Bitmap bits per AL extent. */
  public static final int BITS_PER_AL_EXTENT = (int) (AL_EXTENT_BYTES / BM_BYTES_PER_BIT);
  /** Update slots per transaction. */
  public static final int AL_UPDATES_PER_TR = 64;
  /** Context slots per transaction. */
  public static final int AL_CONTEXT_PER_TR = 919;
  /** u32 magic. */
  public static final int AL_OFF_MAGIC = 0;
  /** u32 tr_number. */
  public static final int AL_OFF_TR_NUMBER = 4;
  /** u32 crc32c. */
  public static final int AL_OFF_CRC = 8;
  /** u16 transaction type. */
  public static final int AL_OFF_TYPE = 12;
  /** u16 n_updates. */
  public static final int AL_OFF_N_UPDATES = 14;
  /** u16 context_size. */
  public static final int AL_OFF_CONTEXT_SIZE = 16;
  /** u16 context_start_slot_nr. */
  public static final int AL_OFF_CONTEXT_START = 18;
  /** u16 update_slot_nr[64], after 16 reserved bytes. */
  public static final int AL_OFF_UPDATE_SLOTS = 36;
  /** u32 update_extent_nr[64]. */
  public static final int AL_OFF_UPDATE_EXTENTS = AL_OFF_UPDATE_SLOTS + 2 * AL_UPDATES_PER_TR;
  /** u32 context[919]. */
  public static final int AL_OFF_CONTEXT = AL_OFF_UPDATE_EXTENTS + 4 * AL_UPDATES_PER_TR;
  /** Transaction type of a normal update. */
  public static final int AL_TR_UPDATE = 0;
  /** Transaction type written by create-md / apply-al. */
  public static final int AL_TR_INITIALIZED = 0xFFFF;
  /** Free slot / unused extent number (LC_FREE). */
  public static final int AL_FREE_EXTENT = 0xFFFFFFFF;
  /** Unused update slot number. */
  public static final int AL_UNUSED_SLOT = 0xFFFF;

  static {
    check(OFF_CURRENT_UUID == OFF_LA_SIZE + 8 && OFF08_BITMAP_UUID == OFF_CURRENT_UUID + 8);
    check(OFF08_DEVICE_UUID == OFF08_HISTORY + 8 * HISTORY_UUIDS_08);
    check(OFF_FLAGS == OFF09_DEVICE_UUID + 8 && OFF_MAGIC == OFF_FLAGS + 4);
    check(OFF_MD_SIZE_SECT == OFF_MAGIC + 4 && OFF_AL_OFFSET == OFF_MD_SIZE_SECT + 4);
    check(OFF_AL_NR_EXTENTS == OFF_AL_OFFSET + 4 && OFF_BM_OFFSET == OFF_AL_NR_EXTENTS + 4);
    check(OFF_BM_BYTES_PER_BIT == OFF_BM_OFFSET + 4 && OFF_LA_PEER_MAX_BIO == OFF_BM_BYTES_PER_BIT + 4);
    check(OFF09_MAX_PEERS == OFF_LA_PEER_MAX_BIO + 4 && OFF09_NODE_ID == OFF09_MAX_PEERS + 4);
    check(OFF09_AL_STRIPE_SIZE_4K == OFF09_AL_STRIPES + 4 && OFF09_PEERS == OFF09_AL_STRIPE_SIZE_4K + 4 + 8);
    check(OFF09_HISTORY == 1136 && END09 == 1392 && END09 <= BLOCK_BYTES);
    check(AL_OFF_CONTEXT_START + 2 + 16 == AL_OFF_UPDATE_SLOTS);
    check(AL_OFF_CONTEXT + 4 * AL_CONTEXT_PER_TR == BLOCK_BYTES);
    check(MAGIC_09 == DRBD_MAGIC + 6 && MAGIC_84_UNCLEAN == DRBD_MAGIC + 5 && MAGIC_08 == DRBD_MAGIC + 4);
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new IllegalStateException("MdLayout constants are inconsistent");
    }
  }

  /** Rounds up to a multiple of a power of two. */
  public static long alignUp(long v, long pow2) {
    return (v + pow2 - 1) & -pow2;
  }

  /** Rounds down to a multiple of a power of two. */
  public static long alignDown(long v, long pow2) {
    return v & -pow2;
  }

  /**
   * Bytes of bitmap (all peer slots) needed for a device of {@code sizeSect} sectors: one bit per
   * 4 KiB, padded to 64 bits per peer, the whole area padded to 4 KiB.
   */
  public static long bitmapBytes(long sizeSect, int maxPeers, long bytesPerBit) {
    long bits = ceilDiv(sizeSect, bytesPerBit / SECTOR_BYTES);
    long bytesPerPeer = alignUp(bits, 64) / 8;
    return alignUp(bytesPerPeer * maxPeers, BLOCK_BYTES);
  }

  /** Bitmap bits (per peer) covering {@code sizeSect} sectors. */
  public static long bitmapBits(long sizeSect) {
    return ceilDiv(sizeSect, BM_BYTES_PER_BIT / SECTOR_BYTES);
  }

  static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }
}
