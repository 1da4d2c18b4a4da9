package org.jdrbd.daemon.engine;

import java.nio.ByteBuffer;
import org.jdrbd.daemon.store.BackingStore;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.StoreCapabilities;
import org.jdrbd.daemon.store.StoreRange;

/**
 * The data part of a backing device: the first {@code sizeBytes} of a store. With internal meta
 * data the bitmap, AL and superblock follow the data; this keeps client IO away from them.
 */
final class LimitedStore implements BackingStore {
    private final BackingStore whole;
    private final long sizeBytes;

    LimitedStore(BackingStore whole, long sizeBytes) {
        if (sizeBytes > whole.sizeBytes()) {
            throw new IllegalArgumentException("data size beyond the device");
        }
        this.whole = whole;
        this.sizeBytes = sizeBytes;
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public StoreCapabilities capabilities() {
        return whole.capabilities();
    }

    @Override
    public IoOutcome readBlocking(long offset, ByteBuffer dst) {
        IoOutcome range = StoreRange.check(sizeBytes, offset, dst.remaining());
        return range.ok() ? whole.readBlocking(offset, dst) : range;
    }

    @Override
    public IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua) {
        IoOutcome range = StoreRange.check(sizeBytes, offset, src.remaining());
        return range.ok() ? whole.writeBlocking(offset, src, fua) : range;
    }

    @Override
    public IoOutcome flushBlocking() {
        return whole.flushBlocking();
    }

    @Override
    public IoOutcome trimBlocking(long offset, long length, boolean fua) {
        IoOutcome range = StoreRange.check(sizeBytes, offset, length);
        return range.ok() ? whole.trimBlocking(offset, length, fua) : range;
    }

    @Override
    public IoOutcome zeroBlocking(long offset, long length, boolean fua) {
        IoOutcome range = StoreRange.check(sizeBytes, offset, length);
        return range.ok() ? whole.zeroBlocking(offset, length, fua) : range;
    }

    @Override
    public void close() {
        whole.close();
    }
}
