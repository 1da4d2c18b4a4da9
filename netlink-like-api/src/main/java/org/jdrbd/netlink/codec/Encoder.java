package org.jdrbd.netlink.codec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;

/**
 * Writes messages. A message that breaks the schema's bounds is a programmer error
 * (IllegalStateException): only the decoder faces untrusted bytes.
 */
public final class Encoder {
    private Encoder() { }

    /** The message bytes, without the frame prefix. */
    public static byte[] encode(Message m) {
        byte[] tags = tagList(m.tags());
        byte[] name = m.header().resource().getBytes(StandardCharsets.UTF_8);
        if (name.length > org.jdrbd.netlink.schema.Tags.MAX_NAME_BYTES) {
            throw new IllegalStateException("resource name too long: " + m.header().resource());
        }
        int total = Wire.HEADER_FIXED_BYTES + name.length + tags.length;
        if (total > Wire.MAX_MESSAGE_BYTES) {
            throw new IllegalStateException("message too large: " + total);
        }
        ByteBuffer b = ByteBuffer.allocate(total);
        Header h = m.header();
        b.putInt(Wire.MAGIC).put((byte) Wire.VERSION).put((byte) h.type().wireCode());
        b.putShort((short) h.command().number()).putInt(h.flags()).putInt(h.seq());
        b.putInt(h.minor()).putInt(h.peer()).putInt(h.volume());
        b.putShort((short) name.length).put(name).put(tags);
        return b.array();
    }

    static byte[] tagList(TagList list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Tag t : list.all()) {
            byte[] v = value(t);
            if (t.def().type().fixedBytes() < 0 && v.length > t.def().maxBytes()) {
                throw new IllegalStateException("tag " + t.def().name() + " too long: " + v.length);
            }
            ByteBuffer h = ByteBuffer.allocate(Wire.TAG_HEADER_BYTES);
            h.putShort((short) t.def().number()).put((byte) t.type().wireCode());
            h.put((byte) (t.def().mandatory() ? Wire.TAG_FLAG_MANDATORY : 0)).putInt(v.length);
            out.writeBytes(h.array());
            out.writeBytes(v);
        }
        return out.toByteArray();
    }

    private static byte[] value(Tag t) {
        return switch (t.type()) {
            case U8 -> new byte[] {(byte) (long) (Long) t.value()};
            case U32, S32 -> ByteBuffer.allocate(4).putInt((int) (long) (Long) t.value()).array();
            case U64 -> ByteBuffer.allocate(8).putLong((Long) t.value()).array();
            case FLAG -> new byte[] {(byte) ((Boolean) t.value() ? 1 : 0)};
            case STRING -> ((String) t.value()).getBytes(StandardCharsets.UTF_8);
            case NESTED -> tagList((TagList) t.value());
        };
    }
}
