package org.jdrbd.daemon.nbd;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Writes transmission replies: simple replies for everything but reads when structured replies
 * were negotiated, one NBD_REPLY_TYPE_OFFSET_DATA (or ERROR) chunk per read otherwise.
 */
final class ReplySender {

    private final NbdConnection connection;
    private final boolean structured;

    ReplySender(NbdConnection connection, boolean structured) {
        this.connection = connection;
        this.structured = structured;
    }

    /** Success without data. */
    void ok(NbdRequest request) {
        if (structured && request.type() == NbdProtocol.CMD_READ) {
            connection.send(Replies.structuredDone(request.cookie()));
        } else {
            connection.send(Replies.simple(0, request.cookie()));
        }
    }

    void error(NbdRequest request, int errno, String message) {
        if (structured && request.type() == NbdProtocol.CMD_READ) {
            connection.send(Replies.structuredError(errno, request.cookie(), message));
        } else {
            connection.send(Replies.simple(errno, request.cookie()));
        }
    }

    /**
     * A reply buffer for a read with room for the header in front of the data, so the backend
     * reads straight into the bytes that go to the socket (no copy on our side).
     */
    ReadReply newReadReply(NbdRequest request) {
        int headerBytes = structured ? NbdProtocol.STRUCTURED_REPLY_HEADER_BYTES + 8
                : NbdProtocol.SIMPLE_REPLY_HEADER_BYTES;
        int dataBytes = (int) request.length();
        ByteBuf buffer = Unpooled.buffer(headerBytes + dataBytes, headerBytes + dataBytes);
        return new ReadReply(request, buffer, headerBytes, buffer.nioBuffer(headerBytes, dataBytes));
    }

    void send(ReadReply reply) {
        ByteBuf buffer = reply.buffer();
        long cookie = reply.request().cookie();
        if (structured) {
            buffer.setInt(0, NbdProtocol.STRUCTURED_REPLY_MAGIC);
            buffer.setShort(4, NbdProtocol.REPLY_FLAG_DONE);
            buffer.setShort(6, NbdProtocol.REPLY_TYPE_OFFSET_DATA);
            buffer.setLong(8, cookie);
            buffer.setInt(16, 8 + reply.data().capacity());
            buffer.setLong(20, reply.request().offset());
        } else {
            buffer.setInt(0, NbdProtocol.SIMPLE_REPLY_MAGIC);
            buffer.setInt(4, 0);
            buffer.setLong(8, cookie);
        }
        buffer.writerIndex(buffer.capacity());
        connection.send(BufferInternal.buffer(buffer));
    }

    /** A read in progress: {@code data} is the window of {@code buffer} the backend fills. */
    record ReadReply(NbdRequest request, ByteBuf buffer, int headerBytes, ByteBuffer data) {
    }
}
