package org.jdrbd.daemon.store;

import java.nio.ByteBuffer;

/**
 * The backing-store SPI (seed 003): the bytes under a volume. Every method here blocks, hence
 * the {@code Blocking} suffix: call them only from an IO executor ({@link StoreExecutor}), never
 * from an event loop. Implementations check every offset and length against
 * {@link #sizeBytes()} before use and report failures as {@link IoOutcome}s.
 */
public interface BackingStore extends AutoCloseable {

    /** Size of the store in bytes; fixed for the store's lifetime. */
    long sizeBytes();

    /** What the store supports. */
    StoreCapabilities capabilities();

    /** Fills {@code dst} (all of its remaining bytes) from {@code offset}. */
    IoOutcome readBlocking(long offset, ByteBuffer dst);

    /** Writes all remaining bytes of {@code src} at {@code offset}; durable on return if fua. */
    IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua);

    /** Makes every completed write durable (fdatasync). */
    IoOutcome flushBlocking();

    /** Discards a range; its content afterwards reads as zeroes in the stores here. */
    IoOutcome trimBlocking(long offset, long length, boolean fua);

    /** Sets a range to zeroes. */
    IoOutcome zeroBlocking(long offset, long length, boolean fua);

    /** Releases the store; later calls fail with {@link IoError#CLOSED}. Idempotent. */
    @Override
    void close();
}
