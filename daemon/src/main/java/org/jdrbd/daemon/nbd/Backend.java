package org.jdrbd.daemon.nbd;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletionStage;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * What an export serves (seed 004's backend chain, as in nbdkit): a store adapter, the
 * replicated volume, or a {@link FilterBackend} wrapping another backend. Requests reach a
 * backend only after the NBD layer checked them against {@link #sizeBytes()} and
 * {@link #capabilities()}.
 *
 * <p>Methods are called on an event loop and must not block: do the work elsewhere and
 * complete the stage from any thread; the caller hops back to its own context.
 */
public interface Backend {

    /** Size in bytes, read once per connection when the export is chosen. */
    long sizeBytes();

    /** Capabilities, read once per connection when the export is chosen. */
    BackendCapabilities capabilities();

    /** Fills all remaining bytes of {@code dst} from {@code offset}. */
    CompletionStage<IoOutcome> read(long offset, ByteBuffer dst);

    /** Writes all remaining bytes of {@code src}; durable before completion when fua. */
    CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua);

    /** Makes every completed write durable. */
    CompletionStage<IoOutcome> flush();

    /** Discards a range. */
    CompletionStage<IoOutcome> trim(long offset, long length, boolean fua);

    /** Writes zeroes over a range. */
    CompletionStage<IoOutcome> zero(long offset, long length, boolean fua);
}
