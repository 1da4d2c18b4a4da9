package org.jdrbd.daemon.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * A backend that wraps another one and passes everything through; filters override what they
 * change (nbdkit's filter model). Chains are built by nesting: {@code new A(new B(store))}.
 */
public abstract class FilterBackend implements Backend {

    protected final Backend next;

    protected FilterBackend(Backend next) {
        this.next = next;
    }

    @Override
    public long sizeBytes() {
        return next.sizeBytes();
    }

    @Override
    public BackendCapabilities capabilities() {
        return next.capabilities();
    }

    @Override
    public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
        return next.read(offset, dst);
    }

    @Override
    public CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return next.write(offset, src, fua);
    }

    @Override
    public CompletionStage<IoOutcome> flush() {
        return next.flush();
    }

    @Override
    public CompletionStage<IoOutcome> trim(long offset, long length, boolean fua) {
        return next.trim(offset, length, fua);
    }

    @Override
    public CompletionStage<IoOutcome> zero(long offset, long length, boolean fua) {
        return next.zero(offset, length, fua);
    }
}
