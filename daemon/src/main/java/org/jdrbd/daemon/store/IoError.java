package org.jdrbd.daemon.store;

/** Why a backing-store or backend operation failed; an operating error, never an exception. */
public enum IoError {
    /** The offset or length lies (partly) outside the store. */
    OUT_OF_RANGE,
    /** A write, trim or zero reached a store or export that is read-only. */
    READ_ONLY,
    /** The store cannot do this operation at all (e.g. trim on a store without it). */
    UNSUPPORTED,
    /** The operating system reported an error for the read, write or sync. */
    IO,
    /** The medium is full. */
    NO_SPACE,
    /** The IO executor's bounded queue is full; the caller may retry later. */
    BUSY,
    /** The store was closed before or while the operation ran. */
    CLOSED
}
