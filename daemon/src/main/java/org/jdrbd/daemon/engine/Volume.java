package org.jdrbd.daemon.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Function;
import org.jdrbd.daemon.admin.StateEvent;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.metadata.Superblock;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;

/**
 * One volume (DRBD device) of a resource: its state, the attached disk and the write path's
 * bookkeeping. Everything here runs on the resource's context ({@link #assertOwner}); state
 * changes only through {@link StateChange#propose}, their effects through {@link EffectRunner}.
 */
final class Volume {
    /** Writes held while IO is suspended, at most. */
    static final int MAX_FROZEN = 4096;

    final Resource resource;
    final int number;
    final int minor;
    final VolumeLog log;
    final EffectRunner effects;
    final VolumeWrites writes;
    final org.jdrbd.daemon.metrics.VolumeMetrics metrics;

    State state = State.INITIAL;
    StateContext ctx = StateContext.DEFAULTS.withNetConfigured(false);
    AttachedDisk disk;
    /** The attach request of the attached disk (for the state registry), null when diskless. */
    org.jdrbd.daemon.admin.AttachRequest attachedWith;
    MetaIo mdIo;
    /** The in-core superblock differs from the one on disk. */
    boolean mdDirty;
    /** Writes from clients are accepted (Primary, disk attached, promotion persisted). */
    volatile boolean writable;
    final ArrayDeque<Runnable> frozen = new ArrayDeque<>();
    /** Replication's write hook while a connection exists (repl package), else null. */
    org.jdrbd.daemon.repl.WriteReplicator replicator;
    /** This volume as replication sees it, made on first use. */
    VolumePort port;

    Volume(Resource resource, int number, int minor) {
        this.resource = resource;
        this.number = number;
        this.minor = minor;
        this.log = new VolumeLog(resource.name, number);
        this.effects = new EffectRunner(this);
        this.writes = new VolumeWrites(this);
        this.metrics = resource.engine.metrics == null ? org.jdrbd.daemon.metrics.VolumeMetrics.noop()
                : resource.engine.metrics.volume(resource.name, number, minor);
    }

    Context context() {
        return resource.context;
    }

    void assertOwner() {
        resource.assertOwner();
    }

    /** {@code RES/VOL}. */
    String exportName() {
        return resource.name + "/" + number;
    }

    /**
     * Proposes {@code ns}; when committed, runs the effects in order, then {@code afterEffects}
     * (durable steps the caller owes, e.g. a promotion's UUID), then syncs dirty meta data, and
     * only then publishes the event.
     */
    Future<Transition> change(State ns, Set<ChangeFlag> flags,
            Function<Transition, Future<Void>> afterEffects) {
        assertOwner();
        Transition t = StateChange.propose(state, ns, ctx, flags);
        if (!t.committed()) {
            if (t.isSuccess()) {
                log.debug("nothing to do: {}", t.verdict());
            } else {
                log.info("state change refused: {} ({}) by {}", t.rv(), t.rv().message(), t.verdict());
            }
            return Future.succeededFuture(t);
        }
        State before = state;
        state = t.after();
        t.warnings().forEach(w -> log.warn("{}", w));
        log.info("{}", t.changeLog());
        return effects.run(t.effects())
                .compose(v -> afterEffects.apply(t))
                .compose(v -> syncMetaData())
                .map(v -> {
                    if (!state.suspended()) {
                        thaw();
                    }
                    resource.engine.publish(new StateEvent(resource.name, number, before, state,
                            t.changeLog()));
                    return t;
                });
    }

    Future<Transition> change(State ns, Set<ChangeFlag> flags) {
        return change(ns, flags, t -> Future.succeededFuture());
    }

    /** Writes the in-core superblock if it changed (durable before the future completes). */
    Future<Void> syncMetaData() {
        assertOwner();
        if (!mdDirty || disk == null) {
            return Future.succeededFuture();
        }
        mdDirty = false;
        Superblock sb = disk.superblock;
        AttachedDisk d = disk;
        return mdIo.submit(() -> {
            d.writeSuperblockBlocking(sb);
            return null;
        });
    }

    /** Replaces the in-core superblock; {@link #syncMetaData} persists it. */
    void setSuperblock(Superblock sb) {
        assertOwner();
        if (!sb.equals(disk.superblock)) {
            disk.superblock = sb;
            mdDirty = true;
        }
    }

    GenerationUuids uuids() {
        return UuidSlots.of(disk.superblock, resource.peerNodeId);
    }

    void setUuids(GenerationUuids uuids) {
        setSuperblock(UuidSlots.store(disk.superblock, uuids, resource.peerNodeId));
    }

    /** Bitmap slot of the configured peer, -1 when there is none. */
    int peerBitmapIndex() {
        return disk == null ? -1 : UuidSlots.bitmapIndex(disk.superblock, resource.peerNodeId);
    }

    /** Releases writes held while IO was suspended, in arrival order. */
    void thaw() {
        while (!frozen.isEmpty() && !state.suspended()) {
            frozen.poll().run();
        }
    }

    VolumeStatus status() {
        assertOwner();
        String kernel = resource.engine.kernelDevice(minor, exportName());
        if (disk == null) {
            return new VolumeStatus(number, minor, state, null, 0, 0, 0, null, 0, 0, kernel);
        }
        int slot = peerBitmapIndex();
        long oos = slot < 0 ? 0 : disk.bitmap.count(slot, 0, disk.bitmap.bitsPerSlot());
        return new VolumeStatus(number, minor, state, disk.backingDisk.toString(), disk.sizeBytes,
                disk.superblock.currentUuid(), oos, splitBrain(), resyncTotal(), verifyLeft(), kernel);
    }

    /** Blocks an online verify still has to compare (status' _ov-left), 0 when none runs. */
    private long verifyLeft() {
        var c = resource.connection;
        boolean verifying = state.conn() == org.jdrbd.statemachine.ConnState.VERIFY_S
                || state.conn() == org.jdrbd.statemachine.ConnState.VERIFY_T;
        var p = c == null || !verifying ? null : c.progress(number);
        return p == null ? 0 : p.remainingBits();
    }

    private long resyncTotal() {
        var c = resource.connection;
        var p = c == null ? null : c.progress(number);
        return p == null ? 0 : p.totalBits();
    }

    private org.jdrbd.daemon.admin.SplitBrainSummary splitBrain() {
        var c = resource.connection;
        var r = c == null ? null : c.splitBrain(number);
        return r == null ? null : new org.jdrbd.daemon.admin.SplitBrainSummary(r.rule(), r.how(),
                r.victim(), r.changedHereBlocks(), r.changedPeerBlocks(), r.discardedBlocks());
    }
}
