package org.jdrbd.netlink.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.TagType;
import org.jdrbd.netlink.schema.Tags;

/**
 * Reads untrusted bytes into a {@link Message}. Every length is compared with the bytes present
 * before anything is read (seed 003); total size, nesting depth and tag count are bounded; unknown
 * optional tags are skipped with a warning, unknown mandatory tags refuse the message (roadmap
 * item 14). Never throws on bad input: the result is typed.
 */
public final class Decoder {
    private final ByteBuffer buf;
    private final List<String> warnings = new ArrayList<>();
    private int tagCount;

    private Decoder(ByteBuffer buf) {
        this.buf = buf;
    }

    /** Decodes one message (no frame prefix). */
    public static DecodeResult decode(byte[] bytes) {
        if (bytes.length > Wire.MAX_MESSAGE_BYTES) {
            return new DecodeResult.Failed(DecodeError.MESSAGE_TOO_LARGE, bytes.length + " bytes");
        }
        try {
            Decoder d = new Decoder(ByteBuffer.wrap(bytes));
            Message m = d.message();
            return new DecodeResult.Ok(m, List.copyOf(d.warnings));
        } catch (Refused r) {
            return new DecodeResult.Failed(r.error, r.getMessage());
        }
    }

    /** Internal control flow for a refusal; never leaves this class. */
    private static final class Refused extends Exception {
        private final DecodeError error;

        Refused(DecodeError error, String detail) {
            super(detail, null, false, false);
            this.error = error;
        }
    }

    private Message message() throws Refused {
        if (buf.remaining() < Wire.HEADER_FIXED_BYTES) {
            throw new Refused(DecodeError.TRUNCATED_HEADER, buf.remaining() + " bytes");
        }
        int magic = buf.getInt();
        if (magic != Wire.MAGIC) {
            throw new Refused(DecodeError.BAD_MAGIC, Integer.toHexString(magic));
        }
        int version = buf.get() & 0xff;
        if (version != Wire.VERSION) {
            throw new Refused(DecodeError.BAD_VERSION, "version " + version);
        }
        MsgType type = MsgType.fromWire(buf.get() & 0xff);
        if (type == null) {
            throw new Refused(DecodeError.BAD_MESSAGE_TYPE, "type " + buf.get(5));
        }
        int cmdNo = buf.getShort() & 0xffff;
        Command cmd = Command.fromNumber(cmdNo);
        if (cmd == null) {
            throw new Refused(DecodeError.UNKNOWN_COMMAND, "command " + cmdNo);
        }
        int flags = buf.getInt();
        int seq = buf.getInt();
        int minor = buf.getInt();
        int peer = buf.getInt();
        int volume = buf.getInt();
        int nameLen = buf.getShort() & 0xffff;
        if (nameLen > Tags.MAX_NAME_BYTES || nameLen > buf.remaining()) {
            throw new Refused(DecodeError.BAD_NAME_LENGTH, "name length " + nameLen);
        }
        String name = utf8(nameLen);
        TagList tags = tagList(buf.remaining(), 1);
        return new Message(new Header(type, cmd, flags, seq, name, minor, peer, volume), tags);
    }

    private TagList tagList(int length, int depth) throws Refused {
        if (depth > Wire.MAX_DEPTH) {
            throw new Refused(DecodeError.TOO_DEEP, "depth " + depth);
        }
        int end = buf.position() + length;
        TagList list = new TagList();
        while (buf.position() < end) {
            Tag t = tag(end, depth);
            if (t != null) {
                list.add(t);
            }
        }
        return list;
    }

    private Tag tag(int end, int depth) throws Refused {
        if (end - buf.position() < Wire.TAG_HEADER_BYTES) {
            throw new Refused(DecodeError.TRUNCATED_TAG, (end - buf.position()) + " bytes left");
        }
        if (++tagCount > Wire.MAX_TAGS) {
            throw new Refused(DecodeError.TOO_MANY_TAGS, "more than " + Wire.MAX_TAGS);
        }
        int number = buf.getShort() & 0xffff;
        int typeCode = buf.get() & 0xff;
        boolean mandatory = (buf.get() & Wire.TAG_FLAG_MANDATORY) != 0;
        long length = buf.getInt() & 0xffffffffL;
        if (length > end - buf.position()) {
            throw new Refused(DecodeError.LENGTH_EXCEEDS_DATA,
                    "tag " + number + " length " + length + ", " + (end - buf.position()) + " present");
        }
        TagDef def = Tags.byNumber(number);
        if (def == null) {
            if (mandatory) {
                throw new Refused(DecodeError.UNKNOWN_MANDATORY_TAG, "tag " + number);
            }
            warnings.add("ignored unknown optional tag " + number + " (" + length + " bytes)");
            buf.position(buf.position() + (int) length);
            return null;
        }
        if (def.type().wireCode() != typeCode) {
            throw new Refused(DecodeError.TYPE_MISMATCH, def.name() + " type " + typeCode);
        }
        return new Tag(def, value(def, (int) length, depth));
    }

    private Object value(TagDef def, int length, int depth) throws Refused {
        TagType t = def.type();
        if (t.fixedBytes() > 0 && length != t.fixedBytes()) {
            throw new Refused(DecodeError.BAD_FIXED_LENGTH, def.name() + " length " + length);
        }
        if (t.fixedBytes() < 0 && length > def.maxBytes()) {
            throw new Refused(DecodeError.VALUE_TOO_LONG, def.name() + " length " + length);
        }
        Object v = switch (t) {
            case U8 -> (long) (buf.get() & 0xff);
            case U32 -> buf.getInt() & 0xffffffffL;
            case S32 -> (long) buf.getInt();
            case U64 -> buf.getLong();
            case FLAG -> flag(def);
            case STRING -> utf8(length);
            case NESTED -> tagList(length, depth + 1);
        };
        checkRange(def, v);
        return v;
    }

    private Boolean flag(TagDef def) throws Refused {
        int b = buf.get();
        if (b != 0 && b != 1) {
            throw new Refused(DecodeError.BAD_FLAG_VALUE, def.name() + " = " + b);
        }
        return b == 1;
    }

    private static void checkRange(TagDef def, Object v) throws Refused {
        Limits.Option o = def.option();
        if (o == null) {
            return;
        }
        if (o.type() == Limits.Type.NUMBER && o.checked()) {
            long n = (Long) v;
            if (n < o.min() || n > o.max()) {
                throw new Refused(DecodeError.VALUE_OUT_OF_RANGE,
                        def.name() + " = " + n + " not in [" + o.min() + ", " + o.max() + "]");
            }
        } else if (o.type() == Limits.Type.ENUM && (Long) v >= o.symbols().size()) {
            throw new Refused(DecodeError.VALUE_OUT_OF_RANGE, def.name() + " index " + v);
        }
    }

    private String utf8(int length) throws Refused {
        ByteBuffer slice = buf.slice(buf.position(), length);
        buf.position(buf.position() + length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(DecodeError.BAD_UTF8, "invalid UTF-8 in " + length + " bytes");
        }
    }
}
