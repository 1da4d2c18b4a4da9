package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.util.Optional;
import org.jdrbd.daemon.wire.Bytes;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.State;

/**
 * The VerifyT side of online verify (fact sheet §9.2): becomes VerifyT when the peer reports
 * VerifyS (or sends its first P_OV_REQUEST), answers each request with the verify-alg digest of
 * its block (zeros when the block cannot be read), marks the blocks P_OV_RESULT calls out of
 * sync, and ends when the VerifyS reported Connected and every result is in (results travel on
 * the meta socket and may come after that P_STATE). Results that never come end it after five
 * seconds.
 */
final class VerifyTarget {
    private static final int BLOCK_BYTES = Verify.BLOCK_BYTES;
    private static final int SECTORS_PER_BLOCK = BLOCK_BYTES / WireConstants.SECTOR_BYTES;
    /** How long a VerifyT told "done" waits for results still on the way (100 ms ticks). */
    private static final int MISSING_RESULTS_TICKS = 50;

    private final PeerDevice dev;
    private final Verify verify;
    private boolean target;
    private boolean peerDone;
    private int doneTicks;
    private long repliesPending;
    private long targetTotalBits = -1;
    private long targetResulted;
    private long found;
    private long startNs;

    VerifyTarget(PeerDevice dev, Verify verify) {
        this.dev = dev;
        this.verify = verify;
    }

    boolean running() {
        return target;
    }

    /** DRBD's rs_total and ov_left of this side; null when not verifying. */
    PeerDevice.Progress progress() {
        if (target && targetTotalBits >= 0) {
            return new PeerDevice.Progress(targetTotalBits, Math.max(0, targetTotalBits - targetResulted));
        }
        return null;
    }

    void tick() {
        if (target && peerDone && repliesPending > 0 && ++doneTicks > MISSING_RESULTS_TICKS) {
            dev.warn("online verify: {} results never came; ending verify", repliesPending);
            repliesPending = 0;
            maybeFinishTarget();
        }
    }

    /** P_OV_REQUEST: digest our block (zeros when it cannot be read) and answer P_OV_REPLY. */
    void onRequest(Payload.BlockRequest r) {
        PeerVolume v = dev.volume;
        int size = r.blockSizeBytes();
        long offset = r.sector() * WireConstants.SECTOR_BYTES;
        if (offset + size > v.sizeBytes() || size > BLOCK_BYTES * 256) {
            dev.conn.protocolError("P_OV_REQUEST beyond the device: sector " + r.sector() + " +" + size);
            return;
        }
        Optional<Digests.Digest> d = Digests.of(verify.verifyAlg());
        if (d.isEmpty()) {
            dev.conn.protocolError("peer asked for online verify, but no verify-alg is configured");
            return;
        }
        if (!target) {
            enterTarget();
        }
        if (targetTotalBits < 0) {
            targetTotalBits = Math.max(0, verify.blocks() - r.sector() / SECTORS_PER_BLOCK);
            dev.info("Online Verify start sector: {}", r.sector());
        }
        repliesPending++;
        Link asked = dev.conn.data;
        verify.readDigest(offset, size, d.get().name()).onComplete(ar -> {
            byte[] digest = ar.succeeded() ? ar.result() : new byte[d.get().lengthBytes()];
            // Not onto a newer connection: the request belonged to the old one.
            if (asked != null && dev.conn.data == asked) {
                dev.conn.send(new Packet(PacketType.P_OV_REPLY, v.number(), new Payload.BlockRequest(
                        r.sector(), r.blockId(), size, Bytes.of(digest))));
            }
        });
    }

    /** P_OV_RESULT: the VerifyS's verdict on a block we digested. */
    void onResult(Payload.BlockAck a) {
        long offset = a.sector() * WireConstants.SECTOR_BYTES;
        if (a.blockId() != WireConstants.ID_IN_SYNC && a.blockId() != WireConstants.ID_OUT_OF_SYNC
                || a.blockSizeBytes() <= 0 || offset + a.blockSizeBytes() > dev.volume.sizeBytes()) {
            dev.conn.protocolError("bad P_OV_RESULT: sector " + a.sector() + " +" + a.blockSizeBytes()
                    + " id " + a.blockId());
            return;
        }
        long blocks = (a.blockSizeBytes() + BLOCK_BYTES - 1) / BLOCK_BYTES;
        if (a.blockId() == WireConstants.ID_OUT_OF_SYNC) {
            long first = offset / BLOCK_BYTES;
            dev.volume.setBits(first, first + blocks);
            found += blocks;
        }
        if (target) {
            repliesPending--;
            targetResulted += blocks;
            maybeFinishTarget();
        }
    }

    private void enterTarget() {
        target = true;
        peerDone = false;
        doneTicks = 0;
        repliesPending = 0;
        targetResulted = 0;
        targetTotalBits = -1;
        found = 0;
        startNs = System.nanoTime();
        dev.chained(() -> {
            PeerVolume v = dev.volume;
            if (!target || v.state().conn() != ConnState.CONNECTED) {
                return Future.succeededFuture();
            }
            v.setCtx(v.ctx().withVerifyAlgConfigured(true));
            return v.change(v.state().withConn(ConnState.VERIFY_T), ChangeFlag.FORCED).mapEmpty();
        });
    }

    /**
     * The peer's P_STATE, before the normal handling: VerifyS makes us VerifyT; Connected while we
     * are VerifyT says the VerifyS is done.
     */
    Future<Void> onPeerState(State reported) {
        ConnState mine = dev.volume.state().conn();
        if (reported.conn() == ConnState.VERIFY_S && !target
                && (mine == ConnState.CONNECTED || mine == ConnState.VERIFY_T)) {
            enterTarget();
        } else if (target && reported.conn() == ConnState.CONNECTED) {
            peerDone = true;
            maybeFinishTarget();
        } else if (!target && mine == ConnState.VERIFY_T && reported.conn() == ConnState.CONNECTED) {
            // Approved cluster-wide, but the VerifyS never started: nothing to verify here.
            return dev.volume.change(dev.volume.state().withConn(ConnState.CONNECTED), ChangeFlag.FORCED)
                    .mapEmpty();
        }
        return Future.succeededFuture();
    }

    private void maybeFinishTarget() {
        if (target && peerDone && repliesPending <= 0) {
            target = false;
            long n = found;
            long total = targetTotalBits < 0 ? 0 : targetTotalBits;
            dev.chained(() -> {
                PeerVolume v = dev.volume;
                verify.logDone(startNs, Math.min(total, targetResulted), n);
                return v.writeBitmap("online verify done")
                        .compose(x -> v.state().conn() != ConnState.VERIFY_T ? Future.succeededFuture()
                                : v.change(v.state().withConn(ConnState.CONNECTED), ChangeFlag.FORCED).mapEmpty())
                        .map(x -> {
                            verify.callHandler(n);
                            return null;
                        });
            });
        }
    }

    void connectionLost() {
        if (target) {
            dev.warn("online verify as VerifyT interrupted; {} blocks out of sync so far", found);
            dev.volume.writeBitmap("online verify interrupted");
        }
        target = false;
        targetTotalBits = -1;
    }
}
