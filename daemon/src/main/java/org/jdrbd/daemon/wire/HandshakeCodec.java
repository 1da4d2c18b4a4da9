package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;

/** Payloads of the connect phase: P_CONNECTION_FEATURES, P_AUTH_*, and empty packets. */
final class HandshakeCodec {
    /** u32 min, u32 flags, u32 max, u32 pad, u64 reserved[7]. */
    static final int FEATURES_BYTES = 72;

    private HandshakeCodec() {
    }

    static WireResult<Payload> decode(PacketType t, ByteBuffer in) {
        return switch (t) {
            case P_CONNECTION_FEATURES -> {
                int min = in.getInt();
                int flags = in.getInt();
                int max = in.getInt();
                // pad and reserved words are ignored on receipt, as DRBD does.
                in.position(in.position() + 4 + 56);
                yield WireResult.ok(new Payload.Features(min, flags, max));
            }
            case P_AUTH_CHALLENGE, P_AUTH_RESPONSE ->
                    WireResult.ok(new Payload.Auth(Fields.readBytes(in, in.remaining())));
            default -> WireResult.ok(Payload.Empty.INSTANCE);
        };
    }

    static ByteBuffer encode(Payload p) {
        if (p instanceof Payload.Features f) {
            ByteBuffer out = ByteBuffer.allocate(FEATURES_BYTES);
            out.putInt(f.protocolMin()).putInt(f.featureFlags()).putInt(f.protocolMax()).putInt(0);
            return out.position(FEATURES_BYTES).flip();
        }
        if (p instanceof Payload.Auth a) {
            ByteBuffer out = ByteBuffer.allocate(a.bytes().length());
            a.bytes().writeTo(out);
            return out.flip();
        }
        assert p instanceof Payload.Empty : p;
        return ByteBuffer.allocate(0);
    }
}
