package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreExecutor;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;

/**
 * The Secondary's side of replication (fact sheet §7.2, flush write ordering): writes of one
 * epoch are submitted in parallel; on P_BARRIER the epoch's writes are awaited and the disks
 * flushed before P_BARRIER_ACK, and the next epoch's writes start only then. Acks follow the
 * sender's dp_flags (apv &gt;= 100) or our protocol (older peers).
 */
final class Receiver {
    private final Connection conn;
    private Future<Void> gate = Future.succeededFuture();
    private List<Future<Void>> epochWrites = new ArrayList<>();
    private Set<PeerDevice> touched = new LinkedHashSet<>();

    Receiver(Connection conn) {
        this.conn = conn;
    }

    void onPacket(Packet p) {
        if (p.payload() instanceof Payload.Barrier b) {
            onBarrier(b.barrier());
            return;
        }
        PeerDevice dev = conn.device(p.volume());
        if (dev == null || !dev.volume.hasDisk() || conn.phase != Connection.Phase.ESTABLISHED) {
            conn.protocolError(p.type() + " for volume " + p.volume() + " that cannot take writes");
            return;
        }
        if (p.payload() instanceof Payload.Data d) {
            write(dev, p.type(), d.sector(), d.blockId(), d.dpFlags(), d.data().remaining(),
                    io -> io.write(d.sector() * WireConstants.SECTOR_BYTES, d.data(),
                            (d.dpFlags() & WireConstants.DP_FUA) != 0));
        } else if (p.payload() instanceof Payload.SizedRange z) {
            write(dev, p.type(), z.sector(), z.blockId(), z.dpFlags(), z.sizeBytes(),
                    io -> io.zero(z.sector() * WireConstants.SECTOR_BYTES, z.sizeBytes(),
                            (z.dpFlags() & WireConstants.DP_FUA) != 0));
        }
    }

    private void write(PeerDevice dev, PacketType type, long sector, long blockId, int flags,
            int size, java.util.function.Function<StoreExecutor,
                    java.util.concurrent.CompletableFuture<IoOutcome>> op) {
        long offset = sector * WireConstants.SECTOR_BYTES;
        if (size <= 0 || offset + size > dev.volume.sizeBytes()) {
            conn.protocolError(type + " beyond the device: sector " + sector + " +" + size);
            return;
        }
        int proto = conn.options.wireProtocol();
        boolean recvAck = conn.wire.apv() >= 100 ? (flags & WireConstants.DP_SEND_RECEIVE_ACK) != 0 : proto == 2;
        boolean writeAck = conn.wire.apv() >= 100 ? (flags & WireConstants.DP_SEND_WRITE_ACK) != 0 : proto == 3;
        if (recvAck) {
            conn.send(new Packet(PacketType.P_RECV_ACK, dev.volume.number(),
                    new Payload.BlockAck(sector, blockId, size, dev.nextSeq())));
        }
        Future<Void> before = Future.join(gate, dev.resync.replicatedWrite(sector, size))
                .transform(x -> Future.succeededFuture());
        StoreExecutor io = dev.volume.data();
        Future<IoOutcome> w = before.compose(x -> {
            Future<IoOutcome> flush = (flags & WireConstants.DP_FLUSH) != 0
                    ? Future.fromCompletionStage(io.flush(), conn.context)
                    : Future.succeededFuture(IoOutcome.OK);
            return flush.compose(f -> Future.fromCompletionStage(op.apply(io), conn.context));
        });
        Link data = conn.data;
        w.onComplete(ar -> {
            boolean ok = ar.succeeded() && ar.result().ok();
            if (conn.data != data) {
                return; // the connection this write came on is gone
            }
            if (!ok) {
                conn.warn("write of sector {} (+{}) for the peer failed: {}", sector, size,
                        ar.succeeded() ? ar.result() : ar.cause());
                conn.send(new Packet(PacketType.P_NEG_ACK, dev.volume.number(),
                        new Payload.BlockAck(sector, blockId, size, dev.nextSeq())));
            } else if (writeAck) {
                conn.send(new Packet(PacketType.P_WRITE_ACK, dev.volume.number(),
                        new Payload.BlockAck(sector, blockId, size, dev.nextSeq())));
            }
        });
        epochWrites.add(w.transform(x -> Future.succeededFuture()));
        touched.add(dev);
    }

    /** P_BARRIER: the epoch's writes done and flushed, then P_BARRIER_ACK; then the next epoch. */
    private void onBarrier(int nr) {
        List<Future<Void>> writes = epochWrites;
        Set<PeerDevice> devs = touched;
        epochWrites = new ArrayList<>();
        touched = new LinkedHashSet<>();
        int count = writes.size();
        Link data = conn.data;
        Future<Void> stable = Future.join(new ArrayList<>(writes)).transform(x -> {
            List<Future<IoOutcome>> flushes = new ArrayList<>();
            for (PeerDevice d : devs) {
                if (d.volume.data() != null) {
                    flushes.add(Future.fromCompletionStage(d.volume.data().flush(), conn.context));
                }
            }
            return Future.join(flushes).transform(y -> Future.<Void>succeededFuture());
        });
        stable.onComplete(x -> {
            if (conn.data == data && data != null) {
                conn.send(Packet.of(PacketType.P_BARRIER_ACK, new Payload.BarrierAck(nr, count)));
            }
        });
        gate = stable;
    }

    void reset() {
        epochWrites = new ArrayList<>();
        touched = new LinkedHashSet<>();
        gate = Future.succeededFuture();
    }
}
