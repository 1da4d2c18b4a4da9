package org.jdrbd.netlink;

// Scenario: for every command, a request with every positional argument, flag and option its
// schema row allows (values drawn from each option's Limits range) is encoded and decoded; also
// replies, events and every tag type at the edges of its range. Expectation: the decoded message
// equals the original, no warnings, and RequestCheck accepts it. Why: the codec is the contract
// between drbdsetup and the daemon; a field lost or mangled here is a wrong command.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.codec.RequestCheck;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Arg;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.statemachine.StateRv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CodecRoundTripTest {

    static Stream<Command> requests() {
        return Stream.of(Command.values()).filter(c -> c.kind() != Command.Kind.INTERNAL);
    }

    static Message fullRequest(Command c, boolean maxValues) {
        Header h = new Header(MsgType.REQUEST, c, 0, 77, "", -1, -1, -1);
        TagList tags = new TagList();
        for (Arg a : c.args()) {
            switch (a) {
                case RESOURCE, RESOURCE_OPT -> h = h.withResource("r0-ü");
                case MINOR -> h = h.withMinor(maxValues ? 1048575 : 0);
                case PEER -> h = h.withPeer(maxValues ? 31 : 0);
                case VOLUME -> h = h.withVolume(maxValues ? 65535 : 0);
                case NODE_ID -> tags.addLong(Tags.NODE_ID, maxValues ? 31 : 0);
                default -> tags.addString(a.tag(), "x".repeat(maxValues ? a.tag().maxBytes() : 1));
            }
        }
        for (TagDef f : c.flags()) {
            tags.add(sample(f, maxValues));
        }
        for (Limits.Section s : c.sections()) {
            TagList opts = new TagList();
            Tags.options(s).forEach(d -> opts.add(sample(d, maxValues)));
            tags.addNested(Tags.container(s), opts);
        }
        return new Message(h, tags);
    }

    /** A valid value at the low or high end of the tag's range. */
    static Tag sample(TagDef d, boolean max) {
        Limits.Option o = d.option();
        return switch (d.type()) {
            case FLAG -> new Tag(d, max);
            case STRING -> new Tag(d, o != null && !o.symbols().isEmpty() ? o.symbols().get(0)
                    : "s".repeat(max ? d.maxBytes() : 0));
            case U32 -> new Tag(d, o != null && o.type() == Limits.Type.ENUM
                    ? (long) (max ? o.symbols().size() - 1 : 0) : (max ? 0xffffffffL : 0L));
            case U64 -> new Tag(d, o != null ? (max ? o.max() : o.min()) : (max ? -1L : 0L));
            case U8 -> new Tag(d, max ? 255L : 0L);
            case S32 -> new Tag(d, (long) (max ? Integer.MAX_VALUE : Integer.MIN_VALUE));
            case NESTED -> new Tag(d, new TagList());
        };
    }

    static Message roundTrip(Message m) {
        DecodeResult r = Decoder.decode(Encoder.encode(m));
        if (r instanceof DecodeResult.Failed f) {
            throw new AssertionError("decode failed: " + f);
        }
        DecodeResult.Ok ok = (DecodeResult.Ok) r;
        assertEquals(List.of(), ok.warnings());
        return ok.message();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void everyCommandRoundTripsAtBothEndsOfEveryRange(Command c) {
        for (boolean max : new boolean[] {false, true}) {
            Message m = fullRequest(c, max);
            Message back = roundTrip(m);
            assertEquals(m, back, c + " max=" + max);
            assertNull(RequestCheck.check(new Request(back.header(), back.tags(), List.of())), c.cliName());
        }
    }

    @Test
    void replyWithSnapshotAndStateResultRoundTrips() {
        TagList data = Result.state(StateRv.SS_NO_UP_TO_DATE_DISK, "why").into(new TagList());
        data.addNested(Tags.OBJECT, ObjectRecord.of(ObjectType.DEVICE, "name", "r0", "volume", "0",
                "disk", "UpToDate").toTags(new TagList()));
        Header h = new Header(MsgType.REPLY, Command.STATUS, 0, 5, "r0", -1, -1, -1);
        Message back = roundTrip(new Message(h, data));
        Result r = Result.from(back.tags());
        assertEquals(-2, r.code());
        assertEquals("why", r.text());
        ObjectRecord o = ObjectRecord.fromTags(back.tags().getNested(Tags.OBJECT));
        assertEquals("UpToDate", o.get("disk"));
        assertEquals(List.of("name", "volume", "disk"), List.copyOf(o.fields().keySet()));
    }

    @Test
    void eventRoundTripsIncludingEndOfDump() {
        EventRecord e = new EventRecord(EventAction.CHANGE, ObjectRecord.of(ObjectType.PEER_DEVICE,
                "name", "r0", "peer-node-id", "1", "replication", "SyncSource"), 1_700_000_000_123_456L);
        Header h = new Header(MsgType.EVENT, Command.EVENT, 0, 9, "", -1, -1, -1);
        assertEquals(e, EventRecord.fromTags(roundTrip(new Message(h, e.toTags())).tags()));
        EventRecord end = EventRecord.endOfDump(3);
        EventRecord endBack = EventRecord.fromTags(roundTrip(new Message(h, end.toTags())).tags());
        assertEquals(true, endBack.isEndOfDump());
    }

    @Test
    void signedAndUnsignedEdgesSurvive() {
        TagList t = new TagList().addLong(Tags.RESULT_CODE, Integer.MIN_VALUE)
                .addLong(Tags.MD_FLAGS, 0xffffffffL).addLong(Tags.CURRENT_UUID, 0xF00DFACE12345679L)
                .addLong(Tags.OBJECT_TYPE, 255);
        Header h = new Header(MsgType.REPLY, Command.GET_GI, 0, -1, "", -1, -1, -1);
        Message back = roundTrip(new Message(h, t));
        assertEquals(Integer.MIN_VALUE, back.tags().getLong(Tags.RESULT_CODE, 0));
        assertEquals(0xffffffffL, back.tags().getLong(Tags.MD_FLAGS, 0));
        assertEquals(0xF00DFACE12345679L, back.tags().getLong(Tags.CURRENT_UUID, 0));
        assertEquals(255, back.tags().getLong(Tags.OBJECT_TYPE, 0));
        assertEquals(-1, back.header().seq());
    }
}
