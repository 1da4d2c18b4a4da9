package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.Set;
import org.jdrbd.daemon.repl.PeerVolume;
import org.jdrbd.daemon.repl.WriteReplicator;
import org.jdrbd.daemon.store.StoreExecutor;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;

/** A {@link Volume} as replication sees it (engine internals stay package-private). */
final class VolumePort implements PeerVolume {
    private final Volume v;

    VolumePort(Volume v) {
        this.v = v;
    }

    @Override
    public int number() {
        return v.number;
    }

    @Override
    public String name() {
        return v.exportName();
    }

    @Override
    public State state() {
        return v.state;
    }

    @Override
    public Future<Transition> change(State ns, Set<ChangeFlag> flags) {
        return v.change(ns, flags);
    }

    @Override
    public StateContext ctx() {
        return v.ctx;
    }

    @Override
    public void setCtx(StateContext ctx) {
        v.ctx = ctx;
    }

    @Override
    public boolean hasDisk() {
        return v.disk != null;
    }

    @Override
    public long sizeBytes() {
        return v.disk == null ? 0 : v.disk.sizeBytes;
    }

    @Override
    public GenerationUuids uuids() {
        return v.uuids();
    }

    @Override
    public void setUuids(GenerationUuids uuids) {
        v.setUuids(uuids);
    }

    @Override
    public Future<Void> syncMetaData() {
        return v.syncMetaData();
    }

    @Override
    public Future<Void> newCurrentUuidOwed() {
        v.ctx = v.ctx.withNewCurUuidPending(false);
        return v.effects.newCurrentUuid();
    }

    @Override
    public int mdFlags() {
        return v.disk == null ? 0 : v.disk.superblock.flags();
    }

    private int slot() {
        return v.peerBitmapIndex();
    }

    @Override
    public long bitmapBits() {
        return v.disk == null || slot() < 0 ? 0 : v.disk.bitmap.bitsPerSlot();
    }

    @Override
    public boolean testBit(long bit) {
        return v.disk != null && slot() >= 0 && v.disk.bitmap.test(slot(), bit);
    }

    @Override
    public long setBits(long from, long to) {
        return v.disk == null || slot() < 0 || from >= to ? 0 : v.disk.bitmap.set(slot(), from, to);
    }

    @Override
    public long clearBits(long from, long to) {
        return v.disk == null || slot() < 0 || from >= to ? 0 : v.disk.bitmap.clear(slot(), from, to);
    }

    @Override
    public long countBits(long from, long to) {
        return v.disk == null || slot() < 0 || from >= to ? 0 : v.disk.bitmap.count(slot(), from, to);
    }

    @Override
    public Future<Void> writeBitmap(String why) {
        return v.effects.writeBitmap(why);
    }

    @Override
    public StoreExecutor data() {
        return v.disk == null ? null : v.disk.data;
    }

    @Override
    public void setReplicator(WriteReplicator replicator) {
        v.replicator = replicator;
    }
}
