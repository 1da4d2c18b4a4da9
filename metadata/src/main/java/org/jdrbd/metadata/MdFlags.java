package org.jdrbd.metadata;

/** Superblock and per-peer flag bits (§4.4). */
public final class MdFlags {
  private MdFlags() {}

  /** Local data is consistent. */
  public static final int CONSISTENT = 0x001;
  /** This node was (or is) primary. */
  public static final int PRIMARY_IND = 0x002;
  /** v08 only: connected. */
  public static final int CONNECTED_IND_08 = 0x004;
  /** v08 only: full sync pending. */
  public static final int FULL_SYNC_08 = 0x008;
  /** Data was up to date. */
  public static final int WAS_UP_TO_DATE = 0x010;
  /** v08 only: peer is outdated. */
  public static final int PEER_OUT_DATED_08 = 0x020;
  /** Crashed while primary. */
  public static final int CRASHED_PRIMARY = 0x040;
  /** The activity log has been applied. */
  public static final int AL_CLEAN = 0x080;
  /** al-updates no: peer must fully resync after a primary crash. */
  public static final int AL_DISABLED = 0x100;
  /** v09: primary when quorum was lost. */
  public static final int PRIMARY_LOST_QUORUM = 0x200;

  /** Peer slot: connected to this peer. */
  public static final int PEER_CONNECTED = 0x1;
  /** Peer slot: the peer's disk was outdated or inconsistent. */
  public static final int PEER_OUTDATED = 0x2;
  /** Peer slot: a fencing policy other than dont-care was used. */
  public static final int PEER_FENCING = 0x4;
  /** Peer slot: marking all blocks out of sync is in progress. */
  public static final int PEER_FULL_SYNC = 0x8;
  /** Peer slot: seen this peer with a backing device. */
  public static final int PEER_DEVICE_SEEN = 0x10;
  /** Peer slot: the node exists in the cluster. */
  public static final int NODE_EXISTS = 0x10000;

  /** True when every bit of {@code mask} is set. */
  public static boolean has(int flags, int mask) {
    return (flags & mask) == mask;
  }
}
