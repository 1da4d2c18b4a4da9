package org.jdrbd.netlink.schema;

/**
 * One tag of the schema. The number is pinned forever (TagNumbersTest); {@code option} links an
 * option tag to its row in {@link Limits} (default, range, symbols), null for protocol tags.
 *
 * @param number    the wire number, never reused
 * @param name      the drbd.conf keyword / drbdsetup option name, or a protocol name
 * @param type      the value type
 * @param maxBytes  maximum value length in bytes (strings, nested lists); fixed types: their size
 * @param required  a command that lists this tag refuses a request without it (DRBD's DRBD_F_REQUIRED)
 * @param invariant can only be set when the object is created, not changed later (DRBD_F_INVARIANT)
 * @param mandatory a receiver that does not know this tag must refuse the message (roadmap 14)
 * @param option    the Limits row of an option tag, or null
 */
public record TagDef(int number, String name, TagType type, int maxBytes, boolean required,
                     boolean invariant, boolean mandatory, Limits.Option option) {

    /** Highest tag number the 16-bit wire field can carry. */
    public static final int MAX_NUMBER = 0xffff;

    public TagDef {
        if (number <= 0 || number > MAX_NUMBER) {
            throw new IllegalStateException("tag number out of range: " + number);
        }
        if (type.fixedBytes() > 0 && maxBytes != type.fixedBytes()) {
            throw new IllegalStateException(name + ": fixed type size mismatch");
        }
    }
}
