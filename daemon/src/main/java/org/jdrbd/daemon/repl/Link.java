package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdrbd.daemon.wire.Channel;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketEncoder;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireContext;

/** One TCP socket of a connection: packets out, parsed packets in, on the resource's context. */
final class Link {
    final long id;
    final NetSocket socket;
    final FrameReader reader;
    private Supplier<WireContext> ctx;
    private boolean closed;
    private final java.util.List<Packet> pending = new java.util.ArrayList<>();
    private Consumer<Packet> packets;
    private Consumer<String> protocolError;
    private String earlyError;
    private Runnable onClose = () -> { };

    Link(long id, NetSocket socket, Supplier<WireContext> ctx, Channel channel) {
        this.id = id;
        this.socket = socket;
        this.ctx = ctx;
        this.reader = new FrameReader(() -> this.ctx.get(), channel);
        // Until someone takes packets, parse one at a time: the next header's format may
        // depend on what the taker learns from this packet (feature negotiation).
        reader.holdWhile(() -> packets != null || pending.isEmpty());
    }

    /**
     * Starts reading. Packets that arrive before {@link #deliverTo} are kept (the peer may send
     * its first handshake packet before we finished pairing).
     */
    void start() {
        socket.handler(b -> reader.feed(b.getBytes(), this::deliver, this::fail));
        socket.closeHandler(v -> {
            closed = true;
            onClose.run();
        });
        socket.exceptionHandler(e -> close());
    }

    /** The wire context for parsing and encoding from now on (the connection's, after pairing). */
    void useContext(Supplier<WireContext> c) {
        ctx = c;
    }

    /** From now on packets, the first protocol error and the close go to these. */
    void deliverTo(Consumer<Packet> packets, Consumer<String> protocolError, Runnable closed) {
        this.packets = packets;
        this.protocolError = protocolError;
        this.onClose = closed;
        java.util.List<Packet> early = new java.util.ArrayList<>(pending);
        pending.clear();
        early.forEach(packets);
        if (earlyError != null) {
            protocolError.accept(earlyError);
        }
        reader.feed(new byte[0], this::deliver, this::fail);
    }

    void onClose(Runnable r) {
        onClose = r;
    }

    private void deliver(Packet p) {
        if (packets == null) {
            pending.add(p);
        } else {
            packets.accept(p);
        }
    }

    private void fail(String reason) {
        if (protocolError == null) {
            earlyError = reason;
        } else {
            protocolError.accept(reason);
        }
    }

    Future<Void> send(Packet p) {
        if (closed) {
            return Future.failedFuture("socket closed");
        }
        ByteBuffer b = PacketEncoder.encode(p, ctx.get());
        return socket.write(io.vertx.core.internal.buffer.BufferInternal.buffer(io.netty.buffer.Unpooled.wrappedBuffer(b)));
    }

    /** A data packet: header and p_data, then the data bytes (copied once into the frame). */
    Future<Void> sendData(PacketType type, int volume, Payload.Data d) {
        if (closed) {
            return Future.failedFuture("socket closed");
        }
        ByteBuffer prefix = PacketEncoder.encodeDataPrefix(type, volume, d, ctx.get());
        ByteBuffer data = d.data().duplicate();
        io.netty.buffer.ByteBuf frame = io.netty.buffer.Unpooled.buffer(prefix.remaining() + data.remaining());
        frame.writeBytes(prefix);
        frame.writeBytes(data);
        return socket.write(io.vertx.core.internal.buffer.BufferInternal.buffer(frame));
    }

    /** Bytes queued for sending beyond what the socket took (back-pressure). */
    boolean congested() {
        return socket.writeQueueFull();
    }

    boolean closed() {
        return closed;
    }

    void close() {
        if (!closed) {
            closed = true;
            socket.close();
        }
    }
}
