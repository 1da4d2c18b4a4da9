package org.jdrbd.daemon.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The VerifyS side's bookkeeping of one run (pure): the next block to ask for, the blocks asked
 * for and not answered, how many are left, and the checkpoint position, which is the first block
 * whose result is not in yet, so resuming there never skips an unverified block.
 */
final class VerifyWindow {
    private final long startBit;
    private long stopBit;
    private long cursor;
    private long resulted;
    private final TreeSet<Long> inFlight = new TreeSet<>();

    VerifyWindow(long startBit, long stopBit) {
        if (startBit < 0 || stopBit < startBit) {
            throw new IllegalArgumentException("bad verify window " + startBit + ".." + stopBit);
        }
        this.startBit = startBit;
        this.stopBit = stopBit;
        this.cursor = startBit;
    }

    /** Up to {@code budget} next blocks, now in flight. */
    List<Long> take(long budget) {
        List<Long> out = new ArrayList<>();
        while (out.size() < budget && cursor < stopBit) {
            inFlight.add(cursor);
            out.add(cursor++);
        }
        return out;
    }

    /** Whether {@code bit} was asked for and not answered. */
    boolean isInFlight(long bit) {
        return inFlight.contains(bit);
    }

    /** The result for {@code bit} is in; false when it was not in flight. */
    boolean resulted(long bit) {
        if (!inFlight.remove(bit)) {
            return false;
        }
        resulted++;
        return true;
    }

    /** A new stop while running; never before a block already asked for. */
    void setStop(long bit) {
        stopBit = Math.max(cursor, bit);
    }

    /** First block whose result is not in yet (where a resumed run must begin). */
    long checkpointBit() {
        return inFlight.isEmpty() ? cursor : inFlight.first();
    }

    /** Every block up to the stop asked for and answered. */
    boolean done() {
        return cursor >= stopBit && inFlight.isEmpty();
    }

    int inFlightBlocks() {
        return inFlight.size();
    }

    long startBit() {
        return startBit;
    }

    long stopBit() {
        return stopBit;
    }

    /** Blocks this run covers (DRBD's rs_total while verifying). */
    long totalBits() {
        return stopBit - startBit;
    }

    /** Blocks without a result yet (DRBD's ov_left). */
    long leftBits() {
        return totalBits() - resulted;
    }
}
