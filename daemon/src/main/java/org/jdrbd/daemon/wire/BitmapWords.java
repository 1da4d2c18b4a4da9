package org.jdrbd.daemon.wire;

/** Bit operations on a bitmap held as 64-bit words (bit i = bit i%64 of word i/64). */
public final class BitmapWords {
    private BitmapWords() {
    }

    /** Words needed for {@code bits} bits. */
    public static int wordsFor(long bits) {
        return (int) ((bits + 63) >>> 6);
    }

    public static boolean get(long[] words, long bit) {
        return (words[(int) (bit >>> 6)] >>> (bit & 63) & 1) != 0;
    }

    /** First bit in {@code [from, limit)} equal to {@code value}; {@code limit} when none. */
    static long next(long[] words, long from, long limit, boolean value) {
        long pos = from;
        while (pos < limit) {
            int w = (int) (pos >>> 6);
            long word = value ? words[w] : ~words[w];
            word &= -1L << (pos & 63);
            if (word != 0) {
                return Math.min(limit, ((long) w << 6) + Long.numberOfTrailingZeros(word));
            }
            pos = (long) (w + 1) << 6;
        }
        return limit;
    }

    /** Sets bits {@code [from, to)}. */
    static void setRange(long[] words, long from, long to) {
        for (long pos = from; pos < to; ) {
            int w = (int) (pos >>> 6);
            int lo = (int) (pos & 63);
            int hi = (int) Math.min(64, to - ((long) w << 6));
            long mask = (hi == 64 ? -1L : (1L << hi) - 1) & (-1L << lo);
            words[w] |= mask;
            pos = ((long) w << 6) + hi;
        }
    }

    /** Clears the bits of the last word at and above {@code bits}. */
    static void clearTail(long[] words, long bits) {
        int rem = (int) (bits & 63);
        if (rem != 0 && words.length > 0) {
            words[words.length - 1] &= (1L << rem) - 1;
        }
    }

    /** Number of set bits. */
    public static long cardinality(long[] words) {
        long n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }
}
