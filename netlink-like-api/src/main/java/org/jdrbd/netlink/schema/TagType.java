package org.jdrbd.netlink.schema;

/**
 * The value type of a tag, with its wire code and fixed size (-1 = variable). Modelled on the
 * generic-netlink attribute types DRBD's genl family uses.
 */
public enum TagType {
    /** Unsigned 8-bit integer. */
    U8(1, 1),
    /** Unsigned 32-bit integer, big-endian. */
    U32(2, 4),
    /** Unsigned 64-bit integer, big-endian. */
    U64(3, 8),
    /** Signed 32-bit integer, big-endian. */
    S32(4, 4),
    /** Boolean carried as one byte 0 / 1. */
    FLAG(5, 1),
    /** UTF-8 text without terminator, at most the tag's max length in bytes. */
    STRING(6, -1),
    /** A nested tag list. */
    NESTED(7, -1);

    private final int wireCode;
    private final int fixedBytes;

    TagType(int wireCode, int fixedBytes) {
        this.wireCode = wireCode;
        this.fixedBytes = fixedBytes;
    }

    /** The code written in each tag's type byte. */
    public int wireCode() {
        return wireCode;
    }

    /** Exact value length for fixed-size types, -1 for STRING and NESTED. */
    public int fixedBytes() {
        return fixedBytes;
    }

    /** The type for a wire code, or null when the code is unknown. */
    public static TagType fromWire(int code) {
        for (TagType t : values()) {
            if (t.wireCode == code) {
                return t;
            }
        }
        return null;
    }
}
