package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.Channel.BOTH;
import static org.jdrbd.daemon.wire.Channel.DATA;
import static org.jdrbd.daemon.wire.Channel.META;
import static org.jdrbd.daemon.wire.Channel.NONE;
import static org.jdrbd.daemon.wire.WireConstants.FF_THIN_RESYNC;
import static org.jdrbd.daemon.wire.WireConstants.FF_TRIM;
import static org.jdrbd.daemon.wire.WireConstants.FF_WSAME;
import static org.jdrbd.daemon.wire.WireConstants.FF_WZEROES;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * DRBD 8.4's packets (fact sheet §6.3) with their numbers, socket, fixed struct size, what may
 * trail the struct, and the protocol version / feature flag that gates them.
 */
public enum PacketType {
    /** Replicated application write. */
    P_DATA(0x00, DATA, 24, Trailer.DATA, 86),
    /** Answer to P_DATA_REQUEST (remote read). */
    P_DATA_REPLY(0x01, DATA, 24, Trailer.DATA, 86),
    /** Resync data, block_id ID_SYNCER. */
    P_RS_DATA_REPLY(0x02, DATA, 24, Trailer.DATA, 86),
    /** Closes a write epoch. */
    P_BARRIER(0x03, DATA, 8, Trailer.NONE, 86),
    /** Plain bitmap words. */
    P_BITMAP(0x04, DATA, 0, Trailer.BITMAP_WORDS, 86),
    /** Obsolete, no handler since 8.4. */
    P_BECOME_SYNC_TARGET(0x05, NONE, 0, Trailer.NONE, 86),
    /** Obsolete, no handler since 8.4. */
    P_BECOME_SYNC_SOURCE(0x06, NONE, 0, Trailer.NONE, 86),
    /** Hint: kick the peer's IO queue. */
    P_UNPLUG_REMOTE(0x07, DATA, 0, Trailer.NONE, 86),
    /** Remote read request. */
    P_DATA_REQUEST(0x08, DATA, 24, Trailer.NONE, 86),
    /** Resync read request from the SyncTarget. */
    P_RS_DATA_REQUEST(0x09, DATA, 24, Trailer.NONE, 86),
    /** Resync parameters up to apv 88 (rate, verify-alg from 88). */
    P_SYNC_PARAM(0x0a, DATA, 4, Trailer.STRING, 86, 88, 0),
    /** Connection parameters, checked for compatibility. */
    P_PROTOCOL(0x0b, DATA, 24, Trailer.STRING, 86),
    /** Generation UUIDs, bitmap weight, flags. */
    P_UUIDS(0x0c, DATA, 48, Trailer.NONE, 86),
    /** Disk and device sizes and limits. */
    P_SIZES(0x0d, DATA, 32, Trailer.QUEUE_LIMITS, 86),
    /** Current state word. */
    P_STATE(0x0e, DATA, 4, Trailer.NONE, 86),
    /** New sync UUID from the SyncSource. */
    P_SYNC_UUID(0x0f, DATA, 8, Trailer.NONE, 86),
    /** CRAM-HMAC challenge. */
    P_AUTH_CHALLENGE(0x10, DATA, 0, Trailer.CHALLENGE, 86),
    /** CRAM-HMAC response. */
    P_AUTH_RESPONSE(0x11, DATA, 0, Trailer.RESPONSE, 86),
    /** Cluster-wide state change request (mask, val). */
    P_STATE_CHG_REQ(0x12, DATA, 8, Trailer.NONE, 86),
    /** Keep-alive. */
    P_PING(0x13, META, 0, Trailer.NONE, 86),
    /** Keep-alive answer. */
    P_PING_ACK(0x14, META, 0, Trailer.NONE, 86),
    /** Protocol B: data received. */
    P_RECV_ACK(0x15, META, 24, Trailer.NONE, 86),
    /** Protocol C: data written. */
    P_WRITE_ACK(0x16, META, 24, Trailer.NONE, 86),
    /** Write ack that also sets the block in sync. */
    P_RS_WRITE_ACK(0x17, META, 24, Trailer.NONE, 86),
    /** Two primaries: the peer's write was superseded. */
    P_SUPERSEDED(0x18, META, 24, Trailer.NONE, 86),
    /** Write failed on the peer. */
    P_NEG_ACK(0x19, META, 24, Trailer.NONE, 86),
    /** Remote read failed. */
    P_NEG_DREPLY(0x1a, META, 24, Trailer.NONE, 86),
    /** Resync or verify read failed on the source. */
    P_NEG_RS_DREPLY(0x1b, META, 24, Trailer.NONE, 86),
    /** Epoch completed and stable on the secondary. */
    P_BARRIER_ACK(0x1c, META, 8, Trailer.NONE, 86),
    /** Reply to P_STATE_CHG_REQ. */
    P_STATE_CHG_REPLY(0x1d, META, 4, Trailer.NONE, 86),
    /** Online verify: ask for a block digest. */
    P_OV_REQUEST(0x1e, DATA, 24, Trailer.NONE, 88),
    /** Online verify: the digest of a block. */
    P_OV_REPLY(0x1f, DATA, 24, Trailer.DIGEST, 88),
    /** Online verify result (block_id ID_IN_SYNC or ID_OUT_OF_SYNC). */
    P_OV_RESULT(0x20, META, 24, Trailer.NONE, 88),
    /** Checksum-based resync request. */
    P_CSUM_RS_REQUEST(0x21, DATA, 24, Trailer.DIGEST, 89),
    /** Checksums matched: block in sync. */
    P_RS_IS_IN_SYNC(0x22, META, 24, Trailer.NONE, 89),
    /** Resync parameters from apv 89 (verify/csums alg, controller from 95). */
    P_SYNC_PARAM89(0x23, DATA, 132, Trailer.SYNC_PARAM89, 89),
    /** RLE+VLI compressed bitmap. */
    P_COMPRESSED_BITMAP(0x24, DATA, 1, Trailer.BITMAP_CODE, 90),
    /** Delay probe from 8.3; accepted and ignored. */
    P_DELAY_PROBE(0x27, BOTH, 8, Trailer.NONE, 93),
    /** Mark a range out of sync (Ahead/Behind). */
    P_OUT_OF_SYNC(0x28, DATA, 16, Trailer.NONE, 96),
    /** SyncSource in Ahead declines a resync request. */
    P_RS_CANCEL(0x29, META, 24, Trailer.NONE, 96),
    /** Connection-wide state change request. */
    P_CONN_ST_CHG_REQ(0x2a, DATA, 8, Trailer.NONE, 100),
    /** Reply to P_CONN_ST_CHG_REQ. */
    P_CONN_ST_CHG_REPLY(0x2b, META, 4, Trailer.NONE, 100),
    /** Two primaries: retry the conflicting write later. */
    P_RETRY_WRITE(0x2c, META, 24, Trailer.NONE, 100),
    /** Change protocol parameters on a live connection. */
    P_PROTOCOL_UPDATE(0x2d, DATA, 24, Trailer.STRING, 100),
    /** Discard a range. */
    P_TRIM(0x31, DATA, 28, Trailer.NONE, 86, 999, FF_TRIM),
    /** Resync request that may be answered with P_RS_DEALLOCATED. */
    P_RS_THIN_REQ(0x32, DATA, 24, Trailer.NONE, 86, 999, FF_THIN_RESYNC),
    /** Block is all zeroes on the source. */
    P_RS_DEALLOCATED(0x33, DATA, 16, Trailer.NONE, 86, 999, FF_THIN_RESYNC),
    /** WRITE SAME: one logical block repeated over a range. */
    P_WSAME(0x34, DATA, 28, Trailer.DATA, 86, 999, FF_WSAME),
    /** WRITE ZEROES over a range. */
    P_ZEROES(0x36, DATA, 28, Trailer.NONE, 86, 999, FF_WZEROES),
    /** First packet on the meta socket. */
    P_INITIAL_META(0xfff1, META, 0, Trailer.NONE, 0),
    /** First packet on the data socket. */
    P_INITIAL_DATA(0xfff2, DATA, 0, Trailer.NONE, 0),
    /** Version and feature negotiation. */
    P_CONNECTION_FEATURES(0xfffe, DATA, 72, Trailer.NONE, 0);

    private static final Map<Integer, PacketType> BY_CODE = new HashMap<>();

    static {
        for (PacketType t : values()) {
            BY_CODE.put(t.code, t);
        }
    }

    private final int code;
    private final Channel channel;
    private final int fixedBytes;
    private final Trailer trailer;
    private final int minApv;
    private final int maxApv;
    private final int requiredFeature;

    PacketType(int code, Channel channel, int fixedBytes, Trailer trailer, int minApv) {
        this(code, channel, fixedBytes, trailer, minApv, 999, 0);
    }

    PacketType(int code, Channel channel, int fixedBytes, Trailer trailer, int minApv, int maxApv,
            int requiredFeature) {
        this.code = code;
        this.channel = channel;
        this.fixedBytes = fixedBytes;
        this.trailer = trailer;
        this.minApv = minApv;
        this.maxApv = maxApv;
        this.requiredFeature = requiredFeature;
    }

    /** DRBD's command number. */
    public int code() {
        return code;
    }

    /** The socket this packet travels on. */
    public Channel channel() {
        return channel;
    }

    /** Size of the fixed payload struct in bytes. */
    public int fixedBytes() {
        return fixedBytes;
    }

    /** What may follow the fixed struct. */
    public Trailer trailer() {
        return trailer;
    }

    /** True when bytes beyond the fixed struct are possible. */
    public boolean hasTrailer() {
        return trailer != Trailer.NONE;
    }

    /** Lowest agreed protocol version that knows this packet (0: handshake packets). */
    public int minApv() {
        return minApv;
    }

    /** Highest agreed protocol version that uses this packet. */
    public int maxApv() {
        return maxApv;
    }

    /** Feature flag that must be agreed for this packet (0: none). */
    public int requiredFeature() {
        return requiredFeature;
    }

    /** The packet with this command number, if DRBD 8.4 defines one. */
    public static Optional<PacketType> fromCode(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
