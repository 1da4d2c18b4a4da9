package org.jdrbd.daemon.engine;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jdrbd.daemon.nbd.Backend;
import org.jdrbd.daemon.nbd.BackendCapabilities;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreExecutor;

/**
 * A volume as an NBD backend. Reads and flushes go straight to the disk's IO executor; writes,
 * trims and zeroes hop to the resource's context and take the write path ({@link VolumeWrites}).
 * Capabilities are read once per connection: a client that connected while the volume was
 * Secondary keeps a read-only export.
 */
final class VolumeBackend implements Backend {
    private final Volume volume;
    private final StoreExecutor data;
    private final long sizeBytes;

    VolumeBackend(Volume volume, StoreExecutor data, long sizeBytes) {
        this.volume = volume;
        this.data = data;
        this.sizeBytes = sizeBytes;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public BackendCapabilities capabilities() {
        // MULTI_CONN is safe: flush goes to the one shared backing file.
        return new BackendCapabilities(!volume.writable, true, true, true, true, true);
    }

    @Override
    public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
        int bytes = dst.remaining();
        return data.read(offset, dst).thenApply(o -> {
            if (o.ok()) {
                volume.metrics.read(bytes);
            }
            return DiskErrors.seen(volume, o);
        });
    }

    @Override
    public CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return writeSide(offset, src.remaining(), io -> io.write(offset, src, fua),
                new VolumeWrites.Replica(org.jdrbd.daemon.repl.WriteReplicator.Kind.WRITE, src.duplicate(), fua));
    }

    @Override
    public CompletionStage<IoOutcome> flush() {
        return data.flush().thenApply(o -> DiskErrors.seen(volume, o));
    }

    @Override
    public CompletionStage<IoOutcome> trim(long offset, long length, boolean fua) {
        return writeSide(offset, length, io -> io.trim(offset, length, fua),
                new VolumeWrites.Replica(org.jdrbd.daemon.repl.WriteReplicator.Kind.TRIM, null, fua));
    }

    @Override
    public CompletionStage<IoOutcome> zero(long offset, long length, boolean fua) {
        return writeSide(offset, length, io -> io.zero(offset, length, fua),
                new VolumeWrites.Replica(org.jdrbd.daemon.repl.WriteReplicator.Kind.ZERO, null, fua));
    }

    private CompletionStage<IoOutcome> writeSide(long offset, long length,
            Function<StoreExecutor, CompletableFuture<IoOutcome>> op, VolumeWrites.Replica replica) {
        CompletableFuture<IoOutcome> done = new CompletableFuture<>();
        if (!volume.writable) {
            done.complete(IoOutcome.failed(IoError.READ_ONLY, "volume is Secondary"));
            return done;
        }
        volume.context().runOnContext(v -> volume.writes.submit(offset, length, op, done, replica));
        return done;
    }
}
