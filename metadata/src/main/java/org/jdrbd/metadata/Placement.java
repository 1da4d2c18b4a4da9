package org.jdrbd.metadata;

/**
 * Where the meta data lives relative to its device: DRBD's "meta-disk" index.
 *
 * @param kind  the placement kind
 * @param index slot number for {@link Kind#INDEXED}, otherwise 0
 */
public record Placement(Kind kind, int index) {

  /** Placement kinds (DRBD_MD_INDEX_*). */
  public enum Kind {
    /** "internal": for v08/v09 the same as flex-internal. */
    INTERNAL,
    /** "flex-internal": at the end of the backing device, sized for the device. */
    FLEX_INTERNAL,
    /** "flex-external": a whole separate device, superblock at byte 0. */
    FLEX_EXTERNAL,
    /** "N": fixed 128 MiB slot number N of a separate device. */
    INDEXED
  }

  public Placement {
    if (kind == Kind.INDEXED ? (index < 0 || index > 255) : index != 0) {
      throw new IllegalArgumentException("bad placement " + kind + " " + index);
    }
  }

  /** True for internal and flex-internal. */
  public boolean isInternal() {
    return kind == Kind.INTERNAL || kind == Kind.FLEX_INTERNAL;
  }

  /** Parses drbdmeta's index argument; null when it is none of the accepted forms. */
  public static Placement parse(String s) {
    switch (s) {
      case "internal":
        return new Placement(Kind.INTERNAL, 0);
      case "flex-internal":
        return new Placement(Kind.FLEX_INTERNAL, 0);
      case "flex-external":
        return new Placement(Kind.FLEX_EXTERNAL, 0);
      default:
        if (!s.matches("[0-9]{1,3}")) {
          return null;
        }
        int i = Integer.parseInt(s);
        return i <= 255 ? new Placement(Kind.INDEXED, i) : null;
    }
  }

  /** The wording drbdmeta uses in "create a v09 style ... meta data block". */
  public String describe() {
    switch (kind) {
      case INTERNAL:
      case FLEX_INTERNAL:
        return "flexible-size internal";
      case FLEX_EXTERNAL:
        return "flexible-size external";
      default:
        return "external";
    }
  }
}
