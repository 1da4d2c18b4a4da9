package org.jdrbd.daemon.store;

/**
 * What a backing store can do. The NBD layer derives its transmission flags from these, so a
 * store must only claim what it really does.
 *
 * @param readOnly     writes, trims and zeroes are refused
 * @param flush        {@code flushBlocking} makes completed writes durable
 * @param fua          a write with {@code fua} is durable when it completes
 * @param trim         {@code trimBlocking} is supported (possibly emulated)
 * @param zero         {@code zeroBlocking} is supported
 * @param multiConn    several connections may write concurrently and one flush covers all of
 *                     them (true for a single shared file or memory)
 */
public record StoreCapabilities(
        boolean readOnly, boolean flush, boolean fua, boolean trim, boolean zero,
        boolean multiConn) {

    /** Everything supported, writable. */
    public static final StoreCapabilities FULL =
            new StoreCapabilities(false, true, true, true, true, true);

    /** The same capabilities, read-only. */
    public StoreCapabilities asReadOnly() {
        return new StoreCapabilities(true, flush, fua, trim, zero, multiConn);
    }
}
