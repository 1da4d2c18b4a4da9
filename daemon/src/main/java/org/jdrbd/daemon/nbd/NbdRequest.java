package org.jdrbd.daemon.nbd;

/**
 * One transmission request header as received. {@code offset} is unsigned on the wire (a
 * negative value here means beyond 2^63); {@code length} is the unsigned 32-bit value.
 */
record NbdRequest(int flags, int type, long cookie, long offset, long length) {

    boolean fua() {
        return (flags & NbdProtocol.CMD_FLAG_FUA) != 0;
    }

    @Override
    public String toString() {
        return NbdProtocol.commandName(type) + "(offset=" + Long.toUnsignedString(offset)
                + ", length=" + length + ", flags=0x" + Integer.toHexString(flags) + ")";
    }
}
