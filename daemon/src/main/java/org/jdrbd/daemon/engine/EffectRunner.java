package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.BitSet;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jdrbd.statemachine.Effect;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.Role;

/**
 * The one effect executor of a volume (STYLE.md rule 2): runs a committed transition's effects
 * strictly in list order; an effect that must be durable completes (written and synced) before
 * the next one starts. Only this class and the write path touch the meta data device.
 */
final class EffectRunner {
    private static final RandomGenerator RANDOM = new java.security.SecureRandom();

    private final Volume volume;

    EffectRunner(Volume volume) {
        this.volume = volume;
    }

    static RandomGenerator random() {
        return RANDOM;
    }

    /** Runs {@code effects} in order; the future completes after the last one. */
    Future<Void> run(List<Effect> effects) {
        Future<Void> chain = Future.succeededFuture();
        for (Effect e : effects) {
            chain = chain.compose(v -> apply(e));
        }
        return chain;
    }

    private Future<Void> apply(Effect effect) {
        volume.assertOwner();
        Future<Void> done;
        if (effect instanceof Effect.UpdateMetaFlags u) {
            done = updateFlags(u);
        } else if (effect instanceof Effect.NewCurrentUuid) {
            done = newCurrentUuid();
        } else if (effect instanceof Effect.MdSync) {
            done = volume.syncMetaData();
        } else if (effect instanceof Effect.WriteBitmap w) {
            done = writeBitmap(w.why());
        } else if (effect instanceof Effect.SetAllBitmapBits) {
            done = setAllBits();
        } else if (effect instanceof Effect.SetNewCurUuidPending) {
            done = pending(true);
        } else if (effect instanceof Effect.ClearNewCurUuidPending) {
            done = pending(false);
        } else if (effect instanceof Effect.ThawIo t) {
            done = thaw(t);
        } else if (effect instanceof Effect.RunHandler h) {
            // pri-on-incon-degr and local-io-error: DRBD ignores their exit codes, so the state
            // change does not wait for them (they run on the handler pool).
            volume.resource.helper().call(h.handler(), volume.number, volume.state.conn().displayName());
            done = Future.succeededFuture();
        } else {
            // Sending and resync effects need a peer connection, which no volume has yet.
            volume.log.debug("effect without a peer connection: {}", effect);
            done = Future.succeededFuture();
        }
        assert !effect.durableBeforeNext() || done != null : "durable effect without a future";
        return done;
    }

    private Future<Void> updateFlags(Effect.UpdateMetaFlags u) {
        if (volume.disk != null) {
            volume.setSuperblock(volume.disk.superblock.withFlags(u.applyTo(volume.disk.superblock.flags())));
        }
        return Future.succeededFuture();
    }

    /** DRBD writes the meta data right after a new current UUID: so do we. */
    Future<Void> newCurrentUuid() {
        if (volume.disk == null) {
            return Future.succeededFuture();
        }
        GenerationUuids.Update up = volume.uuids().newCurrent(RANDOM, volume.state.role() == Role.PRIMARY);
        up.warnings().forEach(w -> volume.log.warn("{}", w));
        volume.setUuids(up.uuids());
        volume.log.info("new current UUID {}", up.uuids());
        return volume.syncMetaData();
    }

    /** Writes every changed bitmap page and syncs. */
    Future<Void> writeBitmap(String why) {
        AttachedDisk d = volume.disk;
        if (d == null) {
            return Future.succeededFuture();
        }
        BitSet pages = d.bitmap.takeDirtyPages();
        return volume.mdIo.submit(() -> d.bitmapWriter.flush(d.bitmap, pages)).map(n -> {
            volume.log.info("bitmap written ({}): {} pages", why, n);
            volume.metrics.bmWrites(n);
            return null;
        });
    }

    /** Full sync towards the configured peer: every bit of its slot set (in memory). */
    Future<Void> setAllBits() {
        AttachedDisk d = volume.disk;
        int slot = volume.peerBitmapIndex();
        if (d != null && slot >= 0) {
            d.bitmap.set(slot, 0, d.bitmap.bitsPerSlot());
        }
        return Future.succeededFuture();
    }

    private Future<Void> pending(boolean on) {
        volume.ctx = volume.ctx.withNewCurUuidPending(on);
        return Future.succeededFuture();
    }

    private Future<Void> thaw(Effect.ThawIo t) {
        volume.log.info("IO thawed ({}, {})", t.suspension(), t.restart());
        volume.thaw();
        return Future.succeededFuture();
    }
}
