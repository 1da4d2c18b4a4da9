package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.wire.Bytes;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.UuidLifecycle;

/**
 * The resync of one volume (fact sheet §3.5, §9.1): the SyncSource makes the sync UUID and
 * answers P_RS_DATA_REQUESTs; the SyncTarget takes the sync UUID, pulls out-of-sync blocks at the
 * configured rate ({@link ResyncScheduler}), writes them, clears their bits (written to the
 * bitmap area every second and at the end) and acks with P_RS_WRITE_ACK; it decides the end and
 * tells the source with P_STATE. Replicated writes that overlap a pending resync reply win: the
 * reply is dropped and the blocks asked for again.
 */
final class Resync {
    private static final int BLOCK_BYTES = 4096;
    /** 1 MiB requests at most (256 blocks, a power of two as the scheduler needs). */
    private static final int MAX_REQUEST_BLOCKS = 256;
    /** Ticks between bitmap flushes while syncing. */
    private static final int FLUSH_EVERY_TICKS = 10;

    private final PeerDevice dev;
    private boolean source;
    private boolean target;
    private ResyncScheduler scheduler;
    private final Map<Long, ResyncScheduler.Range> inFlight = new HashMap<>();
    private final Set<Long> superseded = new HashSet<>();
    /** Resync writes not completed yet, by first sector: replicated writes wait for them. */
    private final Map<Long, Future<Void>> writing = new HashMap<>();
    private long totalBits;
    private long bytes;
    private long startNs;
    private int ticks;
    private boolean finishing;
    private boolean flushing;

    Resync(PeerDevice dev) {
        this.dev = dev;
    }

    boolean isSource() {
        return source;
    }

    boolean isTarget() {
        return target;
    }

    PeerDevice.Progress progress() {
        if (!source && !target) {
            return new PeerDevice.Progress(0, 0);
        }
        long left = dev.volume.countBits(0, dev.volume.bitmapBits());
        return new PeerDevice.Progress(Math.max(totalBits, left), left);
    }

    // ---- SyncSource ----

    /** Both bitmaps merged on the source: new sync UUID, P_SYNC_UUID, SyncSource. */
    Future<Void> startAsSource() {
        PeerVolume v = dev.volume;
        UuidLifecycle.SyncUuidStart s = UuidLifecycle.generateSyncUuid(v.uuids(), dev.conn.random);
        v.setUuids(s.uuids());
        source = true;
        target = false;
        bytes = 0;
        startNs = System.nanoTime();
        totalBits = v.countBits(0, v.bitmapBits());
        return v.writeBitmap("resync start").compose(x -> v.syncMetaData()).compose(x -> {
            dev.conn.send(new Packet(PacketType.P_SYNC_UUID, v.number(), new Payload.SyncUuid(s.syncUuid())));
            dev.info("resync started as SyncSource: {} KiB to sync", totalBits * 4);
            return v.change(v.state().withConn(ConnState.SYNC_SOURCE).withPdsk(DiskState.INCONSISTENT),
                    ChangeFlag.FORCED);
        }).mapEmpty();
    }

    void onRequest(Payload.BlockRequest r) {
        PeerVolume v = dev.volume;
        long offset = r.sector() * WireConstants.SECTOR_BYTES;
        int size = r.blockSizeBytes();
        if (size <= 0 || size > WireConstants.MAX_BIO_BYTES || offset + size > v.sizeBytes()) {
            dev.conn.protocolError("resync request beyond the device: sector " + r.sector() + " +" + size);
            return;
        }
        if (v.state().disk() != DiskState.UP_TO_DATE || v.data() == null) {
            dev.conn.send(new Packet(PacketType.P_NEG_RS_DREPLY, v.number(),
                    new Payload.BlockAck(r.sector(), r.blockId(), size, dev.nextSeq())));
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        Future.fromCompletionStage(v.data().read(offset, buf.duplicate()), dev.conn.context)
                .onComplete(ar -> {
                    boolean ok = ar.succeeded() && ar.result().ok();
                    if (dev.conn.data == null) {
                        return;
                    }
                    if (!ok) {
                        dev.conn.send(new Packet(PacketType.P_NEG_RS_DREPLY, v.number(),
                                new Payload.BlockAck(r.sector(), r.blockId(), size, dev.nextSeq())));
                        return;
                    }
                    bytes += size;
                    dev.conn.data.sendData(PacketType.P_RS_DATA_REPLY, v.number(), new Payload.Data(
                            r.sector(), r.blockId(), dev.nextSeq(), 0, Bytes.EMPTY, buf));
                });
    }

    void onWriteAck(Payload.BlockAck a) {
        PeerVolume v = dev.volume;
        long offset = a.sector() * WireConstants.SECTOR_BYTES;
        if (a.blockSizeBytes() <= 0 || offset + a.blockSizeBytes() > v.sizeBytes()) {
            dev.conn.protocolError("P_RS_WRITE_ACK beyond the device: sector " + a.sector());
            return;
        }
        v.clearBits(offset / BLOCK_BYTES, (offset + a.blockSizeBytes()) / BLOCK_BYTES);
    }

    /** The target's P_STATE says it is done: UUIDs as DRBD, bits cleared, Connected. */
    Future<Void> finishAsSource(Role peerRole) {
        PeerVolume v = dev.volume;
        source = false;
        v.setUuids(UuidLifecycle.resyncFinishedAsSource(v.uuids()));
        v.clearBits(0, v.bitmapBits());
        logDone("SyncSource", "sent");
        return v.writeBitmap("resync done").compose(x -> v.syncMetaData())
                .compose(x -> v.change(v.state().withConn(ConnState.CONNECTED).withPeer(peerRole)
                        .withPdsk(DiskState.UP_TO_DATE), ChangeFlag.FORCED)).mapEmpty();
    }

    // ---- SyncTarget ----

    /** P_SYNC_UUID: adopt it, Inconsistent, SyncTarget, start pulling. */
    Future<Void> startAsTarget(long syncUuid) {
        PeerVolume v = dev.volume;
        if (v.state().conn() != ConnState.WF_SYNC_UUID && v.state().conn() != ConnState.WF_BITMAP_T) {
            dev.conn.protocolError("P_SYNC_UUID in " + v.state().conn().displayName());
            return Future.succeededFuture();
        }
        v.setUuids(UuidLifecycle.receiveSyncUuid(v.uuids(), syncUuid, v.state().role() == Role.PRIMARY));
        target = true;
        source = false;
        finishing = false;
        bytes = 0;
        startNs = System.nanoTime();
        totalBits = v.countBits(0, v.bitmapBits());
        scheduler = new ResyncScheduler(v.bitmapBits(), MAX_REQUEST_BLOCKS);
        dev.info("resync started as SyncTarget: {} KiB to sync", totalBits * 4);
        return v.syncMetaData().compose(x -> v.change(v.state().withConn(ConnState.SYNC_TARGET)
                .withDisk(DiskState.INCONSISTENT), ChangeFlag.FORCED)).mapEmpty();
    }

    void tick() {
        if (!target || scheduler == null || finishing) {
            return;
        }
        if (++ticks % FLUSH_EVERY_TICKS == 0 && !flushing) {
            flushing = true;
            dev.volume.writeBitmap("resync progress").onComplete(x -> flushing = false);
        }
        Link data = dev.conn.data;
        if (data == null || data.congested() || dev.volume.state().conn() != ConnState.SYNC_TARGET) {
            return;
        }
        long budget = ResyncScheduler.budgetBlocks(dev.conn.options.resyncRateKiB());
        if (scheduler.inFlightBlocks() > 4 * budget) {
            return;
        }
        for (ResyncScheduler.Range r : scheduler.next(dev.volume::testBit, budget)) {
            long sector = r.firstBit() * (BLOCK_BYTES / WireConstants.SECTOR_BYTES);
            inFlight.put(sector, r);
            dev.conn.send(new Packet(PacketType.P_RS_DATA_REQUEST, dev.volume.number(),
                    new Payload.BlockRequest(sector, WireConstants.ID_SYNCER, r.blocks() * BLOCK_BYTES,
                            Bytes.EMPTY)));
        }
        checkDone();
    }

    void onReply(Payload.Data d) {
        ResyncScheduler.Range r = target ? inFlight.remove(d.sector()) : null;
        if (r == null) {
            dev.conn.protocolError("P_RS_DATA_REPLY for sector " + d.sector() + " that was not requested");
            return;
        }
        int size = r.blocks() * BLOCK_BYTES;
        if (d.data().remaining() != size) {
            dev.conn.protocolError("P_RS_DATA_REPLY of " + d.data().remaining() + " bytes, requested " + size);
            return;
        }
        if (superseded.remove(d.sector())) {
            scheduler.done(r);
            return;
        }
        PeerVolume v = dev.volume;
        long offset = r.firstBit() * BLOCK_BYTES;
        Future<IoOutcome> w = Future.fromCompletionStage(v.data().write(offset, d.data(), false),
                dev.conn.context);
        writing.put(d.sector(), w.mapEmpty());
        w.onComplete(ar -> {
            writing.remove(d.sector());
            scheduler.done(r);
            boolean ok = ar.succeeded() && ar.result().ok();
            if (ok && !superseded.remove(d.sector())) {
                v.clearBits(r.firstBit(), r.firstBit() + r.blocks());
                bytes += size;
            }
            dev.conn.send(new Packet(ok ? PacketType.P_RS_WRITE_ACK : PacketType.P_NEG_ACK, v.number(),
                    new Payload.BlockAck(d.sector(), d.blockId(), size, dev.nextSeq())));
            checkDone();
        });
    }

    void onNegReply(Payload.BlockAck a) {
        ResyncScheduler.Range r = target ? inFlight.remove(a.sector()) : null;
        if (r == null) {
            dev.conn.protocolError("P_NEG_RS_DREPLY for sector " + a.sector() + " that was not requested");
            return;
        }
        scheduler.done(r);
        dev.warn("peer could not read sector {} for resync", a.sector());
    }

    /**
     * A replicated write to [sector, sector+sizeBytes) arrived: pending replies for it are stale,
     * and it must not overtake a resync write already in progress. Returns what to wait for.
     */
    Future<Void> replicatedWrite(long sector, int sizeBytes) {
        if (!target) {
            return Future.succeededFuture();
        }
        long end = sector + sizeBytes / WireConstants.SECTOR_BYTES;
        long sectorsPerBlock = BLOCK_BYTES / WireConstants.SECTOR_BYTES;
        for (Map.Entry<Long, ResyncScheduler.Range> e : inFlight.entrySet()) {
            long s = e.getKey();
            if (s < end && s + e.getValue().blocks() * sectorsPerBlock > sector) {
                superseded.add(s);
            }
        }
        List<Future<Void>> waits = new ArrayList<>();
        for (Map.Entry<Long, Future<Void>> e : writing.entrySet()) {
            waits.add(e.getValue());
            superseded.add(e.getKey());
        }
        return waits.isEmpty() ? Future.succeededFuture() : Future.join(waits).transform(x -> Future.succeededFuture());
    }

    private void checkDone() {
        PeerVolume v = dev.volume;
        if (finishing || !target || !inFlight.isEmpty() || !writing.isEmpty()
                || v.countBits(0, v.bitmapBits()) != 0) {
            return;
        }
        finishing = true;
        dev.chained(this::finishAsTarget);
    }

    /** Every bit cleared: take the source's UUIDs, UpToDate, tell the source. */
    private Future<Void> finishAsTarget() {
        PeerVolume v = dev.volume;
        target = false;
        GenerationUuids source = dev.peerUuids == null ? v.uuids() : dev.peerUuids.uuids();
        v.setUuids(UuidLifecycle.resyncFinishedAsTarget(v.uuids(), source, v.state().role() == Role.PRIMARY));
        logDone("SyncTarget", "received");
        return v.writeBitmap("resync done").compose(x -> v.syncMetaData())
                .compose(x -> v.change(v.state().withConn(ConnState.CONNECTED).withDisk(DiskState.UP_TO_DATE)
                        .withPdsk(DiskState.UP_TO_DATE), ChangeFlag.FORCED))
                .map(t -> {
                    dev.sendUuids();
                    dev.sendState();
                    return null;
                });
    }

    private void logDone(String as, String verb) {
        long ms = Math.max(1, (System.nanoTime() - startNs) / 1_000_000);
        dev.info("Resync done as {} (total {} ms; {} K/sec); resync bytes {}: {}", as, ms,
                bytes / 1024 * 1000 / ms, verb, bytes);
    }

    void connectionLost() {
        if (source || target) {
            dev.warn("resync interrupted by connection loss; {} bytes moved", bytes);
        }
        source = false;
        target = false;
        finishing = false;
        inFlight.clear();
        superseded.clear();
        if (scheduler != null) {
            scheduler.reset();
        }
    }
}
