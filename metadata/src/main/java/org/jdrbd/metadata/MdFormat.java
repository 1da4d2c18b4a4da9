package org.jdrbd.metadata;

/** On-disk meta data format versions jdrbd understands. */
public enum MdFormat {
  /** DRBD 8.x superblock: one peer, 4 UUIDs, flags with connection bits. Read support only. */
  V08("v08", MdLayout.MAGIC_08),
  /** DRBD 9 superblock: up to 31 peers with per-peer slots and 32 history UUIDs. */
  V09("v09", MdLayout.MAGIC_09);

  private final String cliName;
  private final int magic;

  MdFormat(String cliName, int magic) {
    this.cliName = cliName;
    this.magic = magic;
  }

  /** The name drbdmeta uses on its command line and in dumps ("v08", "v09"). */
  public String cliName() {
    return cliName;
  }

  /** The clean magic number of this format. */
  public int magic() {
    return magic;
  }

  /** Parses "v08"/"v09"; null for anything else. */
  public static MdFormat fromCliName(String name) {
    for (MdFormat f : values()) {
      if (f.cliName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
