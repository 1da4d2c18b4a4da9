package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Turns untrusted bytes into packets in two steps, never throwing on input:
 * {@link #checkHeader} validates magic, command, socket, version gates and the length against
 * the packet's struct before any payload is read (so the caller knows how much to read and never
 * reads a lying length); {@link #decodePayload} then decodes exactly that many bytes.
 */
public final class PacketDecoder {
    private PacketDecoder() {
    }

    /** A header that passed every check, with its packet type. */
    public record Checked(Header header, PacketType type) {
        public int payloadBytes() {
            return (int) header.lengthBytes();
        }
    }

    /** Validates the header at the buffer's position (which does not move). */
    public static WireResult<Checked> checkHeader(ByteBuffer in, WireContext ctx, Channel socket) {
        return HeaderCodec.read(in, ctx.apv()).flatMap(h -> checkHeader(h, ctx, socket));
    }

    /** Validates an already-parsed header. */
    public static WireResult<Checked> checkHeader(Header h, WireContext ctx, Channel socket) {
        Optional<PacketType> known = PacketType.fromCode(h.command());
        String side = socket == Channel.META ? "meta" : "data";
        if (known.isEmpty()) {
            return WireResult.error("Unexpected %s packet 0x%04x (unknown command)", side,
                    h.command());
        }
        PacketType t = known.get();
        if (!t.channel().allows(socket)) {
            return WireResult.error("Unexpected %s packet %s (0x%04x)", side, t, t.code());
        }
        if (ctx.apv() < t.minApv() || ctx.apv() > t.maxApv()) {
            return WireResult.error("%s is not valid in protocol version %d", t, ctx.apv());
        }
        if (t.requiredFeature() != 0 && !ctx.has(t.requiredFeature())) {
            return WireResult.error("%s received but feature 0x%x was not agreed", t,
                    t.requiredFeature());
        }
        if (h.volume() != 0 && h.format() != HeaderFormat.H100) {
            return WireResult.error("volume %d in a pre-100 header", h.volume());
        }
        String bad = LengthRules.check(t, h.lengthBytes(), ctx);
        return bad != null ? WireResult.error(bad) : WireResult.ok(new Checked(h, t));
    }

    /**
     * Decodes a payload of exactly {@code checked.payloadBytes()} bytes from the buffer's
     * position; the buffer advances past it.
     */
    public static WireResult<Packet> decodePayload(Checked checked, ByteBuffer in,
            WireContext ctx) {
        int n = checked.payloadBytes();
        if (in.remaining() < n) {
            return WireResult.error("%s: truncated payload, %d of %d bytes", checked.type(),
                    in.remaining(), n);
        }
        ByteBuffer p = in.slice().limit(n).order(ByteOrder.BIG_ENDIAN);
        in.position(in.position() + n);
        PacketType t = checked.type();
        WireResult<Payload> r = switch (t) {
            case P_CONNECTION_FEATURES, P_AUTH_CHALLENGE, P_AUTH_RESPONSE, P_PING, P_PING_ACK,
                    P_UNPLUG_REMOTE, P_INITIAL_DATA, P_INITIAL_META, P_BECOME_SYNC_SOURCE,
                    P_BECOME_SYNC_TARGET -> HandshakeCodec.decode(t, p);
            case P_PROTOCOL, P_PROTOCOL_UPDATE, P_SYNC_PARAM, P_SYNC_PARAM89, P_UUIDS, P_SIZES,
                    P_STATE, P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ, P_STATE_CHG_REPLY,
                    P_CONN_ST_CHG_REPLY, P_SYNC_UUID, P_DELAY_PROBE ->
                    ParamCodec.decode(t, p, ctx);
            case P_BITMAP, P_COMPRESSED_BITMAP -> BitmapCodec.decode(t, p);
            default -> BlockCodec.decode(t, p, ctx);
        };
        if (r.isOk() && p.hasRemaining()) {
            // A codec that leaves bytes unread is a bug in the length rules, not bad input.
            throw new IllegalStateException(t + " left " + p.remaining() + " bytes unread");
        }
        int volume = checked.header().volume();
        return r.map(payload -> new Packet(t, volume, payload));
    }

    /** Checks and decodes one whole frame (header and payload) from the buffer's position. */
    public static WireResult<Packet> decode(ByteBuffer in, WireContext ctx, Channel socket) {
        WireResult<Checked> c = checkHeader(in, ctx, socket);
        if (!c.isOk()) {
            return WireResult.error(c.reason());
        }
        ByteBuffer rest = in.duplicate();
        rest.position(rest.position() + ctx.headerBytes());
        WireResult<Packet> r = decodePayload(c.value(), rest, ctx);
        if (r.isOk()) {
            in.position(rest.position());
        }
        return r;
    }
}
