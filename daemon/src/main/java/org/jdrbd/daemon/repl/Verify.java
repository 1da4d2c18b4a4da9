package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import org.jdrbd.daemon.registry.StateRegistry;
import org.jdrbd.daemon.registry.VerifyCheckpoint;
import org.jdrbd.daemon.wire.Bytes;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ClusterWidePredicate;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.HandlerName;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.Transition;

/**
 * Online verify of one volume (fact sheet §9.2); this class is the VerifyS side and what both
 * sides share, {@link VerifyTarget} the VerifyT side. The VerifyS asks for one 4 KiB block digest
 * per P_OV_REQUEST at the resync rate, compares each P_OV_REPLY with the digest of its own block,
 * marks a mismatch out of sync and answers P_OV_RESULT; the VerifyT digests what it is asked for
 * and marks what the results say. The VerifyS ends at its stop and tells the peer with P_STATE
 * (Connected); the VerifyT ends when that came and every result is in. Both log the count, write
 * the bitmap and call the out-of-sync handler when blocks were found. Verify never copies data:
 * the next resync does (disconnect and connect).
 *
 * <p>Beyond DRBD: the VerifyS checkpoints its position in the state registry (bitmap written
 * first, so no found block is lost), and a verify without {@code --start} resumes there even
 * after a daemon restart. Also the digest algorithms of the connection (verify-alg, csums-alg)
 * are checked here when the peer's P_SYNC_PARAM89 arrives.
 */
final class Verify {
    static final int BLOCK_BYTES = 4096;
    private static final int SECTORS_PER_BLOCK = BLOCK_BYTES / WireConstants.SECTOR_BYTES;
    private static final int CHECKPOINT_EVERY_TICKS = 10;
    /**
     * Requests out at most (DRBD bounds them by max-buffers): each costs a read on both nodes,
     * and the disk's IO queue, shared with application IO, must not overflow, or a refused read
     * would look like a block out of sync.
     */
    static final int MAX_IN_FLIGHT_BLOCKS = 256;

    private final PeerDevice dev;
    /** The answering side (VerifyT). */
    final VerifyTarget target;

    // ---- VerifyS ----
    private VerifyWindow window;
    private VerifyPlan plan;
    private boolean finishing;
    private long startNs;
    private int ticks;
    private boolean checkpointing;
    /** Blocks this tick may still ask for. */
    private long tickBudget;
    private StateRegistry registry;
    /** Where the next run without --start begins when no registry is at hand (DRBD's memory). */
    private VerifyPlan.Resume resume;
    private long oosStartSector = -1;
    private long oosSectors;

    private long found;

    // ---- algorithms ----
    private boolean paramsSeen;
    private String peerVerifyAlg;
    private String peerCsumsAlg;

    Verify(PeerDevice dev) {
        this.dev = dev;
        this.target = new VerifyTarget(dev, this);
    }

    boolean isSource() {
        return window != null;
    }

    boolean isTarget() {
        return target.running();
    }

    /** verify-alg in use: the peer's when it changed it on a live connection, else ours. */
    String verifyAlg() {
        return peerVerifyAlg != null ? peerVerifyAlg : dev.conn.options.checksums().verifyAlg();
    }

    /** csums-alg in use, as {@link #verifyAlg()}. */
    String csumsAlg() {
        return peerCsumsAlg != null ? peerCsumsAlg : dev.conn.options.checksums().csumsAlg();
    }

    /** Progress for status while verifying (DRBD's rs_total and ov_left); null otherwise. */
    PeerDevice.Progress progress() {
        if (window != null) {
            return new PeerDevice.Progress(window.totalBits(), window.leftBits());
        }
        return target.progress();
    }

    // ---- P_SYNC_PARAM89: the peer's algorithms ----

    /**
     * At connect both nodes must name the same algorithms, else the connection is given up as in
     * DRBD; a change on a live connection is adopted.
     */
    void onSyncParam(Payload.SyncParam p) {
        NetOptions.Checksums mine = dev.conn.options.checksums();
        if (!paramsSeen) {
            paramsSeen = true;
            if (!mine.verifyAlg().equalsIgnoreCase(p.verifyAlg())) {
                dev.conn.giveUp(String.format("Different verify-alg settings. me=\"%s\" peer=\"%s\"",
                        mine.verifyAlg(), p.verifyAlg()));
            } else if (!mine.csumsAlg().equalsIgnoreCase(p.csumsAlg())) {
                dev.conn.giveUp(String.format("Different csums-alg settings. me=\"%s\" peer=\"%s\"",
                        mine.csumsAlg(), p.csumsAlg()));
            } else {
                // §2.2 rule 10 on both nodes: a peer's verify request needs our verify-alg too.
                dev.volume.setCtx(dev.volume.ctx().withVerifyAlgConfigured(!mine.verifyAlg().isEmpty()));
            }
            return;
        }
        if (!Digests.isKnownOrOff(p.verifyAlg()) || !Digests.isKnownOrOff(p.csumsAlg())) {
            dev.conn.giveUp("peer switched to an unknown digest: verify-alg \"" + p.verifyAlg()
                    + "\", csums-alg \"" + p.csumsAlg() + "\"");
            return;
        }
        if (!p.verifyAlg().equalsIgnoreCase(verifyAlg()) || !p.csumsAlg().equalsIgnoreCase(csumsAlg())) {
            dev.info("adopting the peer's verify-alg \"{}\" and csums-alg \"{}\"", p.verifyAlg(), p.csumsAlg());
        }
        peerVerifyAlg = p.verifyAlg();
        peerCsumsAlg = p.csumsAlg();
        dev.volume.setCtx(dev.volume.ctx().withVerifyAlgConfigured(!peerVerifyAlg.isEmpty()));
    }

    /** P_STATE of the peer, before the normal handling (see {@link VerifyTarget#onPeerState}). */
    Future<Void> onPeerState(State reported) {
        return target.onPeerState(reported);
    }

    /** P_OV_REQUEST (VerifyT). */
    void onRequest(Payload.BlockRequest r) {
        target.onRequest(r);
    }

    /** P_OV_RESULT (VerifyT). */
    void onResult(Payload.BlockAck a) {
        target.onResult(a);
    }

    // ---- VerifyS: the request ----

    /**
     * drbdsetup verify: VerifyS and the first requests, or a new stop for a running verify.
     *
     * @param startSector --start or {@link VerifyPlan#NOT_GIVEN}
     * @param stopSector --stop or {@link VerifyPlan#NOT_GIVEN}
     * @param reg where checkpoints go; null for none
     */
    Future<OnlineVerify.Result> request(long startSector, long stopSector, StateRegistry reg) {
        PeerVolume v = dev.volume;
        if (!v.hasDisk()) {
            return Future.succeededFuture(new OnlineVerify.Result(null, "no local disk"));
        }
        if (window != null && v.state().conn() == ConnState.VERIFY_S) {
            // DRBD: a running verify takes a new stop and ignores the start.
            if (stopSector >= 0) {
                window.setStop(VerifyPlan.stopBit(stopSector, blocks()));
                plan = new VerifyPlan(plan.startBit(), window.stopBit(), stopSector);
                dev.info("online verify: stop sector now {}", window.stopBit() * SECTORS_PER_BLOCK);
            }
            return Future.succeededFuture(new OnlineVerify.Result(StateRv.SS_SUCCESS, null));
        }
        String alg = verifyAlg();
        if (!alg.isEmpty() && Digests.of(alg).isEmpty()) {
            return Future.succeededFuture(new OnlineVerify.Result(null, "Unknown verify algorithm: verify-alg '"
                    + alg + "' (known: " + Digests.knownNames() + ")"));
        }
        v.setCtx(v.ctx().withVerifyAlgConfigured(!alg.isEmpty()));
        registry = reg;
        VerifyPlan p = VerifyPlan.of(startSector, stopSector, resumePoint(), blocks());
        State os = v.state();
        State ns = os.withConn(ConnState.VERIFY_S);
        Transition local = StateChange.propose(os, ns, v.ctx(), ChangeFlag.ORDERED);
        if (!local.isSuccess() || !ClusterWidePredicate.requiresClusterWide(os, ns)) {
            return changeLocally(ns, p, false);
        }
        // Cluster-wide (fact sheet §1.6): the peer checks and becomes VerifyT, then we commit.
        return dev.conn.requestClusterWide(v.number(), os, ns).compose(peer -> {
            if (peer.isPresent() && !peer.get().isSuccess()) {
                dev.warn("the peer refused online verify: {}", peer.get().message());
                return Future.succeededFuture(new OnlineVerify.Result(peer.get(), null));
            }
            return changeLocally(v.state().withConn(ConnState.VERIFY_S), p, peer.isPresent());
        });
    }

    private Future<OnlineVerify.Result> changeLocally(State ns, VerifyPlan p, boolean peerApproved) {
        return dev.volume.change(ns, ChangeFlag.ORDERED).map(t -> {
            if (!t.isSuccess()) {
                if (peerApproved) {
                    // The peer became VerifyT already: our state tells it that it is over.
                    dev.sendState();
                }
                return new OnlineVerify.Result(t.rv(), null);
            }
            begin(p);
            return new OnlineVerify.Result(t.rv(), null);
        });
    }

    private VerifyPlan.Resume resumePoint() {
        if (registry != null) {
            Optional<VerifyCheckpoint> c = registry.verifyCheckpoint(dev.conn.resource,
                    dev.conn.peerNodeId, dev.volume.number());
            if (c.isPresent()) {
                return new VerifyPlan.Resume(c.get().positionSector(), c.get().stopSector(),
                        c.get().finished());
            }
            return null;
        }
        return resume;
    }

    private void begin(VerifyPlan p) {
        plan = p;
        window = new VerifyWindow(p.startBit(), p.stopBit());
        finishing = false;
        found = 0;
        oosStartSector = -1;
        startNs = System.nanoTime();
        dev.info("Online Verify start sector: {} (stop sector {}, {} blocks)",
                p.startBit() * SECTORS_PER_BLOCK, p.stopBit() * SECTORS_PER_BLOCK, p.blocks());
        dev.sendState();
        saveCheckpoint(p.startBit(), false);
        maybeFinish();
    }

    /** Blocks both nodes have (the smaller device). */
    long blocks() {
        long bytes = dev.volume.sizeBytes();
        if (dev.peerSizeSectors > 0) {
            bytes = Math.min(bytes, dev.peerSizeSectors * WireConstants.SECTOR_BYTES);
        }
        return Math.min(dev.volume.bitmapBits(), (bytes + BLOCK_BYTES - 1) / BLOCK_BYTES);
    }

    private int blockBytes(long bit) {
        long left = dev.volume.sizeBytes() - bit * BLOCK_BYTES;
        return (int) Math.min(BLOCK_BYTES, left);
    }

    // ---- VerifyS: requests and replies ----

    void tick() {
        target.tick();
        if (window == null || finishing) {
            return;
        }
        PeerVolume v = dev.volume;
        if (v.state().conn() != ConnState.VERIFY_S) {
            interrupted("state is " + v.state().conn().displayName());
            dev.sendState();
            return;
        }
        if (++ticks % CHECKPOINT_EVERY_TICKS == 0) {
            saveCheckpoint(window.checkpointBit(), false);
        }
        Link data = dev.conn.data;
        if (data == null || data.congested()) {
            return;
        }
        tickBudget = ResyncScheduler.budgetBlocks(dev.conn.options.resyncRateKiB());
        issue();
        maybeFinish();
    }

    /**
     * Requests from the tick's budget (the resync rate), at most {@link #MAX_IN_FLIGHT_BLOCKS}
     * out; each result refills from what is left of the budget.
     */
    private void issue() {
        VerifyWindow w = window;
        if (w == null || finishing || dev.conn.data == null
                || dev.volume.state().conn() != ConnState.VERIFY_S) {
            return;
        }
        long n = Math.min(tickBudget, MAX_IN_FLIGHT_BLOCKS - w.inFlightBlocks());
        for (long bit : w.take(n)) {
            tickBudget--;
            dev.conn.send(new Packet(PacketType.P_OV_REQUEST, dev.volume.number(), new Payload.BlockRequest(
                    bit * SECTORS_PER_BLOCK, WireConstants.ID_SYNCER, blockBytes(bit), Bytes.EMPTY)));
        }
    }

    /** P_OV_REPLY: compare with our own block, mark, answer P_OV_RESULT. */
    void onReply(Payload.BlockRequest r) {
        VerifyWindow w = window;
        if (w == null) {
            // A run that was interrupted here (disk or state change) may still get replies.
            return;
        }
        long bit = r.sector() / SECTORS_PER_BLOCK;
        if (r.sector() % SECTORS_PER_BLOCK != 0 || !w.isInFlight(bit) || r.blockSizeBytes() != blockBytes(bit)) {
            dev.conn.protocolError("P_OV_REPLY for sector " + r.sector() + " +" + r.blockSizeBytes()
                    + " that was not requested");
            return;
        }
        int size = r.blockSizeBytes();
        byte[] theirs = r.digest().toArray();
        readDigest(bit * BLOCK_BYTES, size, verifyAlg()).onComplete(ar -> {
            if (window != w || !w.isInFlight(bit)) {
                return;
            }
            byte[] mine = ar.succeeded() ? ar.result() : null;
            boolean same = mine != null && Arrays.equals(mine, theirs);
            if (!same) {
                outOfSyncFound(r.sector(), size);
            }
            dev.conn.send(new Packet(PacketType.P_OV_RESULT, dev.volume.number(), new Payload.BlockAck(
                    r.sector(), same ? WireConstants.ID_IN_SYNC : WireConstants.ID_OUT_OF_SYNC, size,
                    dev.nextSeq())));
            w.resulted(bit);
            issue();
            maybeFinish();
        });
    }

    /** P_NEG_RS_DREPLY during verify: the peer could not read the block; counted as different. */
    void onNegReply(Payload.BlockAck a) {
        VerifyWindow w = window;
        long bit = a.sector() / SECTORS_PER_BLOCK;
        if (w == null || !w.isInFlight(bit)) {
            return;
        }
        dev.warn("online verify: peer could not read sector {}", a.sector());
        outOfSyncFound(a.sector(), blockBytes(bit));
        w.resulted(bit);
        maybeFinish();
    }

    private void outOfSyncFound(long sector, int sizeBytes) {
        long first = sector / SECTORS_PER_BLOCK;
        long end = (sector * WireConstants.SECTOR_BYTES + sizeBytes + BLOCK_BYTES - 1) / BLOCK_BYTES;
        dev.volume.setBits(first, end);
        found += end - first;
        long sectors = sizeBytes / WireConstants.SECTOR_BYTES;
        // DRBD logs runs of adjacent out-of-sync blocks as one range; our replies complete out
        // of order, so a block may also extend the run at its front.
        if (oosStartSector >= 0 && oosStartSector + oosSectors == sector) {
            oosSectors += sectors;
            return;
        }
        if (oosStartSector >= 0 && sector + sectors == oosStartSector) {
            oosStartSector = sector;
            oosSectors += sectors;
            return;
        }
        logOosRange();
        oosStartSector = sector;
        oosSectors = sectors;
    }

    private void logOosRange() {
        if (oosStartSector >= 0) {
            dev.warn("Out of sync: start={}, size={} (sectors)", oosStartSector, oosSectors);
        }
        oosStartSector = -1;
        oosSectors = 0;
    }

    private void maybeFinish() {
        if (window != null && window.done() && !finishing) {
            finishing = true;
            dev.chained(this::finishAsSource);
        }
    }

    private Future<Void> finishAsSource() {
        PeerVolume v = dev.volume;
        VerifyWindow w = window;
        long n = found;
        boolean atEnd = w.stopBit() >= blocks();
        logOosRange();
        logDone(startNs, w.totalBits(), n);
        Future<Void> saved = atEnd ? v.writeBitmap("online verify done").map(x -> {
            resume = null;
            if (registry != null) {
                registry.removeVerifyCheckpoint(dev.conn.resource, dev.conn.peerNodeId, v.number());
            }
            return null;
        }) : persist(w.stopBit(), true);
        return saved.compose(x -> v.state().conn() != ConnState.VERIFY_S ? Future.succeededFuture()
                : v.change(v.state().withConn(ConnState.CONNECTED), ChangeFlag.FORCED).mapEmpty())
                .map(x -> {
                    window = null;
                    finishing = false;
                    if (dev.conn.data != null) {
                        // The peer does not know our stop: P_STATE ends its VerifyT (DRBD does the same).
                        dev.sendState();
                    }
                    callHandler(n);
                    return null;
                });
    }

    /** DRBD's end-of-verify lines, on both sides. */
    void logDone(long startNs, long blocks, long n) {
        long ms = Math.max(1, (System.nanoTime() - startNs) / 1_000_000);
        dev.info("Online verify done (total {} ms; {} blocks verified)", ms, blocks);
        if (n > 0) {
            dev.warn("Online verify found {} 4k blocks out of sync!", n);
        } else {
            dev.info("Online verify found no blocks out of sync");
        }
    }

    /** The out-of-sync handler when blocks were found (§9.7), on both sides. */
    void callHandler(long n) {
        if (n > 0) {
            dev.conn.helpers.call(HandlerName.OUT_OF_SYNC, dev.volume.number(),
                    dev.volume.state().conn().displayName());
        }
    }

    /** Checkpoint of a running verify (every second), unless one is being written. */
    private void saveCheckpoint(long bit, boolean finished) {
        if (checkpointing) {
            return;
        }
        checkpointing = true;
        persist(bit, finished).onComplete(x -> checkpointing = false);
    }

    /** The bitmap first, so every block before the checkpoint that was found different is durable. */
    private Future<Void> persist(long bit, boolean finished) {
        long stop = plan == null ? -1 : plan.stopSector();
        VerifyPlan.Resume r = new VerifyPlan.Resume(bit * SECTORS_PER_BLOCK, stop, finished);
        resume = r;
        StateRegistry reg = registry;
        return dev.volume.writeBitmap("online verify progress").<Void>map(x -> {
            if (reg != null) {
                reg.putVerifyCheckpoint(new VerifyCheckpoint(dev.conn.resource, dev.conn.peerNodeId,
                        dev.volume.number(), r.positionSector(), r.stopSector(), finished));
            }
            return null;
        }).recover(e -> {
            dev.warn("online verify checkpoint not saved: {}", e.toString());
            return Future.succeededFuture();
        });
    }

    /** The run stops before its end (connection lost, state changed): its position is kept. */
    private void interrupted(String why) {
        VerifyWindow w = window;
        window = null;
        finishing = false;
        logOosRange();
        long pos = w.checkpointBit() * SECTORS_PER_BLOCK;
        dev.warn("Online Verify reached sector {} ({}); {} blocks out of sync so far", pos, why, found);
        persist(w.checkpointBit(), false);
    }

    // ---- both ----

    /** Reads a block and digests it with {@code alg}; fails on a read error or without a disk. */
    Future<byte[]> readDigest(long offset, int size, String alg) {
        PeerVolume v = dev.volume;
        Optional<Digests.Digest> d = Digests.of(alg);
        if (v.data() == null || d.isEmpty()) {
            return Future.failedFuture("no disk or no digest");
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        return Future.fromCompletionStage(v.data().read(offset, buf.duplicate()), dev.conn.context)
                .compose(io -> io.ok() ? Future.succeededFuture(d.get().compute(buf))
                        : Future.failedFuture("read error at " + offset));
    }

    void connectionLost() {
        if (window != null) {
            interrupted("connection lost");
        }
        target.connectionLost();
        paramsSeen = false;
        peerVerifyAlg = null;
        peerCsumsAlg = null;
    }
}
