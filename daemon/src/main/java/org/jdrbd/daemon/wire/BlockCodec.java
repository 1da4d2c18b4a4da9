package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.MAX_BIO_BYTES;
import static org.jdrbd.daemon.wire.WireConstants.MAX_DISCARD_BYTES;
import static org.jdrbd.daemon.wire.WireConstants.SECTOR_BYTES;

import java.nio.ByteBuffer;

/**
 * Block-level packets: p_data (+digest +data), p_trim, p_wsame, p_block_ack, p_block_req
 * (+digest), p_block_desc, barrier and barrier ack. block_id and barrier are opaque: they are read
 * and written as raw big-endian words so the echo is byte-identical.
 */
final class BlockCodec {
    /** u64 sector, u64 block_id, u32 seq_num, u32 dp_flags. */
    static final int P_DATA_BYTES = 24;

    private BlockCodec() {
    }

    static WireResult<Payload> decode(PacketType t, ByteBuffer in, WireContext ctx) {
        return switch (t) {
            case P_DATA, P_DATA_REPLY, P_RS_DATA_REPLY -> decodeData(in, ctx);
            case P_TRIM, P_ZEROES -> decodeSizedRange(in);
            case P_WSAME -> decodeWriteSame(in, ctx);
            case P_RECV_ACK, P_WRITE_ACK, P_RS_WRITE_ACK, P_SUPERSEDED, P_NEG_ACK, P_NEG_DREPLY,
                    P_NEG_RS_DREPLY, P_OV_RESULT, P_RS_IS_IN_SYNC, P_RS_CANCEL, P_RETRY_WRITE ->
                    decodeAck(in);
            case P_DATA_REQUEST, P_RS_DATA_REQUEST, P_OV_REQUEST, P_OV_REPLY, P_CSUM_RS_REQUEST,
                    P_RS_THIN_REQ -> decodeRequest(in);
            case P_OUT_OF_SYNC, P_RS_DEALLOCATED -> {
                long sector = in.getLong();
                int size = in.getInt();
                in.getInt();
                yield Fields.checkSector(sector)
                        .flatMap(s -> Fields.checkSize(size, 0, MAX_DISCARD_BYTES, "blksize"))
                        .map(z -> new Payload.BlockDesc(sector, size));
            }
            case P_BARRIER -> {
                int nr = in.getInt();
                in.getInt();
                yield WireResult.ok(new Payload.Barrier(nr));
            }
            case P_BARRIER_ACK -> {
                int nr = in.getInt();
                int setSize = in.getInt();
                yield setSize < 0 ? WireResult.error("barrier ack set_size %d out of range",
                        Integer.toUnsignedLong(setSize))
                        : WireResult.ok(new Payload.BarrierAck(nr, setSize));
            }
            default -> throw new IllegalArgumentException("not a block packet: " + t);
        };
    }

    private static WireResult<Payload> decodeData(ByteBuffer in, WireContext ctx) {
        long sector = in.getLong();
        long blockId = in.getLong();
        int seq = in.getInt();
        int flags = in.getInt();
        Bytes digest = Fields.readBytes(in, ctx.integrityDigestBytes());
        int dataBytes = in.remaining();
        if (dataBytes % SECTOR_BYTES != 0) {
            return WireResult.error("data size %d is not a multiple of %d", dataBytes,
                    SECTOR_BYTES);
        }
        ByteBuffer data = Fields.slice(in, dataBytes);
        return Fields.checkSector(sector)
                .map(s -> new Payload.Data(sector, blockId, seq, flags, digest, data));
    }

    private static WireResult<Payload> decodeSizedRange(ByteBuffer in) {
        long sector = in.getLong();
        long blockId = in.getLong();
        int seq = in.getInt();
        int flags = in.getInt();
        int size = in.getInt();
        return Fields.checkSector(sector)
                .flatMap(s -> Fields.checkSize(size, SECTOR_BYTES, MAX_DISCARD_BYTES, "size"))
                .map(z -> new Payload.SizedRange(sector, blockId, seq, flags, size));
    }

    private static WireResult<Payload> decodeWriteSame(ByteBuffer in, WireContext ctx) {
        long sector = in.getLong();
        long blockId = in.getLong();
        int seq = in.getInt();
        int flags = in.getInt();
        int size = in.getInt();
        Bytes digest = Fields.readBytes(in, ctx.integrityDigestBytes());
        int blockBytes = in.remaining();
        if (blockBytes < SECTOR_BYTES || blockBytes > 4096 || Integer.bitCount(blockBytes) != 1) {
            return WireResult.error("write-same block of %d bytes (expected 512..4096, a power "
                    + "of two)", blockBytes);
        }
        ByteBuffer block = Fields.slice(in, blockBytes);
        return Fields.checkSector(sector)
                .flatMap(s -> Fields.checkSize(size, blockBytes, MAX_DISCARD_BYTES, "size"))
                .flatMap(z -> size % blockBytes == 0 ? WireResult.ok(z)
                        : WireResult.error("size %d not a multiple of the block %d", size,
                                blockBytes))
                .map(z -> new Payload.WriteSame(sector, blockId, seq, flags, size, digest, block));
    }

    private static WireResult<Payload> decodeAck(ByteBuffer in) {
        long sector = in.getLong();
        long blockId = in.getLong();
        int size = in.getInt();
        int seq = in.getInt();
        // Zero is legal: an empty flush write is acked with blksize 0.
        return Fields.checkSector(sector)
                .flatMap(s -> Fields.checkSize(size, 0, MAX_DISCARD_BYTES, "blksize"))
                .map(z -> new Payload.BlockAck(sector, blockId, size, seq));
    }

    private static WireResult<Payload> decodeRequest(ByteBuffer in) {
        long sector = in.getLong();
        long blockId = in.getLong();
        int size = in.getInt();
        in.getInt();
        Bytes digest = Fields.readBytes(in, in.remaining());
        return Fields.checkSector(sector)
                .flatMap(s -> Fields.checkSize(size, SECTOR_BYTES, MAX_BIO_BYTES, "blksize"))
                .map(z -> new Payload.BlockRequest(sector, blockId, size, digest));
    }

    static ByteBuffer encode(PacketType t, Payload p) {
        return switch (t) {
            case P_DATA, P_DATA_REPLY, P_RS_DATA_REPLY -> {
                Payload.Data d = (Payload.Data) p;
                ByteBuffer data = d.data().duplicate();
                ByteBuffer out = prefix(d, data.remaining());
                yield out.put(data).flip();
            }
            case P_TRIM, P_ZEROES -> {
                Payload.SizedRange r = (Payload.SizedRange) p;
                yield ByteBuffer.allocate(28).putLong(r.sector()).putLong(r.blockId())
                        .putInt(r.seqNum()).putInt(r.dpFlags()).putInt(r.sizeBytes()).flip();
            }
            case P_WSAME -> {
                Payload.WriteSame w = (Payload.WriteSame) p;
                ByteBuffer block = w.block().duplicate();
                ByteBuffer out = ByteBuffer.allocate(28 + w.digest().length() + block.remaining());
                out.putLong(w.sector()).putLong(w.blockId()).putInt(w.seqNum())
                        .putInt(w.dpFlags()).putInt(w.sizeBytes());
                w.digest().writeTo(out);
                yield out.put(block).flip();
            }
            case P_OUT_OF_SYNC, P_RS_DEALLOCATED -> {
                Payload.BlockDesc b = (Payload.BlockDesc) p;
                yield ByteBuffer.allocate(16).putLong(b.sector()).putInt(b.blockSizeBytes())
                        .putInt(0).flip();
            }
            case P_BARRIER -> ByteBuffer.allocate(8).putInt(((Payload.Barrier) p).barrier())
                    .putInt(0).flip();
            case P_BARRIER_ACK -> {
                Payload.BarrierAck b = (Payload.BarrierAck) p;
                yield ByteBuffer.allocate(8).putInt(b.barrier()).putInt(b.setSize()).flip();
            }
            default -> encodeAckOrRequest(t, p);
        };
    }

    /** The p_data struct and digest of a data packet, sized for {@code dataBytes} more. */
    static ByteBuffer prefix(Payload.Data d, int dataBytes) {
        ByteBuffer out = ByteBuffer.allocate(P_DATA_BYTES + d.digest().length() + dataBytes);
        out.putLong(d.sector()).putLong(d.blockId()).putInt(d.seqNum()).putInt(d.dpFlags());
        d.digest().writeTo(out);
        return out;
    }

    private static ByteBuffer encodeAckOrRequest(PacketType t, Payload p) {
        if (p instanceof Payload.BlockAck a) {
            return ByteBuffer.allocate(24).putLong(a.sector()).putLong(a.blockId())
                    .putInt(a.blockSizeBytes()).putInt(a.seqNum()).flip();
        }
        if (p instanceof Payload.BlockRequest r) {
            ByteBuffer out = ByteBuffer.allocate(24 + r.digest().length());
            out.putLong(r.sector()).putLong(r.blockId()).putInt(r.blockSizeBytes()).putInt(0);
            r.digest().writeTo(out);
            return out.flip();
        }
        throw new IllegalArgumentException("not a block packet: " + t);
    }
}
