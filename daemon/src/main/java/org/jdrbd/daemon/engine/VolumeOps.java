package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ClusterWidePredicate;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.FenceVolume;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.IoFreeze;
import org.jdrbd.statemachine.PromotionPlan;
import org.jdrbd.statemachine.PromotionRetry;
import org.jdrbd.statemachine.PromotionStep;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.Transition;
import org.jdrbd.statemachine.UuidLifecycle;

/**
 * The admin operations on one volume besides attach/detach: role changes with DRBD's promotion
 * retry rules, new-current-uuid, invalidate, outdate, suspend-io and resume-io.
 */
final class VolumeOps {
    /** ping-timeout default (tenths of a second); only matters with a peer. */
    private static final int PING_TIMEOUT_TENTHS = 5;

    private VolumeOps() {
    }

    static Future<AdminResult> primary(Volume v, boolean force) {
        return promote(v, PromotionPlan.initial(), force, new ArrayList<>());
    }

    /** How often a promotion that met a concurrent cluster-wide change is tried again. */
    private static final int CONCURRENT_RETRIES = 3;
    /** Pause before such a retry: the peer's own change needs a round trip to settle. */
    private static final long CONCURRENT_RETRY_MS = 100;

    private static Future<AdminResult> promote(Volume v, PromotionPlan plan, boolean force,
            List<String> warnings) {
        return promote(v, plan, force, warnings, CONCURRENT_RETRIES);
    }

    /**
     * A promotion while connected is cluster-wide (fact sheet §1.6): checked locally first, then
     * approved by the peer, then committed here. The peer's refusal is handled like a local one.
     */
    private static Future<AdminResult> promote(Volume v, PromotionPlan plan, boolean force,
            List<String> warnings, int retries) {
        State ns = plan.proposedFrom(v.state);
        var c = v.resource.connection;
        if (c == null || !ClusterWidePredicate.requiresClusterWide(v.state, ns)
                || !StateChange.propose(v.state, ns, v.ctx, ChangeFlag.ORDERED).isSuccess()) {
            return promoteLocally(v, plan, force, warnings);
        }
        return c.requestClusterWide(v.number, v.state, ns).transform(ar -> {
            Optional<StateRv> peer = ar.succeeded() ? ar.result() : Optional.empty();
            if (peer.isEmpty() || peer.get().isSuccess()) {
                return promoteLocally(v, plan, force, warnings);
            }
            StateRv rv = peer.get();
            v.log.warn("the peer refused the promotion: {}", rv.message());
            if (rv == StateRv.SS_CONCURRENT_ST_CHG && retries > 0) {
                io.vertx.core.Promise<AdminResult> again = io.vertx.core.Promise.promise();
                v.resource.engine.vertx().setTimer(CONCURRENT_RETRY_MS, t ->
                        promote(v, plan, force, warnings, retries - 1).onComplete(again));
                return again.future();
            }
            return next(v, PromotionRetry.onResult(plan, rv, v.state, force, PING_TIMEOUT_TENTHS),
                    force, warnings);
        });
    }

    private static Future<AdminResult> promoteLocally(Volume v, PromotionPlan plan, boolean force,
            List<String> warnings) {
        return v.change(plan.proposedFrom(v.state), ChangeFlag.ORDERED, t -> promoted(v, plan))
                .compose(t -> next(v, PromotionRetry.onResult(plan, t.rv(), v.state, force,
                        PING_TIMEOUT_TENTHS), force, warnings));
    }

    private static Future<AdminResult> next(Volume v, PromotionStep step, boolean force,
            List<String> warnings) {
        if (step instanceof PromotionStep.Retry r) {
            r.warning().ifPresent(w -> {
                v.log.warn("{}", w);
                warnings.add(w);
            });
            return promote(v, r.plan(), force, warnings);
        }
        if (step instanceof PromotionStep.RunFencePeer f) {
            var c = v.resource.connection;
            if (c == null) {
                // No peer configured: nobody to fence, so the peer is not outdated.
                v.log.info("fence-peer not run (no peer connection): peer not outdated");
                return next(v, PromotionRetry.afterFencePeer(f, false, force), force, warnings);
            }
            return c.fencePeer().compose(fenced ->
                    next(v, PromotionRetry.afterFencePeer(f, fenced, force), force, warnings));
        }
        if (step instanceof PromotionStep.WaitThenRetry w) {
            return next(v, PromotionRetry.afterWait(w), force, warnings);
        }
        if (step instanceof PromotionStep.Promoted p) {
            p.warnings().forEach(w -> {
                v.log.warn("{}", w);
                warnings.add(w);
            });
            return Future.succeededFuture(AdminResult.changed(p.rv(), warnings));
        }
        PromotionStep.GiveUp g = (PromotionStep.GiveUp) step;
        return Future.succeededFuture(AdminResult.refused(g.rv(), ""));
    }

    /**
     * After a committed promotion: new current UUID as DRBD makes it (forced, or no peer that
     * could follow), bit 0 set; made durable by the caller's meta data sync before Primary is
     * reported or writes are accepted.
     */
    private static Future<Void> promoted(Volume v, PromotionPlan plan) {
        if (v.disk != null) {
            GenerationUuids.Update up = UuidLifecycle.promote(v.uuids(), EffectRunner.random(),
                    v.state.conn(), v.state.pdsk(), plan.forced());
            up.warnings().forEach(w -> v.log.warn("{}", w));
            v.setUuids(up.uuids());
            v.log.info("promoted: UUIDs {}", up.uuids());
        }
        return v.syncMetaData().map(x -> {
            v.writable = v.disk != null;
            return null;
        });
    }

    static Future<AdminResult> secondary(Volume v) {
        return v.change(v.state.withRole(Role.SECONDARY), ChangeFlag.ORDERED, t -> {
            v.writable = false;
            if (v.disk != null) {
                v.setUuids(UuidLifecycle.demote(v.uuids()));
            }
            return Future.succeededFuture();
        }).map(VolumeOps::result);
    }

    static Future<AdminResult> newCurrentUuid(Volume v, boolean clearBitmap) {
        if (v.disk == null) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_NO_DISK, ""));
        }
        UuidLifecycle.AdminResult r = UuidLifecycle.adminNewCurrentUuid(v.uuids(),
                EffectRunner.random(), v.state.conn(), v.ctx.agreedProtocolVersion(), clearBitmap,
                v.state.role() == Role.PRIMARY);
        if (r.status() == UuidLifecycle.AdminStatus.ERR_CONNECTED) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_CONNECTED, ""));
        }
        r.warnings().forEach(w -> v.log.warn("{}", w));
        v.setUuids(r.uuids());
        v.log.info("new-current-uuid: {}", r.uuids());
        Future<Void> bits = Future.succeededFuture();
        int slot = v.peerBitmapIndex();
        if (r.clearBitmapBits() && slot >= 0) {
            AttachedDisk d = v.disk;
            d.bitmap.clear(slot, 0, d.bitmap.bitsPerSlot());
            BitSet pages = d.bitmap.takeDirtyPages();
            bits = v.mdIo.submit(() -> d.bitmapWriter.flush(d.bitmap, pages)).mapEmpty();
        }
        return bits.compose(x -> v.syncMetaData()).map(x -> AdminResult.success());
    }

    /**
     * StandAlone Secondary: disk Inconsistent and every bit set for the peer (written before the
     * reply). Otherwise a resync as target is requested, which needs a connection.
     */
    static Future<AdminResult> invalidate(Volume v) {
        if (v.disk == null) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_NO_DISK, ""));
        }
        if (v.state.conn() == ConnState.STANDALONE && v.state.role() == Role.SECONDARY) {
            return v.change(v.state.withDisk(DiskState.INCONSISTENT), ChangeFlag.ORDERED,
                    t -> v.effects.setAllBits().compose(x -> v.effects.writeBitmap("invalidate")))
                    .map(VolumeOps::result);
        }
        return v.change(v.state.withConn(ConnState.STARTING_SYNC_T), ChangeFlag.ORDERED)
                .map(VolumeOps::result);
    }

    static Future<AdminResult> outdate(Volume v) {
        return v.change(v.state.withDisk(DiskState.OUTDATED), ChangeFlag.ORDERED).map(VolumeOps::result);
    }

    static Future<AdminResult> suspendIo(Volume v) {
        return v.change(IoFreeze.suspendIo(v.state), ChangeFlag.ORDERED).map(VolumeOps::result);
    }

    static Future<AdminResult> resumeIo(Volume v) {
        IoFreeze.ResumeIo r = IoFreeze.resumeIo(new FenceVolume(v.number, v.state,
                FencingPolicy.DONT_CARE, v.ctx.newCurUuidPending()));
        return v.change(r.next(), ChangeFlag.ORDERED, t -> {
            if (r.uuid() == IoFreeze.ResumeIo.UuidAction.NEW_CURRENT) {
                v.ctx = v.ctx.withNewCurUuidPending(false);
                return v.effects.newCurrentUuid();
            }
            return Future.succeededFuture();
        }).map(VolumeOps::result);
    }

    static AdminResult result(Transition t) {
        return t.isSuccess() ? AdminResult.changed(t.rv(), List.of())
                : AdminResult.refused(t.rv(), "");
    }
}
