package org.jdrbd.statemachine;

/**
 * Time in the state machine: one tick is 100 ms. DRBD states its timeouts in tenths of a second
 * (timeout, ping-timeout, c-plan-ahead) and runs the resync controller every 100 ms, so a tick is
 * the unit in which every DRBD time is exact. The daemon turns wall-clock time into tick events;
 * nothing in this module reads a clock.
 */
public final class Tick {

    /** Milliseconds per tick. */
    public static final int MILLIS = 100;
    /** Ticks per second. */
    public static final int PER_SECOND = 1000 / MILLIS;

    private Tick() {
    }

    /** Ticks in a DRBD option given in tenths of a second. */
    public static int fromTenths(int tenths) {
        if (tenths < 0) {
            throw new IllegalArgumentException("negative duration: " + tenths + " tenths");
        }
        return tenths;
    }

    /** Ticks in a DRBD option given in seconds. */
    public static int fromSeconds(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative duration: " + seconds + " s");
        }
        return Math.multiplyExact(seconds, PER_SECOND);
    }

    /** Milliseconds in a number of ticks (for logs and for the daemon's timer). */
    public static long toMillis(int ticks) {
        return (long) ticks * MILLIS;
    }
}
