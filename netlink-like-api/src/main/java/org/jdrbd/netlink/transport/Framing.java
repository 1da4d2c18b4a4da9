package org.jdrbd.netlink.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import org.jdrbd.netlink.codec.Wire;

/**
 * Length-prefixed frames on a byte stream: payload length u32 big-endian, then the message.
 * The length is checked against {@link Wire#MAX_MESSAGE_BYTES} before any buffer is allocated.
 */
public final class Framing {
    private Framing() { }

    /** What a read produced. */
    public sealed interface Frame {
        /** One complete message. */
        record Data(byte[] bytes) implements Frame { }

        /** The peer closed the stream cleanly between frames. */
        record Eof() implements Frame { }

        /** The stream broke or announced an impossible length; the connection must be closed. */
        record Broken(String reason) implements Frame { }
    }

    /** Writes one frame (blocking until all bytes are written). */
    public static void write(WritableByteChannel ch, byte[] message) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Wire.FRAME_PREFIX_BYTES + message.length);
        b.putInt(message.length).put(message).flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Reads one frame; IO errors become {@link Frame.Broken}. */
    public static Frame read(ReadableByteChannel ch) {
        try {
            ByteBuffer prefix = ByteBuffer.allocate(Wire.FRAME_PREFIX_BYTES);
            int first = fill(ch, prefix);
            if (first == 0) {
                return new Frame.Eof();
            }
            if (prefix.hasRemaining()) {
                return new Frame.Broken("stream ended inside a frame length");
            }
            long length = prefix.flip().getInt() & 0xffffffffL;
            if (length > Wire.MAX_MESSAGE_BYTES) {
                return new Frame.Broken("frame of " + length + " bytes exceeds " + Wire.MAX_MESSAGE_BYTES);
            }
            ByteBuffer body = ByteBuffer.allocate((int) length);
            fill(ch, body);
            if (body.hasRemaining()) {
                return new Frame.Broken("stream ended inside a frame");
            }
            return new Frame.Data(body.array());
        } catch (IOException e) {
            return new Frame.Broken(String.valueOf(e.getMessage()));
        }
    }

    /** Reads until the buffer is full or EOF; returns the bytes read. */
    private static int fill(ReadableByteChannel ch, ByteBuffer b) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
