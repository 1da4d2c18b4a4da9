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
import org.jdrbd.statemachine.HandlerName;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.UuidLifecycle;

/**
 * The resync of one volume (fact sheet §3.5, §9.1): the SyncSource makes the sync UUID and
 * answers P_RS_DATA_REQUESTs; the SyncTarget takes the sync UUID, pulls out-of-sync blocks at the
 * configured rate ({@link ResyncScheduler}), writes them, clears their bits (written to the
 * bitmap area every second and at the end) and acks with P_RS_WRITE_ACK; it decides the end and
 * tells the source with P_STATE. Replicated writes that overlap a pending resync reply win: the
 * reply is dropped and the blocks asked for again.
 *
 * <p>With csums-alg (§9.6) the target sends the digest of its own block (P_CSUM_RS_REQUEST) and
 * the source answers P_RS_IS_IN_SYNC when its block has the same digest, else the data. Csums
 * requests cover one 4 KiB block each (DRBD merges them like data requests): an equal digest
 * then saves exactly the equal blocks, at the price of more, smaller requests.
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
    /** Bytes found equal by checksum (P_RS_IS_IN_SYNC), not transferred. */
    private long sameBytes;
    /** The target's csums digest for this resync; null when data is pulled without checksums. */
    private Digests.Digest csums;
    private long startNs;
    private int ticks;
    private boolean finishing;
    private boolean flushing;
    /** Blocks this tick may still ask for. */
    private long tickBudget;
    /** The pause reasons whose "no requests in flight" line is logged; null when not paused. */
    private String pauseNotedFor;

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

    /**
     * Both bitmaps merged on the source: before-resync-source, then a new sync UUID, P_SYNC_UUID,
     * SyncSource (PausedSyncS when a resync-after dependency or a pause holds it).
     */
    Future<Void> startAsSource() {
        return beforeResync(HandlerName.BEFORE_RESYNC_SOURCE)
                .compose(go -> go ? beginAsSource() : Future.succeededFuture());
    }

    private Future<Void> beginAsSource() {
        PeerVolume v = dev.volume;
        UuidLifecycle.SyncUuidStart s = UuidLifecycle.generateSyncUuid(v.uuids(), dev.conn.random);
        v.setUuids(s.uuids());
        source = true;
        target = false;
        bytes = 0;
        sameBytes = 0;
        startNs = System.nanoTime();
        totalBits = v.countBits(0, v.bitmapBits());
        return v.writeBitmap("resync start").compose(x -> v.syncMetaData()).compose(x -> {
            dev.conn.send(new Packet(PacketType.P_SYNC_UUID, v.number(), new Payload.SyncUuid(s.syncUuid())));
            dev.info("resync started as SyncSource: {} KiB to sync", totalBits * 4);
            return v.change(v.state().withConn(ConnState.SYNC_SOURCE).withPdsk(DiskState.INCONSISTENT)
                    .withAftrIsp(mustWait()), ChangeFlag.FORCED);
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
                    if (r.digest().length() > 0 && sameDigest(r.digest(), buf)) {
                        // §9.1: equal checksums: in sync on both sides, nothing to transfer.
                        sameBytes += size;
                        v.clearBits(offset / BLOCK_BYTES, (offset + size + BLOCK_BYTES - 1) / BLOCK_BYTES);
                        dev.conn.send(new Packet(PacketType.P_RS_IS_IN_SYNC, v.number(),
                                new Payload.BlockAck(r.sector(), r.blockId(), size, dev.nextSeq())));
                        return;
                    }
                    bytes += size;
                    dev.conn.data.sendData(PacketType.P_RS_DATA_REPLY, v.number(), new Payload.Data(
                            r.sector(), r.blockId(), dev.nextSeq(), 0, Bytes.EMPTY, buf));
                });
    }

    /** The source's check of a P_CSUM_RS_REQUEST digest; unequal when we have no csums-alg. */
    private boolean sameDigest(Bytes theirs, ByteBuffer block) {
        return Digests.of(dev.verify.csumsAlg())
                .map(d -> java.util.Arrays.equals(d.compute(block), theirs.toArray())).orElse(false);
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

    /**
     * The target's P_STATE says it is done: UUIDs as DRBD, bits cleared, Connected (with the
     * peer's pause flags of that P_STATE).
     */
    Future<Void> finishAsSource(Role peerRole, boolean peerIsp) {
        PeerVolume v = dev.volume;
        source = false;
        v.setUuids(UuidLifecycle.resyncFinishedAsSource(v.uuids()));
        v.clearBits(0, v.bitmapBits());
        logDone("SyncSource", "sent");
        return v.writeBitmap("resync done").compose(x -> v.syncMetaData())
                .compose(x -> v.change(v.state().withConn(ConnState.CONNECTED).withPeer(peerRole)
                        .withPdsk(DiskState.UP_TO_DATE).withPeerIsp(peerIsp), ChangeFlag.FORCED)).mapEmpty();
    }

    // ---- SyncTarget ----

    /**
     * P_SYNC_UUID: before-resync-target (while our data is still consistent), then adopt the
     * UUID, Inconsistent, SyncTarget (PausedSyncT when held), start pulling.
     */
    Future<Void> startAsTarget(long syncUuid) {
        PeerVolume v = dev.volume;
        if (v.state().conn() != ConnState.WF_SYNC_UUID && v.state().conn() != ConnState.WF_BITMAP_T) {
            dev.conn.protocolError("P_SYNC_UUID in " + v.state().conn().displayName());
            return Future.succeededFuture();
        }
        return beforeResync(HandlerName.BEFORE_RESYNC_TARGET)
                .compose(go -> go ? beginAsTarget(syncUuid) : Future.succeededFuture());
    }

    private Future<Void> beginAsTarget(long syncUuid) {
        PeerVolume v = dev.volume;
        v.setUuids(UuidLifecycle.receiveSyncUuid(v.uuids(), syncUuid, v.state().role() == Role.PRIMARY));
        target = true;
        source = false;
        finishing = false;
        bytes = 0;
        sameBytes = 0;
        startNs = System.nanoTime();
        totalBits = v.countBits(0, v.bitmapBits());
        csums = csumsForThisResync();
        scheduler = new ResyncScheduler(v.bitmapBits(), csums == null ? MAX_REQUEST_BLOCKS : 1);
        dev.info("resync started as SyncTarget: {} KiB to sync{}", totalBits * 4,
                csums == null ? "" : ", checksum-based (" + csums.name() + ")");
        return v.syncMetaData().compose(x -> v.change(v.state().withConn(ConnState.SYNC_TARGET)
                .withDisk(DiskState.INCONSISTENT).withAftrIsp(mustWait()), ChangeFlag.FORCED)).mapEmpty();
    }

    /**
     * DRBD's before-resync-target/-source (fact sheet §5.5): a non-zero exit drops the connection,
     * except 3 from before-resync-source, which old tools return and DRBD ignores. A handler that
     * could not run counts as a non-zero exit. True when the resync may start.
     */
    private Future<Boolean> beforeResync(HandlerName h) {
        PeerVolume v = dev.volume;
        Connection c = dev.conn;
        return c.helpers.call(h, v.number(), v.state().conn().displayName()).otherwise(-1).map(code -> {
            if (c.data == null) {
                return false;
            }
            if (code == 0) {
                return true;
            }
            if (h == HandlerName.BEFORE_RESYNC_SOURCE && code == 3) {
                dev.info("{} handler exited 3 (old tools); resync goes on", h.configName());
                return true;
            }
            c.giveUp(v.name() + ": " + h.configName() + " handler exited " + code + ", connection dropped");
            return false;
        });
    }

    /** aftr_isp at the start: a resync-after dependency of this volume is resyncing. */
    private boolean mustWait() {
        boolean wait = !ResyncGate.of(dev.conn).maySyncNow(dev.volume.number());
        if (wait) {
            dev.info("resync waits for its resync-after dependency (aftr_isp)");
        }
        return wait;
    }

    /**
     * DRBD's use_checksum_based_resync: csums-alg set, apv 89 or later, and with
     * csums-after-crash-only only after a Primary crashed (our flag or the peer's).
     */
    private Digests.Digest csumsForThisResync() {
        NetOptions.Checksums c = dev.conn.options.checksums();
        if (dev.conn.wire.apv() < 89) {
            return null;
        }
        if (c.csumsAfterCrashOnly()) {
            boolean crashed = org.jdrbd.metadata.MdFlags.has(dev.volume.mdFlags(),
                    org.jdrbd.metadata.MdFlags.CRASHED_PRIMARY) || dev.peerUuids != null
                    && (dev.peerUuids.flags() & org.jdrbd.statemachine.Uuids.FLAG_CRASHED_PRIMARY) != 0;
            if (!crashed) {
                return null;
            }
        }
        String alg = dev.verify.csumsAlg();
        Digests.Digest d = Digests.of(alg).orElse(null);
        if (d == null && !alg.isEmpty()) {
            dev.warn("csums-alg \"{}\" is not known here; resync without checksums", alg);
        }
        return d;
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
        ConnState now = dev.volume.state().conn();
        notePause(now);
        if (data == null || data.congested() || now != ConnState.SYNC_TARGET) {
            return;
        }
        long budget = ResyncScheduler.budgetBlocks(dev.conn.options.resyncRateKiB());
        if (scheduler.inFlightBlocks() > 4 * budget) {
            return;
        }
        tickBudget = budget;
        issue();
        checkDone();
    }

    /**
     * Logs once per pause when the target is paused and its last requests are answered: from then
     * on nothing moves until the pause ends (what the system test waits for).
     */
    private void notePause(ConnState now) {
        if (now != ConnState.PAUSED_SYNC_T) {
            pauseNotedFor = null;
            return;
        }
        // Per set of reasons: a resume and a new pause may both fall between two ticks.
        PeerVolume v = dev.volume;
        String why = ResyncPause.suspendedReasons(v.state());
        if (!why.equals(pauseNotedFor) && inFlight.isEmpty() && writing.isEmpty()) {
            pauseNotedFor = why;
            dev.info("resync paused ({}): no requests in flight, {} KiB out of sync", why,
                    v.countBits(0, v.bitmapBits()) * 4);
        }
    }

    /**
     * Sends requests from this tick's budget. With csums at most {@link Verify#MAX_IN_FLIGHT_BLOCKS}
     * are out (one read per block on both nodes, within the disk's IO queue), and each answer
     * refills from the rest of the budget; a scan that finds less than asked ends the tick's
     * refills, so a sparse bitmap is not scanned again for every answer.
     */
    private void issue() {
        long n = tickBudget;
        if (csums != null) {
            n = Math.min(n, Verify.MAX_IN_FLIGHT_BLOCKS - scheduler.inFlightBlocks());
        }
        if (n <= 0) {
            return;
        }
        long asked = 0;
        for (ResyncScheduler.Range r : scheduler.next(dev.volume::testBit, n)) {
            long sector = r.firstBit() * (BLOCK_BYTES / WireConstants.SECTOR_BYTES);
            inFlight.put(sector, r);
            asked += r.blocks();
            if (csums != null) {
                sendCsumRequest(sector, r, csums);
            } else {
                sendDataRequest(sector, r);
            }
        }
        tickBudget = asked < n ? 0 : tickBudget - asked;
    }

    /** An answer came: with csums, more requests from the tick's budget (see {@link #issue}). */
    private void refill() {
        if (csums != null && target && !finishing && tickBudget > 0 && dev.conn.data != null
                && dev.volume.state().conn() == ConnState.SYNC_TARGET) {
            issue();
        }
    }

    private void sendDataRequest(long sector, ResyncScheduler.Range r) {
        dev.conn.send(new Packet(PacketType.P_RS_DATA_REQUEST, dev.volume.number(),
                new Payload.BlockRequest(sector, WireConstants.ID_SYNCER, r.blocks() * BLOCK_BYTES,
                        Bytes.EMPTY)));
    }

    /** Reads our block and asks with its digest; a block we cannot read is asked for plainly. */
    private void sendCsumRequest(long sector, ResyncScheduler.Range r, Digests.Digest d) {
        int size = r.blocks() * BLOCK_BYTES;
        ByteBuffer buf = ByteBuffer.allocate(size);
        Future.fromCompletionStage(dev.volume.data().read(r.firstBit() * BLOCK_BYTES, buf.duplicate()),
                dev.conn.context).onComplete(ar -> {
                    if (inFlight.get(sector) != r || dev.conn.data == null) {
                        return;
                    }
                    if (!ar.succeeded() || !ar.result().ok()) {
                        sendDataRequest(sector, r);
                        return;
                    }
                    dev.conn.send(new Packet(PacketType.P_CSUM_RS_REQUEST, dev.volume.number(),
                            new Payload.BlockRequest(sector, WireConstants.ID_SYNCER, size,
                                    Bytes.of(d.compute(buf)))));
                });
    }

    /** P_RS_IS_IN_SYNC: our block had the source's digest; it is in sync without a transfer. */
    void onInSync(Payload.BlockAck a) {
        ResyncScheduler.Range r = target ? inFlight.get(a.sector()) : null;
        if (r == null || a.blockSizeBytes() != r.blocks() * BLOCK_BYTES) {
            dev.conn.protocolError("P_RS_IS_IN_SYNC for sector " + a.sector() + " +" + a.blockSizeBytes()
                    + " that was not requested");
            return;
        }
        inFlight.remove(a.sector());
        scheduler.done(r);
        if (!superseded.remove(a.sector())) {
            dev.volume.clearBits(r.firstBit(), r.firstBit() + r.blocks());
            sameBytes += a.blockSizeBytes();
        }
        refill();
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
            refill();
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
                    // Exit code not used (fact sheet §5.5), so the resync end does not wait for it.
                    dev.conn.helpers.call(HandlerName.AFTER_RESYNC_TARGET, v.number(),
                            v.state().conn().displayName());
                    return null;
                });
    }

    private void logDone(String as, String verb) {
        long ms = Math.max(1, (System.nanoTime() - startNs) / 1_000_000);
        dev.info("Resync done as {} (total {} ms; {} K/sec); resync bytes {}: {}; equal checksums: {} bytes",
                as, ms, bytes / 1024 * 1000 / ms, verb, bytes, sameBytes);
        if (sameBytes > 0) {
            long total = bytes + sameBytes;
            dev.info("{} % had equal checksums, eliminated: {}K; transferred {}K total {}K",
                    sameBytes * 100 / total, sameBytes / 1024, bytes / 1024, total / 1024);
        }
    }

    void connectionLost() {
        if (source || target) {
            dev.warn("resync interrupted by connection loss; {} bytes moved", bytes);
        }
        source = false;
        target = false;
        finishing = false;
        csums = null;
        inFlight.clear();
        superseded.clear();
        if (scheduler != null) {
            scheduler.reset();
        }
    }
}
