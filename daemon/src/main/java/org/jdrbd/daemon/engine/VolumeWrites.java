package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreExecutor;
import org.jdrbd.metadata.ActivityLog;
import org.jdrbd.metadata.MdLayout;

/**
 * The local write path of one volume (ARCHITECTURE.md "Inside the daemon"): activity log first
 * (a new 4 MiB extent = one AL transaction, durable before the data write is submitted), then the
 * backing write, then the configured peer's bitmap bits (no peer is ever connected yet, so every
 * write is out of sync for it), then completion. Runs on the resource's context; the data IO runs
 * on the disk's bounded executor, the AL IO on the meta data thread.
 */
final class VolumeWrites {
    private final Volume volume;
    /** Extents whose AL transaction is not durable yet: later writes to them wait for it. */
    private final Map<Integer, Future<Void>> pendingTransactions = new HashMap<>();
    /** Writes waiting because every AL slot is held by writes in flight. */
    private final ArrayDeque<Promise<Void>> alWaiters = new ArrayDeque<>();
    private int inFlight;
    private Promise<Void> drained;

    VolumeWrites(Volume volume) {
        this.volume = volume;
    }

    /**
     * Submits one write-side request (write, trim, zero) of {@code length} bytes at
     * {@code offset}; {@code op} starts the data IO.
     */
    void submit(long offset, long length, Function<StoreExecutor, CompletableFuture<IoOutcome>> op,
            CompletableFuture<IoOutcome> done) {
        submit(offset, length, op, done, null);
    }

    /** What replication needs of a write: its kind, data (WRITE only) and FUA. */
    record Replica(org.jdrbd.daemon.repl.WriteReplicator.Kind kind, java.nio.ByteBuffer data, boolean fua) {
    }

    /**
     * As {@link #submit(long, long, Function, CompletableFuture)}; with {@code replica} the write
     * also goes to the peer (in parallel with the local write) when replication takes it, and
     * completes when both parts are done. A write the peer confirmed leaves no bitmap bit.
     */
    void submit(long offset, long length, Function<StoreExecutor, CompletableFuture<IoOutcome>> op,
            CompletableFuture<IoOutcome> done, Replica replica) {
        volume.assertOwner();
        AttachedDisk d = volume.disk;
        if (d == null || !volume.writable || drained != null) {
            done.complete(IoOutcome.failed(IoError.READ_ONLY, "volume " + volume.exportName()
                    + " is not writable (not Primary or no disk)"));
            return;
        }
        if (volume.state.suspended()) {
            if (volume.frozen.size() >= Volume.MAX_FROZEN) {
                done.complete(IoOutcome.failed(IoError.BUSY, "IO suspended, queue full"));
            } else {
                volume.frozen.add(() -> submit(offset, length, op, done, replica));
            }
            return;
        }
        List<Integer> extents = extents(offset, length);
        long startNs = System.nanoTime();
        inFlight++;
        boolean[] peerHasIt = new boolean[1];
        alBegin(d, extents)
                .compose(v -> {
                    Future<IoOutcome> local = Future.fromCompletionStage(op.apply(d.data), volume.context());
                    var rep = volume.replicator;
                    Future<Boolean> net = rep == null || replica == null ? null
                            : rep.replicate(offset, length, replica.kind(), replica.data(), replica.fua());
                    if (net == null) {
                        return local;
                    }
                    return Future.join(local, net).transform(x -> {
                        peerHasIt[0] = net.succeeded() && Boolean.TRUE.equals(net.result());
                        return local;
                    });
                })
                .onComplete(ar -> {
                    IoOutcome outcome = ar.succeeded() ? ar.result()
                            : IoOutcome.failed(IoError.IO, "activity log: " + ar.cause().getMessage());
                    if (outcome.ok()) {
                        volume.metrics.written(length, System.nanoTime() - startNs);
                    }
                    finish(d, offset, length, extents, outcome, peerHasIt[0]);
                    done.complete(outcome);
                });
    }

    private void finish(AttachedDisk d, long offset, long length, List<Integer> extents,
            IoOutcome outcome, boolean peerHasIt) {
        int slot = volume.peerBitmapIndex();
        if (slot >= 0 && length > 0 && !peerHasIt) {
            // Also on failure: the block may or may not have changed, so it is not in sync.
            long startSect = offset / MdLayout.SECTOR_BYTES;
            long endSect = (offset + length + MdLayout.SECTOR_BYTES - 1) / MdLayout.SECTOR_BYTES;
            d.bitmap.setSectors(slot, startSect, endSect - startSect);
        }
        if (!outcome.ok()) {
            volume.log.error("local write at {} (+{}) failed: {}", offset, length, outcome);
            DiskErrors.onLocalError(volume, outcome);
        }
        for (int e : extents) {
            d.activityLog.end(e);
        }
        inFlight--;
        // Wake the current waiters only: one that finds the AL still full queues itself again
        // and must wait for the next end, not be woken in this same loop.
        List<Promise<Void>> waking = new ArrayList<>(alWaiters);
        alWaiters.clear();
        waking.forEach(Promise::complete);
        if (inFlight == 0 && drained != null) {
            drained.complete();
        }
    }

    /** Stops accepting writes; completes when every write in flight is done. */
    Future<Void> drain() {
        volume.assertOwner();
        if (drained == null) {
            drained = Promise.promise();
        }
        if (inFlight == 0) {
            drained.tryComplete();
        }
        return drained.future();
    }

    /** After a detach: a later attach starts accepting writes again. */
    void reset() {
        drained = null;
        pendingTransactions.clear();
    }

    private static List<Integer> extents(long offset, long length) {
        List<Integer> out = new ArrayList<>();
        if (length <= 0) {
            return out;
        }
        int first = ActivityLog.extentOf(offset);
        int last = ActivityLog.extentOf(offset + length - 1);
        for (int e = first; e <= last; e++) {
            out.add(e);
        }
        return out;
    }

    /** Makes every extent active in the AL; completes when their transactions are durable. */
    private Future<Void> alBegin(AttachedDisk d, List<Integer> extents) {
        List<Future<Void>> waits = new ArrayList<>();
        for (int i = 0; i < extents.size(); i++) {
            int e = extents.get(i);
            ActivityLog.Begin b = d.activityLog.begin(e);
            switch (b.kind()) {
                case ACTIVE -> {
                    Future<Void> pending = pendingTransactions.get(e);
                    if (pending != null) {
                        waits.add(pending);
                    }
                }
                case TRANSACTION -> waits.add(writeTransaction(d, e, b));
                case BUSY -> {
                    for (int j = 0; j < i; j++) {
                        d.activityLog.end(extents.get(j));
                    }
                    Promise<Void> retry = Promise.promise();
                    alWaiters.add(retry);
                    return Future.join(waits).transform(x -> retry.future())
                            .compose(v -> alBegin(d, extents));
                }
                default -> throw new IllegalStateException("unknown AL outcome " + b.kind());
            }
        }
        return Future.all(waits).mapEmpty();
    }

    /**
     * Bitmap pages first (an evicted extent's bits must be on disk before it leaves the AL),
     * then the transaction block, then one sync.
     */
    private Future<Void> writeTransaction(AttachedDisk d, int extent, ActivityLog.Begin b) {
        BitSet pages = b.evictedExtent() >= 0 ? d.bitmap.takeDirtyPages() : new BitSet();
        long blockOffset = d.geometry.alOffsetBytes() + (long) b.blockIndex() * MdLayout.BLOCK_BYTES;
        java.nio.ByteBuffer block = b.transaction().encode();
        Future<Void> written = volume.mdIo.submit(() -> {
            if (!pages.isEmpty()) {
                d.bitmapWriter.flush(d.bitmap, pages);
            }
            d.area.io().write(blockOffset, block);
            d.area.io().sync();
            return null;
        });
        volume.metrics.alWrite();
        if (!pages.isEmpty()) {
            volume.metrics.bmWrites(pages.cardinality());
        }
        pendingTransactions.put(extent, written);
        written.onComplete(ar -> pendingTransactions.remove(extent, written));
        volume.log.debug("AL transaction {} for extent {}", b.transaction().trNumber(), extent);
        return written;
    }
}
