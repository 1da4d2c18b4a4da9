package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;

/**
 * Encodes packets with the header DRBD picks for the agreed version (h80 before negotiation and
 * below 95, h95 for big payloads at 95..99, h100 from 100).
 */
public final class PacketEncoder {
    private PacketEncoder() {
    }

    /** Header and payload in one buffer, ready to write (position 0). */
    public static ByteBuffer encode(Packet p, WireContext ctx) {
        ByteBuffer payload = payload(p, ctx);
        ByteBuffer out = header(p, ctx, payload.remaining());
        return out.put(payload).flip();
    }

    /**
     * For data packets sent without copying the data: header (whose length counts the data),
     * p_data and digest; the caller writes {@code data()} right after.
     */
    public static ByteBuffer encodeDataPrefix(PacketType type, int volume, Payload.Data d,
            WireContext ctx) {
        assert PayloadKinds.accepts(type, d) : type + " is not a data packet";
        ByteBuffer prefix = BlockCodec.prefix(d, 0).flip();
        int total = prefix.remaining() + d.data().remaining();
        HeaderFormat f = HeaderFormat.forSending(ctx.apv(), total);
        ByteBuffer out = ByteBuffer.allocate(f.sizeBytes() + prefix.remaining());
        HeaderCodec.write(out, f, volume, type.code(), total);
        return out.put(prefix).flip();
    }

    private static ByteBuffer header(Packet p, WireContext ctx, int payloadBytes) {
        HeaderFormat f = HeaderFormat.forSending(ctx.apv(), payloadBytes);
        ByteBuffer out = ByteBuffer.allocate(f.sizeBytes() + payloadBytes);
        HeaderCodec.write(out, f, p.volume(), p.type().code(), payloadBytes);
        return out;
    }

    /** The payload bytes alone (position 0). */
    public static ByteBuffer payload(Packet p, WireContext ctx) {
        PacketType t = p.type();
        return switch (t) {
            case P_CONNECTION_FEATURES, P_AUTH_CHALLENGE, P_AUTH_RESPONSE, P_PING, P_PING_ACK,
                    P_UNPLUG_REMOTE, P_INITIAL_DATA, P_INITIAL_META, P_BECOME_SYNC_SOURCE,
                    P_BECOME_SYNC_TARGET -> HandshakeCodec.encode(p.payload());
            case P_PROTOCOL, P_PROTOCOL_UPDATE, P_SYNC_PARAM, P_SYNC_PARAM89, P_UUIDS, P_SIZES,
                    P_STATE, P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ, P_STATE_CHG_REPLY,
                    P_CONN_ST_CHG_REPLY, P_SYNC_UUID, P_DELAY_PROBE ->
                    ParamCodec.encode(t, p.payload(), ctx);
            case P_BITMAP, P_COMPRESSED_BITMAP -> BitmapCodec.encode(p.payload());
            default -> BlockCodec.encode(t, p.payload());
        };
    }
}
