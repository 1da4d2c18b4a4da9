package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.jdrbd.daemon.wire.Bytes;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.statemachine.TimerEvent;

/**
 * The Primary's side of replication (fact sheet §6.4, §7.1): each local write is cut into
 * P_DATA packets of at most the agreed bio size, logged in the {@link TransferLog} and counted as
 * done per protocol (A: handed to the socket, B: P_RECV_ACK, C: P_WRITE_ACK). A completed write
 * closes its epoch (P_BARRIER follows); P_BARRIER_ACK releases the epoch. Acks naming a block id
 * that is not waiting for that ack are protocol errors. On connection loss everything still in
 * the log is marked out of sync.
 */
final class Replicator {
    private static final int ZERO_CHUNK = 1 << 20;
    private static final ByteBuffer ZEROES = ByteBuffer.allocate(ZERO_CHUNK).asReadOnlyBuffer();

    private final Connection conn;
    private TransferLog log;
    private final Map<Long, Pending> pending = new HashMap<>();
    private final Map<Long, PeerDevice> owner = new HashMap<>();

    private record Pending(Promise<Boolean> done, PacketType awaiting) {
    }

    Replicator(Connection conn) {
        this.conn = conn;
        this.log = new TransferLog(conn.random.nextInt());
    }

    Future<Boolean> replicate(PeerDevice dev, long offset, long length, WriteReplicator.Kind kind,
            ByteBuffer data, boolean fua) {
        if (!dev.shouldReplicate() || length <= 0) {
            return null;
        }
        int apv = conn.wire.apv();
        int maxBio = apv >= 100 ? WireConstants.MAX_BIO_BYTES : apv >= 95 ? 128 << 10 : 32 << 10;
        List<Future<Boolean>> parts = new ArrayList<>();
        boolean zeroPacket = kind != WriteReplicator.Kind.WRITE && conn.wire.has(WireConstants.FF_WZEROES);
        long pos = 0;
        while (pos < length) {
            int n = (int) Math.min(zeroPacket ? WireConstants.MAX_DISCARD_BYTES : maxBio, length - pos);
            ByteBuffer chunk;
            if (kind == WriteReplicator.Kind.WRITE) {
                chunk = data.duplicate();
                chunk.position(data.position() + (int) pos).limit(data.position() + (int) pos + n);
            } else {
                n = zeroPacket ? n : Math.min(n, ZERO_CHUNK);
                chunk = ZEROES.duplicate().limit(n);
            }
            parts.add(sendOne(dev, offset + pos, n, chunk, fua && pos + n >= length, zeroPacket));
            pos += n;
        }
        OptionalInt full = log.closeIfFull(conn.options.maxEpochSize());
        full.ifPresent(this::sendBarrier);
        return Future.all(parts).map(cf -> {
            boolean ok = true;
            for (int i = 0; i < cf.size(); i++) {
                ok &= Boolean.TRUE.equals(cf.resultAt(i));
            }
            return ok;
        }).onComplete(x -> log.closeEpoch().ifPresent(this::sendBarrier));
    }

    private Future<Boolean> sendOne(PeerDevice dev, long offset, int size, ByteBuffer chunk,
            boolean fua, boolean zeroPacket) {
        long sector = offset / WireConstants.SECTOR_BYTES;
        TransferLog.Request r = log.add(sector, size);
        owner.put(r.blockId(), dev);
        int proto = conn.options.wireProtocol();
        int flags = fua ? WireConstants.DP_FUA : 0;
        PacketType awaiting = null;
        if (proto == 2) {
            flags |= WireConstants.DP_SEND_RECEIVE_ACK;
            awaiting = PacketType.P_RECV_ACK;
        } else if (proto == 3) {
            flags |= WireConstants.DP_SEND_WRITE_ACK;
            awaiting = PacketType.P_WRITE_ACK;
        }
        Promise<Boolean> done = Promise.promise();
        Future<Void> sent;
        if (zeroPacket) {
            sent = conn.send(new Packet(PacketType.P_ZEROES, dev.volume.number(),
                    new Payload.SizedRange(sector, r.blockId(), dev.nextSeq(), flags, size)));
        } else {
            sent = conn.data == null ? Future.failedFuture("not connected")
                    : conn.data.sendData(PacketType.P_DATA, dev.volume.number(), new Payload.Data(
                            sector, r.blockId(), dev.nextSeq(), flags, Bytes.EMPTY, chunk));
        }
        if (awaiting == null) {
            sent.onComplete(ar -> done.tryComplete(ar.succeeded()));
        } else {
            pending.put(r.blockId(), new Pending(done, awaiting));
            conn.timerEvent(new TimerEvent.RequestSent());
            sent.onFailure(e -> {
                if (pending.remove(r.blockId()) != null) {
                    done.tryComplete(false);
                }
            });
        }
        return done.future();
    }

    private void sendBarrier(int nr) {
        conn.send(Packet.of(PacketType.P_BARRIER, new Payload.Barrier(nr)));
        conn.timerEvent(new TimerEvent.RequestSent());
    }

    /** P_RECV_ACK, P_WRITE_ACK, P_NEG_ACK, P_BARRIER_ACK from the peer. */
    void onAck(Packet p) {
        if (p.payload() instanceof Payload.BarrierAck b) {
            TransferLog.Release rel = log.barrierAck(b.barrier(), b.setSize());
            if (!rel.ok()) {
                conn.protocolError(rel.error());
                return;
            }
            conn.timerEvent(new TimerEvent.RequestAcked());
            for (TransferLog.Request r : rel.released()) {
                owner.remove(r.blockId());
                Pending left = pending.remove(r.blockId());
                if (left != null) {
                    left.done().tryComplete(true);
                }
            }
            return;
        }
        Payload.BlockAck a = (Payload.BlockAck) p.payload();
        TransferLog.Request r = log.get(a.blockId());
        if (r == null || r.sector() != a.sector()) {
            conn.protocolError(p.type() + " for unknown block_id 0x" + Long.toHexString(a.blockId()));
            return;
        }
        if (p.type() == PacketType.P_NEG_ACK) {
            PeerDevice dev = owner.get(a.blockId());
            dev.markOutOfSync(r.sector() * WireConstants.SECTOR_BYTES, r.sizeBytes());
            Pending left = pending.remove(a.blockId());
            if (left != null) {
                left.done().tryComplete(false);
            }
            return;
        }
        Pending w = pending.get(a.blockId());
        if (w == null || w.awaiting() != p.type()) {
            conn.protocolError(p.type() + " for block_id 0x" + Long.toHexString(a.blockId())
                    + " that does not wait for it");
            return;
        }
        pending.remove(a.blockId());
        conn.timerEvent(new TimerEvent.RequestAcked());
        w.done().tryComplete(true);
    }

    /** Everything not confirmed by a barrier ack may be missing on the peer. */
    void connectionLost() {
        List<TransferLog.Request> lost = log.clear();
        for (TransferLog.Request r : lost) {
            PeerDevice dev = owner.get(r.blockId());
            if (dev != null) {
                dev.markOutOfSync(r.sector() * WireConstants.SECTOR_BYTES, r.sizeBytes());
            }
        }
        if (!lost.isEmpty()) {
            conn.warn("{} writes not confirmed by the peer marked out of sync", lost.size());
        }
        owner.clear();
        List<Pending> waiting = new ArrayList<>(pending.values());
        pending.clear();
        waiting.forEach(w -> w.done().tryComplete(false));
    }
}
