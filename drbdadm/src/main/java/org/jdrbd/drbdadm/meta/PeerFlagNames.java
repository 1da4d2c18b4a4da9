package org.jdrbd.drbdadm.meta;

/** The " # connected | seen | …" comment dump-md appends to a peer's flags line. */
final class PeerFlagNames {
  private PeerFlagNames() {}

  /** drbdmeta builds the comment in an 80-byte buffer: it never exceeds 79 characters. */
  private static final int MAX_CHARS = 79;

  private static final String[] NAMES = new String[32];

  static {
    NAMES[0] = "connected";
    NAMES[1] = "<=outdated";
    NAMES[2] = "fencing";
    NAMES[3] = "full-sync";
    NAMES[4] = "seen";
    NAMES[16] = "exists";
  }

  /** Empty for zero flags, else " # name | name | 0xBIT=?" truncated like drbdmeta's. */
  static String comment(int flags) {
    if (flags == 0) {
      return "";
    }
    StringBuilder s = new StringBuilder(" #");
    String sep = " ";
    for (int bit = 0; bit < 32; bit++) {
      if ((flags & (1 << bit)) == 0) {
        continue;
      }
      s.append(sep).append(NAMES[bit] != null ? NAMES[bit]
          : "0x" + Integer.toHexString(1 << bit) + "=?");
      sep = " | ";
    }
    return s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) : s.toString();
  }
}
