package org.jdrbd.daemon.store;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A sparse in-memory store for tests: pages are allocated on first write, unwritten pages read
 * as zeroes, so a large size costs nothing until used. Every operation holds the store's lock;
 * it only ever runs on IO executor threads.
 */
public final class MemoryStore implements BackingStore {

    private static final int PAGE_BYTES = 64 * 1024;

    private final long sizeBytes;
    private final StoreCapabilities capabilities;
    private final byte[][] pages;
    private boolean closed;

    /** A writable store of the given size (at most 2^31 pages of 64 KiB). */
    public MemoryStore(long sizeBytes) {
        this(sizeBytes, StoreCapabilities.FULL);
    }

    /** A store of the given size that claims the given capabilities. */
    public MemoryStore(long sizeBytes, StoreCapabilities capabilities) {
        if (sizeBytes < 0 || sizeBytes / PAGE_BYTES >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unsupported memory store size " + sizeBytes);
        }
        this.sizeBytes = sizeBytes;
        this.capabilities = capabilities;
        this.pages = new byte[(int) ((sizeBytes + PAGE_BYTES - 1) / PAGE_BYTES)][];
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public StoreCapabilities capabilities() {
        return capabilities;
    }

    @Override
    public synchronized IoOutcome readBlocking(long offset, ByteBuffer dst) {
        IoOutcome checked = checkOpen(StoreRange.check(sizeBytes, offset, dst.remaining()));
        if (!checked.ok()) {
            return checked;
        }
        long position = offset;
        while (dst.hasRemaining()) {
            int pageOffset = (int) (position % PAGE_BYTES);
            int n = Math.min(dst.remaining(), PAGE_BYTES - pageOffset);
            byte[] page = pages[(int) (position / PAGE_BYTES)];
            if (page == null) {
                for (int i = 0; i < n; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(page, pageOffset, n);
            }
            position += n;
        }
        return IoOutcome.OK;
    }

    @Override
    public synchronized IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua) {
        IoOutcome checked = checkOpen(StoreRange.checkWrite(this, offset, src.remaining()));
        if (!checked.ok()) {
            return checked;
        }
        long position = offset;
        while (src.hasRemaining()) {
            int pageOffset = (int) (position % PAGE_BYTES);
            int n = Math.min(src.remaining(), PAGE_BYTES - pageOffset);
            int index = (int) (position / PAGE_BYTES);
            if (pages[index] == null) {
                pages[index] = new byte[PAGE_BYTES];
            }
            src.get(pages[index], pageOffset, n);
            position += n;
        }
        return IoOutcome.OK;
    }

    @Override
    public synchronized IoOutcome flushBlocking() {
        return checkOpen(IoOutcome.OK);
    }

    @Override
    public IoOutcome trimBlocking(long offset, long length, boolean fua) {
        return zeroBlocking(offset, length, fua);
    }

    @Override
    public synchronized IoOutcome zeroBlocking(long offset, long length, boolean fua) {
        IoOutcome checked = checkOpen(StoreRange.checkWrite(this, offset, length));
        if (!checked.ok()) {
            return checked;
        }
        long position = offset;
        long end = offset + length;
        while (position < end) {
            int pageOffset = (int) (position % PAGE_BYTES);
            int n = (int) Math.min(end - position, PAGE_BYTES - pageOffset);
            int index = (int) (position / PAGE_BYTES);
            if (n == PAGE_BYTES) {
                pages[index] = null;
            } else if (pages[index] != null) {
                Arrays.fill(pages[index], pageOffset, pageOffset + n, (byte) 0);
            }
            position += n;
        }
        return IoOutcome.OK;
    }

    private IoOutcome checkOpen(IoOutcome otherwise) {
        return closed ? IoOutcome.failed(IoError.CLOSED, "memory store is closed") : otherwise;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
