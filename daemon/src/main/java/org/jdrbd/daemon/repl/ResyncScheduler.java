package org.jdrbd.daemon.repl;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which blocks the SyncTarget asks for next (fact sheet §9.1), pure: scans the out-of-sync bits
 * from a cursor, merges runs of set bits into requests of at most {@code maxRequestBlocks} that
 * never cross a {@code maxRequestBlocks}-aligned boundary, skips blocks already requested, and
 * spends at most the tick's budget (a fixed rate: the c-plan-ahead controller is a follow-up).
 * After the end of the device it starts over, so blocks whose reply was superseded are asked
 * for again.
 */
public final class ResyncScheduler {
    /** The out-of-sync bits as the scheduler reads them. */
    public interface Bits {
        boolean test(long bit);
    }

    /** One request: {@code blocks} 4 KiB blocks from {@code firstBit}. */
    public record Range(long firstBit, int blocks) {
    }

    private final long totalBits;
    private final int maxRequestBlocks;
    private final BitSet inFlight = new BitSet();
    private long cursor;

    public ResyncScheduler(long totalBits, int maxRequestBlocks) {
        if (maxRequestBlocks < 1 || Integer.bitCount(maxRequestBlocks) != 1) {
            throw new IllegalArgumentException("max request blocks must be a power of two: "
                    + maxRequestBlocks);
        }
        this.totalBits = totalBits;
        this.maxRequestBlocks = maxRequestBlocks;
    }

    /** Blocks per 100 ms tick for a rate in KiB/s (at least one). */
    public static long budgetBlocks(long rateKiB) {
        return Math.max(1, rateKiB / 10 / 4);
    }

    /**
     * Up to {@code budgetBlocks} blocks of new requests; marks them in flight.
     */
    public List<Range> next(Bits bits, long budgetBlocks) {
        List<Range> out = new ArrayList<>();
        long spent = 0;
        long scanned = 0;
        while (spent < budgetBlocks && scanned < totalBits) {
            if (cursor >= totalBits) {
                cursor = 0;
            }
            long bit = cursor;
            if (!bits.test(bit) || inFlight.get((int) bit)) {
                cursor++;
                scanned++;
                continue;
            }
            // A request ends at its aligned maximum size, the device end, or the budget left: a
            // low resync rate must not be overrun by one large request per tick.
            long limit = Math.min(Math.min(totalBits, (bit / maxRequestBlocks + 1) * maxRequestBlocks),
                    bit + (budgetBlocks - spent));
            long end = bit + 1;
            while (end < limit && bits.test(end) && !inFlight.get((int) end)) {
                end++;
            }
            int n = (int) (end - bit);
            inFlight.set((int) bit, (int) end);
            out.add(new Range(bit, n));
            spent += n;
            scanned += n;
            cursor = end;
        }
        return out;
    }

    /** The reply for {@code r} was handled (written or given up): it may be asked for again. */
    public void done(Range r) {
        inFlight.clear((int) r.firstBit(), (int) (r.firstBit() + r.blocks()));
    }

    /** Blocks requested and not answered yet. */
    public int inFlightBlocks() {
        return inFlight.cardinality();
    }

    /** Drops every in-flight mark (connection lost). */
    public void reset() {
        inFlight.clear();
        cursor = 0;
    }
}
