package org.jdrbd.daemon.store;

/** Bounds checks every store runs before touching data (seed 003: check sizes before use). */
public final class StoreRange {

    private StoreRange() {
    }

    /**
     * Checks that {@code [offset, offset + length)} lies inside a store of {@code sizeBytes}.
     *
     * @return {@link IoOutcome#OK}, or an {@link IoError#OUT_OF_RANGE} failure
     */
    public static IoOutcome check(long sizeBytes, long offset, long length) {
        if (offset < 0 || length < 0) {
            return IoOutcome.failed(IoError.OUT_OF_RANGE,
                    "negative offset " + offset + " or length " + length);
        }
        // Written so that offset + length cannot overflow.
        if (offset > sizeBytes || length > sizeBytes - offset) {
            return IoOutcome.failed(IoError.OUT_OF_RANGE, "range " + offset + "+" + length
                    + " beyond store size " + sizeBytes);
        }
        return IoOutcome.OK;
    }

    /** Like {@link #check} but also refuses when the store is read-only. */
    public static IoOutcome checkWrite(BackingStore store, long offset, long length) {
        if (store.capabilities().readOnly()) {
            return IoOutcome.failed(IoError.READ_ONLY, "store is read-only");
        }
        return check(store.sizeBytes(), offset, length);
    }
}
