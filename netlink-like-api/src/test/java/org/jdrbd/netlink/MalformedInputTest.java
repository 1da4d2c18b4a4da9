package org.jdrbd.netlink;

// Scenario: a table of hostile or broken messages (truncated headers, lying lengths, deep
// nesting, unknown mandatory tags, oversized strings, wrong types, bad UTF-8, out-of-range
// option values) is fed to the decoder. Expectation: each yields its typed DecodeError, never an
// exception; an unknown OPTIONAL tag is skipped with a warning and the rest still decodes. Why:
// seed 003 (check every length before reading) and roadmap item 14 (mandatory tags).

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jdrbd.netlink.codec.DecodeError;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.codec.Wire;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.Tags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MalformedInputTest {

    /** A valid PRIMARY request for r0 without tags. */
    static byte[] header() {
        return Encoder.encode(new Message(
                new Header(MsgType.REQUEST, Command.PRIMARY, 0, 1, "r0", -1, -1, -1), new TagList()));
    }

    /** Header followed by raw tag bytes. */
    static byte[] withTags(byte[]... tags) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header());
        for (byte[] t : tags) {
            out.writeBytes(t);
        }
        return out.toByteArray();
    }

    /** One raw tag: number, type code, flags, declared length, then the given value bytes. */
    static byte[] tag(int number, int type, int flags, long declared, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(Wire.TAG_HEADER_BYTES + value.length);
        b.putShort((short) number).put((byte) type).put((byte) flags).putInt((int) declared).put(value);
        return b.array();
    }

    static byte[] nestedDeep(int depth) {
        byte[] inner = new byte[0];
        for (int i = 0; i < depth; i++) {
            inner = tag(Tags.NET_CONF.number(), 7, 0, inner.length, inner);
        }
        return inner;
    }

    static byte[] patch(byte[] b, int offset, int value) {
        byte[] c = b.clone();
        c[offset] = (byte) value;
        return c;
    }

    static Stream<Arguments> cases() {
        byte[] h = header();
        int protocol = Tags.option(Limits.Section.NET, "protocol").number();
        int timeout = Tags.option(Limits.Section.NET, "timeout").number();
        return Stream.of(
                Arguments.of("empty", new byte[0], DecodeError.TRUNCATED_HEADER),
                Arguments.of("header cut", Arrays.copyOf(h, 20), DecodeError.TRUNCATED_HEADER),
                Arguments.of("bad magic", patch(h, 0, 0), DecodeError.BAD_MAGIC),
                Arguments.of("bad version", patch(h, 4, 9), DecodeError.BAD_VERSION),
                Arguments.of("bad type", patch(h, 5, 99), DecodeError.BAD_MESSAGE_TYPE),
                Arguments.of("unknown command", patch(patch(h, 6, 0x7f), 7, 0x7f), DecodeError.UNKNOWN_COMMAND),
                Arguments.of("name longer than data", patch(h, 29, 100), DecodeError.BAD_NAME_LENGTH),
                Arguments.of("name over max", patch(patch(h, 28, 1), 29, 0), DecodeError.BAD_NAME_LENGTH),
                Arguments.of("bad utf8 name", patch(h, 30, 0xff), DecodeError.BAD_UTF8),
                Arguments.of("tag header cut", withTags(new byte[5]), DecodeError.TRUNCATED_TAG),
                Arguments.of("lying length", withTags(tag(Tags.FORCE.number(), 5, 0, 1000, new byte[] {1})),
                        DecodeError.LENGTH_EXCEEDS_DATA),
                Arguments.of("huge length", withTags(tag(Tags.FORCE.number(), 5, 0, 0xffffffffL, new byte[] {1})),
                        DecodeError.LENGTH_EXCEEDS_DATA),
                Arguments.of("fixed size wrong", withTags(tag(Tags.FORCE.number(), 5, 0, 2, new byte[] {1, 0})),
                        DecodeError.BAD_FIXED_LENGTH),
                Arguments.of("type mismatch", withTags(tag(Tags.FORCE.number(), 6, 0, 1, new byte[] {1})),
                        DecodeError.TYPE_MISMATCH),
                Arguments.of("flag value 7", withTags(tag(Tags.FORCE.number(), 5, 0, 1, new byte[] {7})),
                        DecodeError.BAD_FLAG_VALUE),
                Arguments.of("unknown mandatory", withTags(tag(4242, 2, Wire.TAG_FLAG_MANDATORY, 4, new byte[4])),
                        DecodeError.UNKNOWN_MANDATORY_TAG),
                Arguments.of("oversized string", withTags(tag(Tags.META_IDX.number(), 6, 0, 33, new byte[33])),
                        DecodeError.VALUE_TOO_LONG),
                Arguments.of("too deep", withTags(nestedDeep(Wire.MAX_DEPTH + 1)), DecodeError.TOO_DEEP),
                Arguments.of("enum index out of range", withTags(tag(Tags.NET_CONF.number(), 7, 0, 12,
                        tag(protocol, 2, 1, 4, new byte[] {0, 0, 0, 3}))), DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("number below min", withTags(tag(Tags.NET_CONF.number(), 7, 0, 16,
                        tag(timeout, 3, 0, 8, new byte[8]))), DecodeError.VALUE_OUT_OF_RANGE),
                Arguments.of("nested length past parent", withTags(tag(Tags.NET_CONF.number(), 7, 0, 8,
                        tag(timeout, 3, 0, 8, new byte[0]))), DecodeError.LENGTH_EXCEEDS_DATA));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedWithTypedError(String name, byte[] bytes, DecodeError expected) {
        DecodeResult r = Decoder.decode(bytes);
        assertTrue(r instanceof DecodeResult.Failed, name + " decoded: " + r);
        assertEquals(expected, ((DecodeResult.Failed) r).error(), name);
    }

    @Test
    void tooManyTagsRefused() {
        byte[] one = tag(Tags.VERBOSE.number(), 5, 0, 1, new byte[] {1});
        byte[][] many = new byte[Wire.MAX_TAGS + 1][];
        Arrays.fill(many, one);
        DecodeResult r = Decoder.decode(withTags(many));
        assertEquals(DecodeError.TOO_MANY_TAGS, ((DecodeResult.Failed) r).error());
    }

    @Test
    void oversizedMessageRefusedBeforeParsing() {
        DecodeResult r = Decoder.decode(new byte[Wire.MAX_MESSAGE_BYTES + 1]);
        assertEquals(DecodeError.MESSAGE_TOO_LARGE, ((DecodeResult.Failed) r).error());
    }

    @Test
    void unknownOptionalTagIsSkippedWithWarning() {
        byte[] unknown = tag(4243, 6, 0, 5, "hello".getBytes(StandardCharsets.UTF_8));
        byte[] force = tag(Tags.FORCE.number(), 5, Wire.TAG_FLAG_MANDATORY, 1, new byte[] {1});
        DecodeResult r = Decoder.decode(withTags(unknown, force));
        assertTrue(r instanceof DecodeResult.Ok, r.toString());
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        assertEquals(1, ok.warnings().size());
        assertTrue(ok.warnings().get(0).contains("4243"), ok.warnings().toString());
        assertEquals(true, ok.message().tags().getFlag(Tags.FORCE));
        assertEquals(List.of(Tags.FORCE), ok.message().tags().all().stream().map(t -> t.def()).toList());
    }

    @Test
    void unknownMandatoryTagMapsToErrMandatoryTag() {
        DecodeResult r = Decoder.decode(withTags(tag(4242, 99, Wire.TAG_FLAG_MANDATORY, 0, new byte[0])));
        assertEquals(126, ((DecodeResult.Failed) r).error().errCode().code());
    }
}
