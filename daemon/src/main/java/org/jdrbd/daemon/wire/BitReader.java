package org.jdrbd.daemon.wire;

/** Reads bit fields least-significant bit first from code bytes, minus the pad bits at the end. */
final class BitReader {
    private final Bytes code;
    private final long totalBits;
    private long bitPos;

    BitReader(Bytes code, int padBits) {
        this.code = code;
        this.totalBits = Math.max(0, (long) code.length() * 8 - padBits);
    }

    int remainingBits() {
        return (int) Math.min(Integer.MAX_VALUE, totalBits - bitPos);
    }

    /** The next {@code bits} bits without consuming them (bits &lt;= remaining, &lt;= 64). */
    long peek(int bits) {
        assert bits >= 0 && bits <= 64 && bits <= remainingBits();
        long v = 0;
        for (int i = 0; i < bits; i++) {
            long p = bitPos + i;
            if ((code.get((int) (p >>> 3)) >>> (p & 7) & 1) != 0) {
                v |= 1L << i;
            }
        }
        return v;
    }

    void skip(int bits) {
        assert bits <= remainingBits();
        bitPos += bits;
    }

    long take(int bits) {
        long v = peek(bits);
        bitPos += bits;
        return v;
    }
}
