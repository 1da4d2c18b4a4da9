package org.jdrbd.drbdadm.conf;

import java.nio.charset.StandardCharsets;

/**
 * Node-ids for 8.4-style two-host resources: CRC32C (reflected Castagnoli, seed 0x1a656f21,
 * no final xor) of each host's address string; the larger hash gets node-id 0.
 */
public final class ImplicitNodeId {
    private static final int SEED = 0x1a656f21;
    private static final int[] TABLE = new int[256];

    static {
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0x82F63B78 : c >>> 1;
            }
            TABLE[n] = c;
        }
    }

    private ImplicitNodeId() { }

    /** The hash drbd-utils compares, as an unsigned value. */
    public static long hash(String address) {
        int crc = SEED;
        for (byte b : address.getBytes(StandardCharsets.ISO_8859_1)) {
            crc = TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
        }
        return crc & 0xffffffffL;
    }
}
