package org.jdrbd.daemon.wire;

/** Appends bit fields least-significant bit first into a byte array of fixed capacity. */
final class BitWriter {
    private final byte[] buf;
    private long bitPos;

    BitWriter(int capacityBytes) {
        this.buf = new byte[capacityBytes];
    }

    long freeBits() {
        return (long) buf.length * 8 - bitPos;
    }

    /** Appends the low {@code bits} bits of {@code value} (bits 0..64). */
    void put(long value, int bits) {
        assert bits >= 0 && bits <= 64 && bits <= freeBits();
        for (int i = 0; i < bits; i++) {
            if ((value >>> i & 1) != 0) {
                buf[(int) (bitPos >>> 3)] |= (byte) (1 << (bitPos & 7));
            }
            bitPos++;
        }
    }

    long bitsWritten() {
        return bitPos;
    }

    /** Bytes used (the last one possibly partial). */
    int bytesUsed() {
        return (int) ((bitPos + 7) >>> 3);
    }

    /** Unused high bits of the last used byte. */
    int padBits() {
        return (int) ((8 - (bitPos & 7)) & 7);
    }

    byte[] toBytes() {
        return java.util.Arrays.copyOf(buf, bytesUsed());
    }
}
