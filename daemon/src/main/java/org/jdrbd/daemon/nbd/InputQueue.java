package org.jdrbd.daemon.nbd;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;

/**
 * Bytes received on one connection and not yet parsed. Every read states how many bytes it
 * needs and callers check {@link #available()} first (seed 003: check lengths against the bytes
 * present before reading). Payloads are copied once, straight into their destination.
 */
final class InputQueue {

    private Buffer buffer = Buffer.buffer(0);
    private int position;

    void append(Buffer chunk) {
        if (position == buffer.length()) {
            buffer = chunk;
            position = 0;
        } else {
            buffer.appendBuffer(chunk);
        }
    }

    int available() {
        return buffer.length() - position;
    }

    int readInt() {
        require(4);
        int value = buffer.getInt(position);
        position += 4;
        return value;
    }

    /** An unsigned 16-bit value. */
    int readShort() {
        require(2);
        int value = buffer.getUnsignedShort(position);
        position += 2;
        return value;
    }

    long readLong() {
        require(8);
        long value = buffer.getLong(position);
        position += 8;
        return value;
    }

    /** A copy of the next {@code length} bytes. */
    Buffer readBuffer(int length) {
        require(length);
        Buffer copy = buffer.getBuffer(position, position + length);
        position += length;
        return copy;
    }

    /** Moves as many bytes as are present into {@code dst}; returns the count moved. */
    int copyTo(ByteBuffer dst) {
        int n = Math.min(available(), dst.remaining());
        if (n > 0) {
            // Vert.x buffer indexes are absolute indexes of the wrapped ByteBuf.
            ByteBuf raw = ((BufferInternal) buffer).unwrap();
            ByteBuffer target = dst.duplicate();
            target.limit(target.position() + n);
            raw.getBytes(position, target);
            dst.position(dst.position() + n);
            position += n;
        }
        return n;
    }

    /** Drops up to {@code length} bytes; returns the count dropped. */
    long skip(long length) {
        int n = (int) Math.min(available(), length);
        position += n;
        return n;
    }

    /** Frees what was consumed; keeps the unparsed tail. */
    void compact() {
        if (position == buffer.length()) {
            buffer = Buffer.buffer(0);
            position = 0;
        } else if (position > 0) {
            buffer = buffer.getBuffer(position, buffer.length());
            position = 0;
        }
    }

    private void require(int length) {
        if (available() < length) {
            throw new IllegalStateException("parser read " + length + " bytes with only "
                    + available() + " present");
        }
    }
}
