package org.jdrbd.netlink.codec;

/** Every constant of the wire format in one place (README.md describes the layout). */
public final class Wire {
    /** "JDRC", the first four bytes of every message. */
    public static final int MAGIC = 0x4A445243;
    /** The only version this code speaks. */
    public static final int VERSION = 1;
    /** magic u32, version u8, type u8, command u16, flags u32, seq u32, minor s32, peer s32,
     *  volume s32, name length u16. */
    public static final int HEADER_FIXED_BYTES = 30;
    /** number u16, type u8, flags u8, length u32. */
    public static final int TAG_HEADER_BYTES = 8;
    /** Tag flag bit: the receiver must refuse the message if it does not know the tag. */
    public static final int TAG_FLAG_MANDATORY = 0x01;
    /** Upper bound of one message (and of one frame's payload). */
    public static final int MAX_MESSAGE_BYTES = 1 << 20;
    /** Deepest nesting of tag lists (message level = 1). */
    public static final int MAX_DEPTH = 4;
    /** Most tags in one message, counted over all levels. */
    public static final int MAX_TAGS = 16384;
    /** Frame prefix: payload length u32. */
    public static final int FRAME_PREFIX_BYTES = 4;

    private Wire() { }
}
