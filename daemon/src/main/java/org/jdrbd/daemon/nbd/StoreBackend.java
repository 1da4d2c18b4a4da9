package org.jdrbd.daemon.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreExecutor;

/** The plain backend: a backing store served through its bounded IO executor. */
public final class StoreBackend implements Backend {

    private final StoreExecutor io;
    private final BackendCapabilities capabilities;

    public StoreBackend(StoreExecutor io) {
        this.io = io;
        this.capabilities = BackendCapabilities.of(io.store().capabilities());
    }

    @Override
    public long sizeBytes() {
        return io.store().sizeBytes();
    }

    @Override
    public BackendCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
        return io.read(offset, dst);
    }

    @Override
    public CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return io.write(offset, src, fua);
    }

    @Override
    public CompletionStage<IoOutcome> flush() {
        return io.flush();
    }

    @Override
    public CompletionStage<IoOutcome> trim(long offset, long length, boolean fua) {
        return io.trim(offset, length, fua);
    }

    @Override
    public CompletionStage<IoOutcome> zero(long offset, long length, boolean fua) {
        return io.zero(offset, length, fua);
    }
}
