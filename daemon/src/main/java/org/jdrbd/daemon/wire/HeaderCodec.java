package org.jdrbd.daemon.wire;

import static org.jdrbd.daemon.wire.WireConstants.MAGIC_H100;
import static org.jdrbd.daemon.wire.WireConstants.MAGIC_H80;
import static org.jdrbd.daemon.wire.WireConstants.MAGIC_H95;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads and writes the h80/h95/h100 headers. The receiver knows the header size from the agreed
 * version (8 below 100, 16 from 100) and tells h80 from h95 by the magic.
 */
public final class HeaderCodec {
    private HeaderCodec() {
    }

    /** Writes a header at the buffer's position (big-endian). */
    public static void write(ByteBuffer out, HeaderFormat format, int volume, int command,
            int lengthBytes) {
        assert out.order() == ByteOrder.BIG_ENDIAN;
        switch (format) {
            case H80 -> {
                assert lengthBytes <= 0xffff && volume == 0 : "h80 cannot carry " + lengthBytes;
                out.putInt(MAGIC_H80).putShort((short) command).putShort((short) lengthBytes);
            }
            case H95 -> {
                assert volume == 0;
                out.putShort((short) MAGIC_H95).putShort((short) command).putInt(lengthBytes);
            }
            case H100 -> out.putInt(MAGIC_H100).putShort((short) volume).putShort((short) command)
                    .putInt(lengthBytes).putInt(0);
        }
    }

    /**
     * Decodes the header at the buffer's position without moving it. Needs
     * {@link WireConstants#headerBytes(int)} readable bytes.
     */
    public static WireResult<Header> read(ByteBuffer in, int apv) {
        int size = WireConstants.headerBytes(apv);
        if (in.remaining() < size) {
            return WireResult.error("truncated header: %d of %d bytes", in.remaining(), size);
        }
        ByteBuffer b = in.duplicate().order(ByteOrder.BIG_ENDIAN);
        int magic32 = b.getInt(b.position());
        if (size == WireConstants.H100_BYTES) {
            return readH100(b, magic32, apv);
        }
        if (magic32 == MAGIC_H80) {
            int cmd = Short.toUnsignedInt(b.getShort(b.position() + 4));
            int len = Short.toUnsignedInt(b.getShort(b.position() + 6));
            return WireResult.ok(new Header(HeaderFormat.H80, 0, cmd, len));
        }
        if ((magic32 >>> 16) == MAGIC_H95 && apv >= 95) {
            int cmd = magic32 & 0xffff;
            long len = Integer.toUnsignedLong(b.getInt(b.position() + 4));
            return WireResult.ok(new Header(HeaderFormat.H95, 0, cmd, len));
        }
        return wrongMagic(magic32, apv);
    }

    private static WireResult<Header> readH100(ByteBuffer b, int magic32, int apv) {
        if (magic32 != MAGIC_H100) {
            return wrongMagic(magic32, apv);
        }
        int p = b.position();
        int pad = b.getInt(p + 12);
        if (pad != 0) {
            return WireResult.error("header padding is 0x%08x, must be 0", pad);
        }
        int volume = Short.toUnsignedInt(b.getShort(p + 4));
        int cmd = Short.toUnsignedInt(b.getShort(p + 6));
        long len = Integer.toUnsignedLong(b.getInt(p + 8));
        return WireResult.ok(new Header(HeaderFormat.H100, volume, cmd, len));
    }

    private static WireResult<Header> wrongMagic(int magic32, int apv) {
        return WireResult.error("Wrong magic value 0x%08x in protocol version %d", magic32, apv);
    }
}
