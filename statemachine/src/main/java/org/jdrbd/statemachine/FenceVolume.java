package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * One volume of a connection as the fencing and IO-freeze decisions see it. In 8.4 the fencing
 * policy is a disk option, so each volume carries its own; the connection uses the highest.
 *
 * @param volume volume number (for per-volume effects such as a new current UUID)
 * @param state the volume's current state
 * @param policy the volume's {@code fencing} option ({@link FencingPolicy#DONT_CARE} without disk)
 * @param newCurUuidPending DRBD's NEW_CUR_UUID flag: a new current UUID was deferred while IO is frozen
 */
public record FenceVolume(int volume, State state, FencingPolicy policy, boolean newCurUuidPending) {

    public FenceVolume {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(policy, "policy");
        if (volume < 0) {
            throw new IllegalArgumentException("volume number must be >= 0: " + volume);
        }
    }

    /** The same volume with another state (e.g. after the caller applied a fencing change). */
    public FenceVolume withState(State s) {
        return new FenceVolume(volume, s, policy, newCurUuidPending);
    }
}
