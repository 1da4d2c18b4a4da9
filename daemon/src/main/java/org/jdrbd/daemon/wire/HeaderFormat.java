package org.jdrbd.daemon.wire;

/** The three packet header layouts (fact sheet §6.1). */
public enum HeaderFormat {
    /** u32 magic, u16 command, u16 length: 8 bytes. */
    H80(WireConstants.H80_BYTES),
    /** u16 magic, u16 command, u32 length: 8 bytes, for big packets at 95 &lt;= apv &lt; 100. */
    H95(WireConstants.H80_BYTES),
    /** u32 magic, u16 volume, u16 command, u32 length, u32 zero pad: 16 bytes. */
    H100(WireConstants.H100_BYTES);

    private final int sizeBytes;

    HeaderFormat(int sizeBytes) {
        this.sizeBytes = sizeBytes;
    }

    /** Header size on the wire. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** The header a sender uses at this version for a payload of this size (DRBD's choice). */
    public static HeaderFormat forSending(int apv, int payloadBytes) {
        if (apv >= 100) {
            return H100;
        }
        return apv >= 95 && payloadBytes > WireConstants.H80_MAX_PAYLOAD_BYTES ? H95 : H80;
    }
}
