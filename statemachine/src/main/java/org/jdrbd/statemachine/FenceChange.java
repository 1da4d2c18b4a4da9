package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * The state change a fence-peer answer asks for (fact sheet §5.2 table), applied to every volume of
 * the connection as a normal (not hard) request through the state-change pipeline.
 *
 * @param ownDisk true: set the own disk; false: set the peer's disk
 * @param value the disk state to set
 */
public record FenceChange(boolean ownDisk, DiskState value) {

    public FenceChange {
        Objects.requireNonNull(value, "value");
    }

    /** Sets the peer's disk. */
    public static FenceChange peerDisk(DiskState value) {
        return new FenceChange(false, value);
    }

    /** Sets the own disk. */
    public static FenceChange ownDisk(DiskState value) {
        return new FenceChange(true, value);
    }

    /** DRBD's (mask, val) request in state-word layout. */
    public int mask() {
        return ownDisk ? StateWord.DISK_MASK : StateWord.PDSK_MASK;
    }

    /** The value bits matching {@link #mask()}. */
    public int val() {
        return value.code() << (ownDisk ? StateWord.DISK_SHIFT : StateWord.PDSK_SHIFT);
    }

    /** The state this change proposes for one volume (before sanitize and validation). */
    public State applyTo(State s) {
        return ownDisk ? s.withDisk(value) : s.withPdsk(value);
    }
}
