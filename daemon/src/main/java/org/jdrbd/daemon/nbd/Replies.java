package org.jdrbd.daemon.nbd;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Encoders for everything the server sends: greeting, option replies, transmission replies. */
final class Replies {

    private Replies() {
    }

    /** The fixed-newstyle greeting. */
    static Buffer greeting() {
        return Buffer.buffer(18)
                .appendLong(NbdProtocol.NBDMAGIC)
                .appendLong(NbdProtocol.IHAVEOPT)
                .appendShort((short) (NbdProtocol.FLAG_FIXED_NEWSTYLE | NbdProtocol.FLAG_NO_ZEROES));
    }

    /** An option reply with a payload. */
    static Buffer option(int option, int type, Buffer payload) {
        return Buffer.buffer(20 + payload.length())
                .appendLong(NbdProtocol.OPTION_REPLY_MAGIC)
                .appendInt(option)
                .appendInt(type)
                .appendInt(payload.length())
                .appendBuffer(payload);
    }

    static Buffer ack(int option) {
        return option(option, NbdProtocol.REP_ACK, Buffer.buffer(0));
    }

    /** An error reply; the message is for humans (clients print it). */
    static Buffer optionError(int option, int errorType, String message) {
        return option(option, errorType, Buffer.buffer(utf8(message)));
    }

    /** NBD_REP_SERVER for NBD_OPT_LIST. */
    static Buffer server(String name) {
        byte[] bytes = utf8(name);
        return option(NbdProtocol.OPT_LIST, NbdProtocol.REP_SERVER,
                Buffer.buffer(4 + bytes.length).appendInt(bytes.length).appendBytes(bytes));
    }

    static Buffer infoExport(int option, long sizeBytes, int transmissionFlags) {
        return option(option, NbdProtocol.REP_INFO, Buffer.buffer(12)
                .appendShort((short) NbdProtocol.INFO_EXPORT)
                .appendLong(sizeBytes)
                .appendShort((short) transmissionFlags));
    }

    /** NBD_INFO_NAME or NBD_INFO_DESCRIPTION. */
    static Buffer infoText(int option, int infoType, String text) {
        byte[] bytes = utf8(text);
        return option(option, NbdProtocol.REP_INFO,
                Buffer.buffer(2 + bytes.length).appendShort((short) infoType).appendBytes(bytes));
    }

    static Buffer infoBlockSize(int option, int minBytes, int preferredBytes, int maxBytes) {
        return option(option, NbdProtocol.REP_INFO, Buffer.buffer(14)
                .appendShort((short) NbdProtocol.INFO_BLOCK_SIZE)
                .appendInt(minBytes)
                .appendInt(preferredBytes)
                .appendInt(maxBytes));
    }

    /** The old-style answer to NBD_OPT_EXPORT_NAME: size, flags, optional padding. */
    static Buffer exportNameReply(long sizeBytes, int transmissionFlags, boolean noZeroes) {
        Buffer reply = Buffer.buffer(10 + NbdProtocol.EXPORT_NAME_PADDING_BYTES)
                .appendLong(sizeBytes)
                .appendShort((short) transmissionFlags);
        if (!noZeroes) {
            reply.appendBytes(new byte[NbdProtocol.EXPORT_NAME_PADDING_BYTES]);
        }
        return reply;
    }

    /** A simple reply without data (any command, or an error). */
    static Buffer simple(int errno, long cookie) {
        return Buffer.buffer(NbdProtocol.SIMPLE_REPLY_HEADER_BYTES)
                .appendInt(NbdProtocol.SIMPLE_REPLY_MAGIC)
                .appendInt(errno)
                .appendLong(cookie);
    }

    /** A structured reply chunk header; {@code payloadBytes} follow. */
    static Buffer structuredHeader(int flags, int type, long cookie, int payloadBytes) {
        return Buffer.buffer(NbdProtocol.STRUCTURED_REPLY_HEADER_BYTES)
                .appendInt(NbdProtocol.STRUCTURED_REPLY_MAGIC)
                .appendShort((short) flags)
                .appendShort((short) type)
                .appendLong(cookie)
                .appendInt(payloadBytes);
    }

    /** The final NBD_REPLY_TYPE_NONE chunk. */
    static Buffer structuredDone(long cookie) {
        return structuredHeader(NbdProtocol.REPLY_FLAG_DONE, NbdProtocol.REPLY_TYPE_NONE, cookie, 0);
    }

    /** A final NBD_REPLY_TYPE_ERROR chunk. */
    static Buffer structuredError(int errno, long cookie, String message) {
        byte[] text = utf8(message);
        return structuredHeader(NbdProtocol.REPLY_FLAG_DONE, NbdProtocol.REPLY_TYPE_ERROR, cookie,
                6 + text.length)
                .appendInt(errno)
                .appendShort((short) text.length)
                .appendBytes(text);
    }

    private static byte[] utf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // Messages are ours; keep them well inside the protocol's string limit.
        return bytes.length <= NbdProtocol.MAX_STRING_BYTES ? bytes : new byte[0];
    }
}
