package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.SHARED_SECRET_MAX;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jdrbd.statemachine.State;

/**
 * Parameter packets of the handshake and state exchange: P_PROTOCOL(_UPDATE), P_SYNC_PARAM(89),
 * P_UUIDS, P_SIZES, P_STATE, P_STATE_CHG_REQ/REPLY, P_CONN_ST_CHG_*, P_SYNC_UUID, P_DELAY_PROBE.
 */
final class ParamCodec {
    /** u32 protocol, after_sb_0p/1p/2p, conn_flags, two_primaries. */
    static final int PROTOCOL_FIXED_BYTES = 24;
    /** P_SYNC_PARAM89 up to apv 94: rate + two 64-byte names. */
    static final int SYNC_PARAM89_BYTES = 132;
    /** From apv 95: plus c_plan_ahead, c_delay_target, c_fill_target, c_max_rate. */
    static final int SYNC_PARAM95_BYTES = 148;
    /** p_sizes without queue limits. */
    static final int SIZES_BYTES = 32;
    /** The o_qlim struct appended with FF_WSAME. */
    static final int QUEUE_LIMITS_BYTES = 24;

    private ParamCodec() {
    }

    /** Exact size of P_SYNC_PARAM89 at this version. */
    static int syncParam89Bytes(int apv) {
        return apv >= 95 ? SYNC_PARAM95_BYTES : SYNC_PARAM89_BYTES;
    }

    static WireResult<Payload> decode(PacketType t, ByteBuffer in, WireContext ctx) {
        return switch (t) {
            case P_PROTOCOL, P_PROTOCOL_UPDATE -> decodeProtocol(in);
            case P_SYNC_PARAM -> decodeSyncParam(in);
            case P_SYNC_PARAM89 -> decodeSyncParam89(in, ctx.apv());
            case P_UUIDS -> WireResult.ok(new Payload.Uuids(in.getLong(), in.getLong(),
                    in.getLong(), in.getLong(), in.getLong(), in.getLong()));
            case P_SIZES -> decodeSizes(in);
            case P_STATE -> {
                int word = in.getInt();
                Optional<State> s = State.fromWord(word);
                yield s.isPresent() ? WireResult.ok(new Payload.StateReport(s.get()))
                        : WireResult.error("invalid state word 0x%08x", word);
            }
            case P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ ->
                    WireResult.ok(new Payload.StateChange(in.getInt(), in.getInt()));
            case P_STATE_CHG_REPLY, P_CONN_ST_CHG_REPLY ->
                    WireResult.ok(new Payload.StateChangeReply(in.getInt()));
            case P_SYNC_UUID -> WireResult.ok(new Payload.SyncUuid(in.getLong()));
            case P_DELAY_PROBE -> WireResult.ok(new Payload.DelayProbe(in.getInt(), in.getInt()));
            default -> throw new IllegalArgumentException("not a parameter packet: " + t);
        };
    }

    private static WireResult<Payload> decodeProtocol(ByteBuffer in) {
        int proto = in.getInt();
        int sb0 = in.getInt();
        int sb1 = in.getInt();
        int sb2 = in.getInt();
        int flags = in.getInt();
        int twoPrimaries = in.getInt();
        if (proto < 1 || proto > 3) {
            return WireResult.error("unknown wire protocol %d (expected 1..3 for A..C)", proto);
        }
        if (twoPrimaries != 0 && twoPrimaries != 1) {
            return WireResult.error("two_primaries is %d, expected 0 or 1", twoPrimaries);
        }
        return Fields.readName(in, in.remaining(), "data-integrity-alg")
                .map(alg -> new Payload.Protocol(proto, sb0, sb1, sb2, flags, twoPrimaries == 1,
                        alg));
    }

    private static WireResult<Payload> decodeSyncParam(ByteBuffer in) {
        int rate = in.getInt();
        return Fields.readName(in, in.remaining(), "verify-alg")
                .map(v -> new Payload.SyncParam(rate, v, "", 0, 0, 0, 0));
    }

    private static WireResult<Payload> decodeSyncParam89(ByteBuffer in, int apv) {
        int rate = in.getInt();
        WireResult<String> verify = Fields.readName(in, SHARED_SECRET_MAX, "verify-alg");
        WireResult<String> csums = Fields.readName(in, SHARED_SECRET_MAX, "csums-alg");
        if (!verify.isOk()) {
            return WireResult.error(verify.reason());
        }
        if (!csums.isOk()) {
            return WireResult.error(csums.reason());
        }
        int[] c = new int[4];
        if (apv >= 95) {
            for (int i = 0; i < c.length; i++) {
                c[i] = in.getInt();
            }
        }
        return WireResult.ok(new Payload.SyncParam(rate, verify.value(), csums.value(), c[0], c[1],
                c[2], c[3]));
    }

    private static WireResult<Payload> decodeSizes(ByteBuffer in) {
        long d = in.getLong();
        long u = in.getLong();
        long c = in.getLong();
        int maxBio = in.getInt();
        int order = Short.toUnsignedInt(in.getShort());
        int dds = Short.toUnsignedInt(in.getShort());
        if (d < 0 || u < 0 || c < 0) {
            return WireResult.error("P_SIZES carries a size at or above 2^63 sectors");
        }
        Optional<Payload.QueueLimits> q = Optional.empty();
        if (in.remaining() >= QUEUE_LIMITS_BYTES) {
            q = Optional.of(new Payload.QueueLimits(in.getInt(), in.getInt(), in.getInt(),
                    in.getInt(), in.getInt(), in.get() != 0, in.get() != 0, in.get() != 0));
            in.get();
        }
        return WireResult.ok(new Payload.Sizes(d, u, c, maxBio, order, dds, q));
    }

    static ByteBuffer encode(PacketType t, Payload p, WireContext ctx) {
        return switch (t) {
            case P_PROTOCOL, P_PROTOCOL_UPDATE -> encodeProtocol((Payload.Protocol) p, ctx.apv());
            case P_SYNC_PARAM -> encodeSyncParam((Payload.SyncParam) p, ctx.apv());
            case P_SYNC_PARAM89 -> encodeSyncParam89((Payload.SyncParam) p, ctx.apv());
            case P_UUIDS -> {
                Payload.Uuids u = (Payload.Uuids) p;
                yield ByteBuffer.allocate(48).putLong(u.current()).putLong(u.bitmap())
                        .putLong(u.history1()).putLong(u.history2())
                        .putLong(u.bitmapWeightBits()).putLong(u.flags()).flip();
            }
            case P_SIZES -> encodeSizes((Payload.Sizes) p);
            case P_STATE -> ByteBuffer.allocate(4)
                    .putInt(((Payload.StateReport) p).state().toWord()).flip();
            case P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ -> {
                Payload.StateChange s = (Payload.StateChange) p;
                yield ByteBuffer.allocate(8).putInt(s.mask()).putInt(s.val()).flip();
            }
            case P_STATE_CHG_REPLY, P_CONN_ST_CHG_REPLY ->
                    ByteBuffer.allocate(4).putInt(((Payload.StateChangeReply) p).retcode()).flip();
            case P_SYNC_UUID -> ByteBuffer.allocate(8).putLong(((Payload.SyncUuid) p).uuid()).flip();
            case P_DELAY_PROBE -> {
                Payload.DelayProbe d = (Payload.DelayProbe) p;
                yield ByteBuffer.allocate(8).putInt(d.seqNum()).putInt(d.offset()).flip();
            }
            default -> throw new IllegalArgumentException("not a parameter packet: " + t);
        };
    }

    private static ByteBuffer encodeProtocol(Payload.Protocol p, int apv) {
        // The integrity-alg name exists from apv 87; it is always sent then, empty or not.
        int nameBytes = apv >= 87 ? Fields.nameTrailerBytes(p.integrityAlg()) : 0;
        ByteBuffer out = ByteBuffer.allocate(PROTOCOL_FIXED_BYTES + nameBytes);
        out.putInt(p.wireProtocol()).putInt(p.afterSb0p()).putInt(p.afterSb1p())
                .putInt(p.afterSb2p()).putInt(p.connFlags()).putInt(p.twoPrimaries() ? 1 : 0);
        if (nameBytes > 0) {
            Fields.writeName(out, p.integrityAlg(), nameBytes);
        }
        return out.flip();
    }

    private static ByteBuffer encodeSyncParam(Payload.SyncParam p, int apv) {
        int nameBytes = apv >= 88 ? Fields.nameTrailerBytes(p.verifyAlg()) : 0;
        ByteBuffer out = ByteBuffer.allocate(4 + nameBytes).putInt(p.resyncRateKiB());
        if (nameBytes > 0) {
            Fields.writeName(out, p.verifyAlg(), nameBytes);
        }
        return out.flip();
    }

    private static ByteBuffer encodeSyncParam89(Payload.SyncParam p, int apv) {
        ByteBuffer out = ByteBuffer.allocate(syncParam89Bytes(apv)).putInt(p.resyncRateKiB());
        Fields.writeName(out, p.verifyAlg(), SHARED_SECRET_MAX);
        Fields.writeName(out, p.csumsAlg(), SHARED_SECRET_MAX);
        if (apv >= 95) {
            out.putInt(p.cPlanAheadDs()).putInt(p.cDelayTargetDs()).putInt(p.cFillTargetSectors())
                    .putInt(p.cMaxRateKiB());
        }
        return out.flip();
    }

    private static ByteBuffer encodeSizes(Payload.Sizes s) {
        int size = SIZES_BYTES + (s.queueLimits().isPresent() ? QUEUE_LIMITS_BYTES : 0);
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putLong(s.diskSizeSectors()).putLong(s.userSizeSectors())
                .putLong(s.currentSizeSectors()).putInt(s.maxBioSizeBytes())
                .putShort((short) s.queueOrderType()).putShort((short) s.ddsFlags());
        s.queueLimits().ifPresent(q -> out.putInt(q.physicalBlockBytes())
                .putInt(q.logicalBlockBytes()).putInt(q.alignmentOffsetBytes())
                .putInt(q.ioMinBytes()).putInt(q.ioOptBytes()).put(flag(q.discardEnabled()))
                .put(flag(q.discardZeroesData())).put(flag(q.writeSameCapable())).put((byte) 0));
        return out.flip();
    }

    private static byte flag(boolean b) {
        return (byte) (b ? 1 : 0);
    }
}
