package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.CHALLENGE_BYTES;
import static org.jdrbd.daemon.wire.WireConstants.CHALLENGE_MAX_BYTES;
import static org.jdrbd.daemon.wire.WireConstants.MAX_DIGEST_BYTES;
import static org.jdrbd.daemon.wire.WireConstants.SHARED_SECRET_MAX;
import static org.jdrbd.daemon.wire.WireConstants.SOCKET_BUFFER_BYTES;

/**
 * The allowed payload length of each packet at the agreed version, checked from the header
 * alone, before a byte of payload is read (seed 003: every size validated against its buffer).
 */
final class LengthRules {
    private LengthRules() {
    }

    /** Inclusive {@code [min, max]} payload bytes. */
    record Range(long min, long max) {
        boolean contains(long n) {
            return n >= min && n <= max;
        }
    }

    static Range allowed(PacketType t, WireContext ctx) {
        int fixed = t.fixedBytes();
        return switch (t.trailer()) {
            case NONE -> exact(fixed);
            case DATA -> {
                long min = fixed + ctx.integrityDigestBytes();
                long max = t == PacketType.P_WSAME ? min + 4096
                        : min + WireConstants.maxDataBytes(ctx.apv());
                yield new Range(t == PacketType.P_WSAME ? min + 512 : min, max);
            }
            case STRING -> stringRange(t, ctx.apv());
            case SYNC_PARAM89 -> exact(ParamCodec.syncParam89Bytes(ctx.apv()));
            case QUEUE_LIMITS -> exact(fixed
                    + (ctx.has(WireConstants.FF_WSAME) ? ParamCodec.QUEUE_LIMITS_BYTES : 0));
            case DIGEST -> new Range(fixed + 1, fixed + MAX_DIGEST_BYTES);
            case CHALLENGE -> new Range(CHALLENGE_BYTES, CHALLENGE_MAX_BYTES);
            case RESPONSE -> new Range(1, MAX_DIGEST_BYTES);
            case BITMAP_WORDS -> new Range(0, SOCKET_BUFFER_BYTES - ctx.headerBytes());
            case BITMAP_CODE -> new Range(fixed + 1, SOCKET_BUFFER_BYTES - ctx.headerBytes());
        };
    }

    private static Range stringRange(PacketType t, int apv) {
        int fixed = t.fixedBytes();
        // The name trailer appears at apv 87 (P_PROTOCOL) and 88 (P_SYNC_PARAM).
        int since = t == PacketType.P_SYNC_PARAM ? 88 : 87;
        return apv >= since ? new Range(fixed, fixed + SHARED_SECRET_MAX) : exact(fixed);
    }

    private static Range exact(long n) {
        return new Range(n, n);
    }

    /** Null when the length is acceptable, else the reason. */
    static String check(PacketType t, long lengthBytes, WireContext ctx) {
        Range r = allowed(t, ctx);
        if (!r.contains(lengthBytes)) {
            return r.min() == r.max()
                    ? String.format("%s: payload of %d bytes, expected exactly %d", t, lengthBytes,
                            r.min())
                    : String.format("%s: payload of %d bytes, expected %d..%d", t, lengthBytes,
                            r.min(), r.max());
        }
        if (t.trailer() == Trailer.BITMAP_WORDS && lengthBytes % Long.BYTES != 0) {
            return String.format("%s: payload of %d bytes is not whole 64-bit words", t,
                    lengthBytes);
        }
        return null;
    }
}
