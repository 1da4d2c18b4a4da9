package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.jdrbd.daemon.wire.BitmapReceiver;
import org.jdrbd.daemon.wire.BitmapSender;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.HandlerName;
import org.jdrbd.statemachine.HandshakeDecision;
import org.jdrbd.statemachine.HandshakeInput;
import org.jdrbd.statemachine.LogLine;
import org.jdrbd.statemachine.PeerUuids;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.SyncHandshake;
import org.jdrbd.statemachine.Uuids;

/**
 * One volume towards the peer (DRBD's peer device): the parameter exchange (P_SIZES, P_UUIDS,
 * P_STATE), the sync handshake, the bitmap exchange and the start and end of a resync; the
 * resync data flow itself is in {@link Resync}. Actions that change state are chained, so a
 * packet is acted on only after the previous one's state change is committed.
 */
public final class PeerDevice implements WriteReplicator {
    /** Resync progress for status: total and remaining blocks (0/0 when not syncing). */
    public record Progress(long totalBits, long remainingBits) {
        /** DRBD's done: percentage. */
        public double donePercent() {
            return totalBits == 0 ? 100.0 : 100.0 * (totalBits - remainingBits) / totalBits;
        }
    }

    final Connection conn;
    final PeerVolume volume;
    PeerUuids peerUuids;
    State peerState;
    long peerSizeSectors = -1;
    private Future<Void> chain = Future.succeededFuture();
    private BitmapReceiver bitmapIn;
    /** Our side of the bitmap exchange: true = future SyncSource. */
    private boolean bitmapSource;
    private boolean bitmapSent;
    private int seq;
    /** The last handshake that met a split brain, for status and the log; null when none. */
    SplitBrainReport lastDecision;
    /** DRBD's CONSIDER_RESYNC flag (see {@link #noteConsiderResync}). */
    private boolean considerResync;
    final Resync resync;
    /** Online verify and the connection's digest algorithms (P_SYNC_PARAM89). */
    final Verify verify;

    PeerDevice(Connection conn, PeerVolume volume) {
        this.conn = conn;
        this.volume = volume;
        this.resync = new Resync(this);
        this.verify = new Verify(this);
    }

    int nextSeq() {
        return ++seq;
    }

    void info(String format, Object... args) {
        conn.info(volume.name() + ": " + format, args);
    }

    void warn(String format, Object... args) {
        conn.warn(volume.name() + ": " + format, args);
    }

    /** Runs {@code action} after every earlier chained action. */
    void chained(java.util.function.Supplier<Future<Void>> action) {
        chain = chain.transform(x -> {
            try {
                return action.get();
            } catch (RuntimeException e) {
                conn.error("{}: {}", volume.name(), e.toString());
                return Future.succeededFuture();
            }
        }).transform(x -> Future.succeededFuture());
    }

    /**
     * DRBD's CONSIDER_RESYNC: the peer was forced to Primary/UpToDate while both were
     * Inconsistent; its cluster-wide request may already have set our pdsk UpToDate, so the
     * next P_STATE must still start the handshake.
     */
    void noteConsiderResync(State before, State after) {
        if (before.disk() == DiskState.INCONSISTENT && before.pdsk() == DiskState.INCONSISTENT
                && before.peer() == Role.SECONDARY && after.peer() == Role.PRIMARY) {
            considerResync = true;
        }
    }

    // ---- parameters ----

    void sendParameters() {
        NetOptions o = conn.options;
        conn.send(new Packet(PacketType.P_SYNC_PARAM89, volume.number(), new Payload.SyncParam(
                (int) Math.min(Integer.MAX_VALUE, o.resyncRateKiB()), o.checksums().verifyAlg(),
                o.checksums().csumsAlg(), 0, 0, 0, 0)));
        long sect = volume.sizeBytes() / WireConstants.SECTOR_BYTES;
        Optional<Payload.QueueLimits> q = conn.wire.has(WireConstants.FF_WSAME)
                ? Optional.of(new Payload.QueueLimits(512, 512, 0, 512, 0, false, false, false))
                : Optional.empty();
        conn.send(new Packet(PacketType.P_SIZES, volume.number(), new Payload.Sizes(sect, 0, sect,
                WireConstants.MAX_BIO_BYTES, 0, 0, q)));
        sendUuids();
        sendState();
    }

    void sendUuids() {
        if (!volume.hasDisk()) {
            conn.send(new Packet(PacketType.P_UUIDS, volume.number(),
                    new Payload.Uuids(0, 0, 0, 0, 0, 0)));
            return;
        }
        GenerationUuids u = volume.uuids();
        long flags = 0;
        if (MdFlags.has(volume.mdFlags(), MdFlags.CRASHED_PRIMARY)) {
            flags |= Uuids.FLAG_CRASHED_PRIMARY;
        }
        if (volume.state().disk() == DiskState.INCONSISTENT) {
            flags |= Uuids.FLAG_INCONSISTENT;
        }
        if (conn.discardMyData) {
            flags |= Uuids.FLAG_DISCARD_MY_DATA;
        }
        conn.send(new Packet(PacketType.P_UUIDS, volume.number(), new Payload.Uuids(u.current(),
                u.bitmap(), u.history1(), u.history2(), volume.countBits(0, volume.bitmapBits()), flags)));
    }

    void sendState() {
        conn.send(new Packet(PacketType.P_STATE, volume.number(),
                new Payload.StateReport(volume.state())));
    }

    void onPacket(Packet p) {
        switch (p.type()) {
            case P_SYNC_PARAM89, P_SYNC_PARAM -> verify.onSyncParam((Payload.SyncParam) p.payload());
            case P_SIZES -> onSizes((Payload.Sizes) p.payload());
            case P_UUIDS -> onUuids((Payload.Uuids) p.payload());
            case P_STATE -> {
                State s = ((Payload.StateReport) p.payload()).state();
                chained(() -> verify.onPeerState(s).compose(x -> onState(s)));
            }
            case P_BITMAP, P_COMPRESSED_BITMAP -> onBitmap(p.payload());
            case P_SYNC_UUID -> {
                long u = ((Payload.SyncUuid) p.payload()).uuid();
                chained(() -> resync.startAsTarget(u));
            }
            case P_RS_DATA_REQUEST, P_CSUM_RS_REQUEST -> resync.onRequest((Payload.BlockRequest) p.payload());
            case P_RS_IS_IN_SYNC -> resync.onInSync((Payload.BlockAck) p.payload());
            case P_OV_REQUEST -> verify.onRequest((Payload.BlockRequest) p.payload());
            case P_OV_REPLY -> verify.onReply((Payload.BlockRequest) p.payload());
            case P_OV_RESULT -> verify.onResult((Payload.BlockAck) p.payload());
            case P_RS_DATA_REPLY -> resync.onReply((Payload.Data) p.payload());
            case P_RS_WRITE_ACK -> resync.onWriteAck((Payload.BlockAck) p.payload());
            case P_NEG_RS_DREPLY -> {
                if (verify.isSource()) {
                    verify.onNegReply((Payload.BlockAck) p.payload());
                } else {
                    resync.onNegReply((Payload.BlockAck) p.payload());
                }
            }
            default -> conn.protocolError("unexpected packet " + p.type() + " for volume "
                    + volume.number());
        }
    }

    private void onSizes(Payload.Sizes s) {
        peerSizeSectors = s.diskSizeSectors();
        long mine = volume.sizeBytes() / WireConstants.SECTOR_BYTES;
        if (mine > 0 && peerSizeSectors > 0) {
            long small = Math.min(mine, peerSizeSectors);
            long big = Math.max(mine, peerSizeSectors);
            if (big - small > big / 10) {
                warn("disk sizes differ by more than 10%: mine {} sectors, peer {} sectors; "
                        + "the smaller one ({}) is used", mine, peerSizeSectors, small);
            }
        }
    }

    private void onUuids(Payload.Uuids u) {
        peerUuids = new PeerUuids(GenerationUuids.of(u.current(), u.bitmap(), u.history1(),
                u.history2()), Math.max(0, u.bitmapWeightBits()), u.flags());
    }

    /** The peer's P_STATE: the handshake, the end of a resync, or new peer role/disk. */
    private Future<Void> onState(State reported) {
        State prev = peerState;
        peerState = reported;
        State my = volume.state();
        long flags = peerUuids == null ? 0 : peerUuids.flags();
        DiskState peerDisk = SyncHandshake.realPeerDisk(reported.disk(), flags);
        boolean consider = (considerResync || my.disk() == DiskState.INCONSISTENT
                && my.pdsk() == DiskState.INCONSISTENT) && peerDisk == DiskState.UP_TO_DATE;
        if (consider) {
            considerResync = false;
        }
        if (my.conn().lt(ConnState.WF_REPORT_PARAMS)) {
            return Future.succeededFuture();
        }
        if (!volume.hasDisk() || peerDisk.lt(DiskState.NEGOTIATING)) {
            return volume.change(connState(my.conn().lt(ConnState.CONNECTED) ? ConnState.CONNECTED : my.conn(),
                    reported.role(), peerDisk), ChangeFlag.FORCED).mapEmpty();
        }
        if (SyncHandshake.shouldConsiderResync(peerUuids != null, my.disk(), peerDisk, my.conn(),
                reported.conn(), consider)) {
            return handshake(reported.role(), peerDisk);
        }
        if (resync.isSource() && reported.conn() == ConnState.CONNECTED
                && peerDisk == DiskState.UP_TO_DATE) {
            return resync.finishAsSource(reported.role(), ResyncPause.peerIsp(reported))
                    .onSuccess(x -> conn.fencer.afterResync());
        }
        State ns = my.withPeer(reported.role()).withPdsk(peerDisk).withPeerIsp(ResyncPause.peerIsp(reported));
        return ns.equals(my) ? Future.succeededFuture() : volume.change(ns, ChangeFlag.FORCED).mapEmpty();
    }

    /** Our state with the peer's as its last P_STATE told (peer_isp from its pause flags). */
    private State connState(ConnState c, Role peerRole, DiskState pdsk) {
        boolean peerIsp = peerState != null && ResyncPause.peerIsp(peerState);
        return volume.state().withConn(c).withPeer(peerRole).withPdsk(pdsk).withPeerIsp(peerIsp);
    }

    private Future<Void> handshake(Role peerRole, DiskState peerDisk) {
        State my = volume.state();
        NetOptions.SplitBrain sb = conn.options.splitBrain();
        HandshakeInput in = HandshakeInput.builder(volume.uuids(), peerUuids)
                .agreedProtocol(conn.wire.apv()).agreedFeatures(conn.wire.features())
                .localCrashedPrimary(MdFlags.has(volume.mdFlags(), MdFlags.CRASHED_PRIMARY))
                .roles(my.role(), peerRole).resolveConflicts(conn.resolveConflicts)
                .disks(my.disk(), peerState.disk())
                .attachTimeDisk(my.disk() == DiskState.NEGOTIATING ? DiskState.INCONSISTENT : null)
                .afterSb(sb.afterSb0pri(), sb.afterSb1pri(), sb.afterSb2pri())
                .rrConflict(sb.rrConflict()).alwaysAsbp(sb.alwaysAsbp())
                .discardMyData(conn.discardMyData).dryRun(conn.tentative || conn.peerDryRun)
                .bitmapBitsSelf(volume.countBits(0, volume.bitmapBits())).build();
        HandshakeDecision d = SyncHandshake.decide(in);
        if (d.outcome() == HandshakeDecision.Outcome.NEEDS_DEMOTION) {
            logDecision(d);
            Future<Void> handlers = runHandlers(d);
            return handlers.compose(x -> volume.change(volume.state().withRole(Role.SECONDARY),
                    ChangeFlag.NONE)).transform(ar -> {
                        boolean demoted = ar.succeeded() && ar.result().isSuccess();
                        info("{}", demoted ? "Successfully gave up primary role."
                                : "Could not give up the primary role");
                        return apply(SyncHandshake.resume(d, demoted), peerRole, peerDisk, in);
                    });
        }
        return apply(d, peerRole, peerDisk, in);
    }

    private void logDecision(HandshakeDecision d) {
        for (LogLine l : d.log()) {
            if (l.level() == LogLine.Level.INFO) {
                info("{}", l.text());
            } else {
                warn("{}", l.text());
            }
        }
    }

    /** Runs the decision's handlers one after the other; their exit codes are ignored (§4.5). */
    private Future<Void> runHandlers(HandshakeDecision d) {
        Future<Void> chain = Future.succeededFuture();
        String cstate = volume.state().conn().displayName();
        for (HandlerName h : d.handlers()) {
            chain = chain.compose(x -> conn.helpers.call(h, volume.number(), cstate)
                    .otherwiseEmpty().mapEmpty());
        }
        return chain;
    }

    private Future<Void> apply(HandshakeDecision d, Role peerRole, DiskState peerDisk, HandshakeInput in) {
        if (d.outcome() != HandshakeDecision.Outcome.NEEDS_DEMOTION || d.pending() == null) {
            logDecision(d);
        }
        SplitBrainReport report = SplitBrainReport.of(d, in, volume.countBits(0, volume.bitmapBits()),
                peerUuids == null ? 0 : peerUuids.bitmapBits());
        if (report != null) {
            // Kept until the next split brain: the administrator reads it after the resync.
            lastDecision = report;
            warn("{}", report.logLine());
        }
        Future<Void> handlers = runHandlers(d);
        if (d.failed() || d.nextConn().isEmpty()) {
            return handlers.map(x -> {
                failHandshake(d);
                return null;
            });
        }
        conn.discardMyData = false;
        if (!d.comparison().self().equals(volume.uuids())) {
            volume.setUuids(d.comparison().self());
        }
        if (d.comparison().peer() != null) {
            peerUuids = d.comparison().peer();
        }
        ConnState next = d.nextConn().get();
        info("handshake: {} by rule {}, going {}", d.outcome(), d.rule(), next.displayName());
        Future<Void> bits;
        if (d.writeFullBitmap()) {
            volume.setBits(0, volume.bitmapBits());
            bits = volume.writeBitmap("full sync");
        } else {
            bits = Future.succeededFuture();
        }
        if (next == ConnState.WF_BITMAP_S || next == ConnState.WF_BITMAP_T) {
            bitmapSource = next == ConnState.WF_BITMAP_S;
            bitmapIn = new BitmapReceiver(volume.bitmapBits());
            bitmapSent = false;
        }
        return handlers.compose(x -> bits).compose(x -> volume.syncMetaData())
                .compose(x -> volume.change(connState(next, peerRole, peerDisk), ChangeFlag.FORCED))
                .map(t -> {
                    sendState();
                    if (next == ConnState.WF_BITMAP_S) {
                        sendBitmap();
                    }
                    return null;
                });
    }

    /** receive_state's C_MASK handling (fact sheet §3.4 "Fail"). */
    private void failHandshake(HandshakeDecision d) {
        String why = "sync handshake: " + d.outcome() + " (uuid_compare rule " + d.rule() + ", hg "
                + d.finalHg() + ")";
        switch (d.failureAction()) {
            case FAIL_LOCAL_DISK -> {
                warn("{}: attach aborted", why);
                volume.change(volume.state().withDisk(DiskState.FAILED), ChangeFlag.FORCED);
            }
            case PEER_DISKLESS -> {
                warn("{}: Disk attach process on the peer node was aborted.", why);
                volume.change(volume.state().withPdsk(DiskState.DISKLESS), ChangeFlag.FORCED);
            }
            case DROP_DRY_RUN -> conn.giveUp("dry run finished: " + d.dryRunWouldBe());
            default -> conn.giveUp(why);
        }
    }

    // ---- bitmap exchange ----

    private void sendBitmap() {
        long bits = volume.bitmapBits();
        long[] words = new long[(int) ((bits + 63) / 64)];
        for (long b = 0; b < bits; b++) {
            if (volume.testBit(b)) {
                words[(int) (b >>> 6)] |= 1L << (b & 63);
            }
        }
        BitmapSender s = new BitmapSender(words, bits, conn.options.useRle(), conn.wire);
        int packets = 0;
        while (s.hasNext()) {
            Packet p = s.next();
            conn.send(new Packet(p.type(), volume.number(), p.payload()));
            packets++;
        }
        bitmapSent = true;
        info("bitmap sent: {} bits set, {} packets", volume.countBits(0, bits), packets);
    }

    private void onBitmap(Payload p) {
        if (bitmapIn == null) {
            conn.protocolError("bitmap packet outside the bitmap exchange");
            return;
        }
        var r = bitmapIn.accept(p);
        if (!r.isOk()) {
            conn.protocolError(r.reason());
            return;
        }
        if (!r.value()) {
            return;
        }
        long[] words = bitmapIn.words();
        bitmapIn = null;
        chained(() -> bitmapReceived(words));
    }

    private Future<Void> bitmapReceived(long[] words) {
        long bits = volume.bitmapBits();
        long run = -1;
        for (long b = 0; b <= bits; b++) {
            boolean set = b < bits && (words[(int) (b >>> 6)] & (1L << (b & 63))) != 0;
            if (set && run < 0) {
                run = b;
            } else if (!set && run >= 0) {
                volume.setBits(run, b);
                run = -1;
            }
        }
        info("peer's bitmap merged: {} bits out of sync", volume.countBits(0, bits));
        if (bitmapSource) {
            return resync.startAsSource();
        }
        if (!bitmapSent) {
            sendBitmap();
        }
        return volume.writeBitmap("bitmap exchange")
                .compose(x -> volume.change(volume.state().withConn(ConnState.WF_SYNC_UUID),
                        ChangeFlag.FORCED)).mapEmpty();
    }

    // ---- replication hook ----

    @Override
    public Future<Boolean> replicate(long offset, long length, Kind kind, ByteBuffer data, boolean fua) {
        return conn.replicator.replicate(this, offset, length, kind, data, fua);
    }

    /** Whether a local write goes to the peer now (fact sheet §6.4 drbd_should_do_remote). */
    boolean shouldReplicate() {
        State s = volume.state();
        if (conn.phase != Connection.Phase.ESTABLISHED || conn.data == null) {
            return false;
        }
        ConnState c = s.conn();
        boolean syncing = c.ge(ConnState.WF_BITMAP_S) && c.lt(ConnState.AHEAD);
        return s.pdsk() == DiskState.UP_TO_DATE && c.ge(ConnState.CONNECTED)
                || s.pdsk().ge(DiskState.INCONSISTENT) && (c == ConnState.CONNECTED || syncing);
    }

    /** Marks [offset, offset+length) out of sync for the peer (the peer may not have it). */
    void markOutOfSync(long offset, long length) {
        if (!volume.hasDisk() || length <= 0) {
            return;
        }
        long first = offset / 4096;
        long end = Math.min(volume.bitmapBits(), (offset + length + 4095) / 4096);
        volume.setBits(first, end);
    }

    void tick() {
        resync.tick();
        verify.tick();
    }

    void connectionLost() {
        considerResync = false;
        bitmapIn = null;
        peerUuids = null;
        peerState = null;
        resync.connectionLost();
        verify.connectionLost();
        chain = Future.succeededFuture();
    }

    Progress progress() {
        Progress v = verify.progress();
        return v != null ? v : resync.progress();
    }

    /** The last split-brain verdict of this volume's handshakes; null when none happened. */
    public SplitBrainReport splitBrain() {
        return lastDecision;
    }
}
