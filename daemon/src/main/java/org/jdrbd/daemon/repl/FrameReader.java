package org.jdrbd.daemon.repl;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdrbd.daemon.wire.Channel;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketDecoder;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.daemon.wire.WireContext;
import org.jdrbd.daemon.wire.WireResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a socket's byte stream into packets. Every header goes through
 * {@link PacketDecoder#checkHeader} before its payload is awaited, so a lying length never makes
 * us wait for (or allocate) more than the packet's struct allows. Each payload is copied into a
 * buffer of its own, so data handed on stays valid after more bytes arrive. The first error ends
 * the stream: nothing after it is parsed.
 */
final class FrameReader {
    private static final Logger LOG = LoggerFactory.getLogger("org.jdrbd.daemon.repl");
    /**
     * Most bytes kept while the owner holds parsing ({@link #holdWhile}), i.e. before a
     * connection took the socket over. A real peer has sent a packet or two by then (its
     * P_CONNECTION_FEATURES, a P_PING); one largest frame plus a read's worth is plenty. Without
     * a bound, anyone who can reach the port could fill the heap through a socket that is never
     * paired.
     */
    static final int HELD_LIMIT_BYTES = WireConstants.H100_BYTES + WireConstants.MAX_BIO_BYTES
            + WireConstants.MAX_DIGEST_BYTES + (64 << 10);

    private final Supplier<WireContext> ctx;
    private ByteBuffer acc = ByteBuffer.allocate(1 << 16);
    private Channel channel;
    private boolean broken;
    /** Accepted sockets: the first packet is handed over raw, before the channel is known. */
    private Consumer<ByteBuffer> firstPacket;
    /** False while the owner cannot act on a packet yet (its context may change with it). */
    private java.util.function.BooleanSupplier ready = () -> true;

    FrameReader(Supplier<WireContext> ctx, Channel channel) {
        this.ctx = ctx;
        this.channel = channel;
    }

    /** The next {@link WireConstants#H80_BYTES} bytes go to {@code first} unparsed. */
    void expectFirstPacket(Consumer<ByteBuffer> first) {
        this.firstPacket = first;
    }

    /** Parsing stops after a packet while {@code r} is false; feed nothing to resume. */
    void holdWhile(java.util.function.BooleanSupplier r) {
        ready = r;
    }

    void setChannel(Channel c) {
        channel = c;
    }

    /** Feeds bytes; complete packets go to {@code out}, the first protocol error to {@code err}. */
    void feed(byte[] bytes, Consumer<Packet> out, Consumer<String> err) {
        if (broken) {
            return;
        }
        if (acc.position() + (long) bytes.length > HELD_LIMIT_BYTES && !ready.getAsBoolean()) {
            broken = true;
            acc = ByteBuffer.allocate(0);
            String reason = String.format("peer sent more than %d bytes before the connection could "
                    + "take them (sockets not paired yet)", HELD_LIMIT_BYTES);
            // Logged here as well: a socket that is never paired has nobody to report it.
            LOG.warn("{}; ignoring the rest of this socket", reason);
            err.accept(reason);
            return;
        }
        ensure(bytes.length);
        acc.put(bytes);
        acc.flip();
        try {
            drain(out, err);
        } finally {
            acc.compact();
        }
    }

    private void drain(Consumer<Packet> out, Consumer<String> err) {
        while (!broken) {
            if (firstPacket != null) {
                if (acc.remaining() < WireConstants.H80_BYTES) {
                    return;
                }
                ByteBuffer first = ByteBuffer.allocate(WireConstants.H80_BYTES);
                acc.get(first.array());
                Consumer<ByteBuffer> f = firstPacket;
                firstPacket = null;
                f.accept(first);
                continue;
            }
            if (!ready.getAsBoolean()) {
                return;
            }
            WireContext c = ctx.get();
            int hdr = c.headerBytes();
            if (acc.remaining() < hdr || channel == null) {
                return;
            }
            WireResult<PacketDecoder.Checked> checked = PacketDecoder.checkHeader(acc, c, channel);
            if (!checked.isOk()) {
                broken = true;
                err.accept(checked.reason());
                return;
            }
            int n = checked.value().payloadBytes();
            if (acc.remaining() < hdr + n) {
                ensureTotal(hdr + n);
                return;
            }
            acc.position(acc.position() + hdr);
            ByteBuffer payload = ByteBuffer.allocate(n);
            int lim = acc.limit();
            acc.limit(acc.position() + n);
            payload.put(acc);
            acc.limit(lim);
            payload.flip();
            WireResult<Packet> p = PacketDecoder.decodePayload(checked.value(), payload, c);
            if (!p.isOk()) {
                broken = true;
                err.accept(p.reason());
                return;
            }
            out.accept(p.value());
        }
    }

    /** Room for {@code more} bytes (acc in write mode). */
    private void ensure(int more) {
        if (acc.remaining() < more) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(acc.capacity() * 2, acc.position() + more));
            acc.flip();
            bigger.put(acc);
            acc = bigger;
        }
    }

    /** Capacity for a whole frame of {@code total} bytes (acc in read mode; compact follows). */
    private void ensureTotal(int total) {
        if (acc.capacity() < total) {
            ByteBuffer bigger = ByteBuffer.allocate(total + (1 << 16));
            bigger.put(acc);
            bigger.flip();
            acc = bigger;
        }
    }

    boolean broken() {
        return broken;
    }
}
