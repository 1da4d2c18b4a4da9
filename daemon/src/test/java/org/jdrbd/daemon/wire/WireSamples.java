package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;

/** Seeded generators of valid packets for every packet type, used by round-trip and fuzz tests. */
final class WireSamples {
    /** Every type a peer may legitimately send (the obsolete ones have no handler). */
    static final List<PacketType> SENDABLE = Arrays.stream(PacketType.values())
            .filter(t -> t.channel() != Channel.NONE).toList();

    private WireSamples() {
    }

    /** The context in which {@code t} is valid and richest: apv 101 (or its range), all flags. */
    static WireContext contextFor(PacketType t, int digestBytes) {
        int apv = Math.min(Math.max(t.minApv(), 101), t.maxApv());
        if (t.minApv() == 0) {
            return WireContext.UNNEGOTIATED;
        }
        return new WireContext(apv, WireConstants.FF_ALL, digestBytes);
    }

    static Packet sample(PacketType t, WireContext ctx, Random r) {
        int vol = ctx.apv() >= 100 ? r.nextInt(4) : 0;
        return new Packet(t, vol, payload(t, ctx, r));
    }

    static Payload payload(PacketType t, WireContext ctx, Random r) {
        return switch (t) {
            case P_DATA, P_DATA_REPLY, P_RS_DATA_REPLY -> new Payload.Data(sector(r), r.nextLong(),
                    r.nextInt(), r.nextInt(2048), bytes(r, ctx.integrityDigestBytes()),
                    ByteBuffer.wrap(raw(r, 512 * r.nextInt(9))));
            case P_BARRIER -> new Payload.Barrier(r.nextInt());
            case P_BITMAP -> new Payload.PlainBitmap(r.longs(r.nextInt(60)).toArray());
            case P_UNPLUG_REMOTE, P_PING, P_PING_ACK, P_INITIAL_DATA, P_INITIAL_META,
                    P_BECOME_SYNC_SOURCE, P_BECOME_SYNC_TARGET -> Payload.Empty.INSTANCE;
            case P_DATA_REQUEST, P_RS_DATA_REQUEST, P_OV_REQUEST, P_RS_THIN_REQ ->
                    new Payload.BlockRequest(sector(r), r.nextLong(), blk(r), Bytes.EMPTY);
            case P_OV_REPLY, P_CSUM_RS_REQUEST -> new Payload.BlockRequest(sector(r), r.nextLong(),
                    blk(r), bytes(r, 1 + r.nextInt(64)));
            case P_SYNC_PARAM -> new Payload.SyncParam(r.nextInt(), ctx.apv() >= 88 ? name(r) : "",
                    "", 0, 0, 0, 0);
            case P_SYNC_PARAM89 -> ctx.apv() >= 95
                    ? new Payload.SyncParam(r.nextInt(), name(r), name(r), r.nextInt(300),
                            r.nextInt(100), r.nextInt(), r.nextInt())
                    : new Payload.SyncParam(r.nextInt(), name(r), name(r), 0, 0, 0, 0);
            case P_PROTOCOL, P_PROTOCOL_UPDATE -> new Payload.Protocol(1 + r.nextInt(3),
                    r.nextInt(11), r.nextInt(11), r.nextInt(11), r.nextInt(4), r.nextBoolean(),
                    ctx.apv() >= 87 ? name(r) : "");
            case P_UUIDS -> new Payload.Uuids(r.nextLong(), r.nextLong(), r.nextLong(),
                    r.nextLong(), r.nextLong(), r.nextInt(16));
            case P_SIZES -> new Payload.Sizes(sector(r), sector(r), sector(r), r.nextInt(),
                    r.nextInt(0x10000), r.nextInt(0x10000),
                    ctx.has(WireConstants.FF_WSAME) ? Optional.of(new Payload.QueueLimits(4096,
                            512, 0, r.nextInt(), r.nextInt(), r.nextBoolean(), r.nextBoolean(),
                            r.nextBoolean())) : Optional.empty());
            case P_STATE -> new Payload.StateReport(state(r));
            case P_SYNC_UUID -> new Payload.SyncUuid(r.nextLong());
            case P_AUTH_CHALLENGE -> new Payload.Auth(bytes(r, 64 + r.nextInt(65)));
            case P_AUTH_RESPONSE -> new Payload.Auth(bytes(r, 1 + r.nextInt(64)));
            case P_STATE_CHG_REQ, P_CONN_ST_CHG_REQ ->
                    new Payload.StateChange(r.nextInt(), r.nextInt());
            case P_STATE_CHG_REPLY, P_CONN_ST_CHG_REPLY ->
                    new Payload.StateChangeReply(r.nextInt(40) - 22);
            case P_RECV_ACK, P_WRITE_ACK, P_RS_WRITE_ACK, P_SUPERSEDED, P_NEG_ACK, P_NEG_DREPLY,
                    P_NEG_RS_DREPLY, P_OV_RESULT, P_RS_IS_IN_SYNC, P_RS_CANCEL, P_RETRY_WRITE ->
                    new Payload.BlockAck(sector(r), r.nextLong(), blk(r), r.nextInt());
            case P_BARRIER_ACK -> new Payload.BarrierAck(r.nextInt(), r.nextInt(2048));
            case P_COMPRESSED_BITMAP -> new Payload.CompressedBitmap(2, r.nextInt(8),
                    r.nextBoolean(), bytes(r, 1 + r.nextInt(100)));
            case P_DELAY_PROBE -> new Payload.DelayProbe(r.nextInt(), r.nextInt());
            case P_OUT_OF_SYNC, P_RS_DEALLOCATED -> new Payload.BlockDesc(sector(r), blk(r));
            case P_TRIM, P_ZEROES -> new Payload.SizedRange(sector(r), r.nextLong(), r.nextInt(),
                    r.nextInt(), 512 * (1 + r.nextInt(1 << 16)));
            case P_WSAME -> new Payload.WriteSame(sector(r), r.nextLong(), r.nextInt(),
                    r.nextInt(), 4096 * (1 + r.nextInt(100)), bytes(r, ctx.integrityDigestBytes()),
                    ByteBuffer.wrap(raw(r, 4096)));
            case P_CONNECTION_FEATURES -> new Payload.Features(r.nextInt(120), r.nextInt(16),
                    r.nextInt(120));
        };
    }

    static State state(Random r) {
        Role[] roles = Role.values();
        ConnState[] conns = ConnState.values();
        DiskState[] disks = DiskState.values();
        return new State(roles[r.nextInt(roles.length)], roles[r.nextInt(roles.length)],
                conns[r.nextInt(conns.length)], disks[r.nextInt(disks.length)],
                disks[r.nextInt(disks.length)], r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
    }

    static long sector(Random r) {
        return r.nextLong() >>> (1 + r.nextInt(40));
    }

    static int blk(Random r) {
        return 512 * (1 + r.nextInt(2048));
    }

    static String name(Random r) {
        String[] names = {"", "md5", "sha1", "sha256", "crc32c", "sha512"};
        return names[r.nextInt(names.length)];
    }

    static byte[] raw(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static Bytes bytes(Random r, int n) {
        return Bytes.of(raw(r, n));
    }

    /** The socket a packet is received on in tests. */
    static Channel socketFor(PacketType t) {
        return t.channel() == Channel.BOTH ? Channel.META : t.channel();
    }
}
