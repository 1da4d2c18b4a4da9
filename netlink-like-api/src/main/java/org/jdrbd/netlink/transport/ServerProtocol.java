package org.jdrbd.netlink.transport;

import java.nio.ByteBuffer;
import org.jdrbd.netlink.codec.DecodeResult;
import org.jdrbd.netlink.codec.Decoder;
import org.jdrbd.netlink.codec.Encoder;
import org.jdrbd.netlink.codec.RequestCheck;
import org.jdrbd.netlink.codec.Wire;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;

/**
 * What every server transport (the JDK loop here, the daemon's Vert.x one) does with a frame:
 * decode and check it, and either hand a {@link Request} to the handler or answer at once.
 */
public final class ServerProtocol {
    private ServerProtocol() { }

    /** The decision for one incoming frame. */
    public sealed interface Incoming {
        /** A valid request for the handler. */
        record Dispatch(Request request) implements Incoming { }

        /** Refused without the handler; send these reply bytes. */
        record Answer(byte[] reply, Result result) implements Incoming { }
    }

    /** Decodes and checks one frame's payload. */
    public static Incoming accept(byte[] frame) {
        DecodeResult d = Decoder.decode(frame);
        if (d instanceof DecodeResult.Failed f) {
            Result r = Result.err(f.error().errCode(), f.error() + ": " + f.detail());
            Header h = new Header(MsgType.REPLY, commandOf(frame), 0, seqOf(frame), "", -1, -1, -1);
            return new Incoming.Answer(replyBytes(h, r, new TagList()), r);
        }
        Message m = ((DecodeResult.Ok) d).message();
        Request req = new Request(m.header(), m.tags(), ((DecodeResult.Ok) d).warnings());
        Result bad = m.header().type() != MsgType.REQUEST
                ? Result.err(org.jdrbd.netlink.schema.ErrCode.ERR_INVALID_REQUEST, "not a request")
                : RequestCheck.check(req);
        if (bad != null) {
            return new Incoming.Answer(replyBytes(m.header(), bad, new TagList()), bad);
        }
        return new Incoming.Dispatch(req);
    }

    /** The bytes of the final reply to a request. */
    public static byte[] replyBytes(Header request, Result r, TagList data) {
        TagList tags = r.into(new TagList());
        data.all().forEach(tags::add);
        return Encoder.encode(new Message(request.answer(MsgType.REPLY, request.command()), tags));
    }

    /** The bytes of one event answering a STREAM request. */
    public static byte[] eventBytes(Header request, EventRecord e) {
        return Encoder.encode(new Message(request.answer(MsgType.EVENT, Command.EVENT), e.toTags()));
    }

    /** Best-effort sequence number of an undecodable frame (0 when too short). */
    private static int seqOf(byte[] frame) {
        return frame.length >= 16 ? ByteBuffer.wrap(frame, 12, 4).getInt() : 0;
    }

    private static Command commandOf(byte[] frame) {
        Command c = frame.length >= 8 && ByteBuffer.wrap(frame).getInt() == Wire.MAGIC
                ? Command.fromNumber(ByteBuffer.wrap(frame, 6, 2).getShort() & 0xffff) : null;
        return c == null ? Command.EVENT : c;
    }
}
