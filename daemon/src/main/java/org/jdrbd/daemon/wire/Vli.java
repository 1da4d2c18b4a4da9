package org.jdrbd.daemon.wire;

/**
 * DRBD's variable-length code for run lengths (values &gt;= 1) in P_COMPRESSED_BITMAP. A code word
 * is a prefix of 1..8 bits followed by value bits, written least-significant bit first. Ten
 * levels; each covers the next range of values after the previous level's:
 *
 * <pre>
 *  total bits   prefix bits   prefix   value bits   values
 *       2            1         0x00         1        1..2
 *       3            2         0x01         1        3..4
 *       5            3         0x03         2        5..8
 *       7            4         0x07         3        9..16
 *      10            5         0x0f         5        17..48
 *      14            6         0x1f         8        49..304
 *      21            8         0x3f        13        305..8496
 *      29            8         0x7f        21        8497..2105648
 *      42            8         0xbf        34        ...
 *      64            8         0xff        56        ... up to about 2^56
 * </pre>
 */
final class Vli {
    private static final int[] TOTAL_BITS = {2, 3, 5, 7, 10, 14, 21, 29, 42, 64};
    private static final int[] PREFIX_BITS = {1, 2, 3, 4, 5, 6, 8, 8, 8, 8};
    private static final int[] PREFIX = {0x00, 0x01, 0x03, 0x07, 0x0f, 0x1f, 0x3f, 0x7f, 0xbf, 0xff};
    /** First value of each level. */
    private static final long[] FIRST = new long[TOTAL_BITS.length + 1];

    static {
        FIRST[0] = 1;
        for (int i = 0; i < TOTAL_BITS.length; i++) {
            FIRST[i + 1] = FIRST[i] + (1L << (TOTAL_BITS[i] - PREFIX_BITS[i]));
        }
    }

    /** The largest encodable value. */
    static final long MAX_VALUE = FIRST[TOTAL_BITS.length] - 1;

    private Vli() {
    }

    private static int levelOf(long value) {
        assert value >= 1 && value <= MAX_VALUE : "vli value " + value;
        int level = 0;
        while (value >= FIRST[level + 1]) {
            level++;
        }
        return level;
    }

    /** Bits the code word of {@code value} takes. */
    static int bitsFor(long value) {
        return TOTAL_BITS[levelOf(value)];
    }

    /** Appends the code word of {@code value}; false (nothing written) when it does not fit. */
    static boolean write(BitWriter out, long value) {
        int level = levelOf(value);
        if (out.freeBits() < TOTAL_BITS[level]) {
            return false;
        }
        out.put(PREFIX[level], PREFIX_BITS[level]);
        out.put(value - FIRST[level], TOTAL_BITS[level] - PREFIX_BITS[level]);
        return true;
    }

    /** Reads one code word; an error when the remaining bits end inside it. */
    static WireResult<Long> read(BitReader in) {
        int peekBits = Math.min(8, in.remainingBits());
        long peek = in.peek(peekBits);
        for (int level = 0; level < TOTAL_BITS.length; level++) {
            int pb = PREFIX_BITS[level];
            if (pb > peekBits || (peek & ((1L << pb) - 1)) != PREFIX[level]) {
                continue;
            }
            int valueBits = TOTAL_BITS[level] - pb;
            if (in.remainingBits() < TOTAL_BITS[level]) {
                return WireResult.error("bitmap code ends inside a %d-bit code word (%d bits left)",
                        TOTAL_BITS[level], in.remainingBits());
            }
            in.skip(pb);
            return WireResult.ok(FIRST[level] + in.take(valueBits));
        }
        return WireResult.error("bitmap code ends inside a code word prefix (%d bits left)",
                peekBits);
    }
}
