package org.jdrbd.daemon.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * Serves the wrapped backend read-only (a DRBD Secondary): advertises READ_ONLY and refuses
 * every write-side call, as a second line behind the NBD layer's own check.
 */
public final class ReadOnlyFilter extends FilterBackend {

    private static final CompletionStage<IoOutcome> REFUSED = CompletableFuture.completedFuture(
            IoOutcome.failed(IoError.READ_ONLY, "export is read-only"));

    public ReadOnlyFilter(Backend next) {
        super(next);
    }

    @Override
    public BackendCapabilities capabilities() {
        return next.capabilities().asReadOnly();
    }

    @Override
    public CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return REFUSED;
    }

    @Override
    public CompletionStage<IoOutcome> trim(long offset, long length, boolean fua) {
        return REFUSED;
    }

    @Override
    public CompletionStage<IoOutcome> zero(long offset, long length, boolean fua) {
        return REFUSED;
    }
}
