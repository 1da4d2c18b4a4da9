package org.jdrbd.drbdadm.meta;

/** strtoull-like number parsing used for drbdmeta arguments. */
final class Numbers {
  private Numbers() {}

  /** Decimal (or 0x-prefixed hex) number; null when not a whole number. */
  static Long parse(String s) {
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseUnsignedLong(s.substring(2), 16);
      }
      if (!s.matches("-?[0-9]+")) {
        return null;
      }
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** A 64-bit hex UUID field (no 0x); null when not hex. */
  static Long parseHex(String s) {
    if (!s.matches("(0[xX])?[0-9a-fA-F]{1,16}")) {
      return null;
    }
    return Long.parseUnsignedLong(s.replaceFirst("^0[xX]", ""), 16);
  }
}
