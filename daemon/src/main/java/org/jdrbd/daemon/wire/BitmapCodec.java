package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * P_BITMAP (64-bit words in little-endian order, DRBD's on-disk bitmap order) and
 * P_COMPRESSED_BITMAP (one encoding byte: bits 0-3 code, bits 4-6 unused bits in the last code
 * byte, bit 7 polarity of the first run; then the code bytes).
 */
final class BitmapCodec {
    private BitmapCodec() {
    }

    static WireResult<Payload> decode(PacketType t, ByteBuffer in) {
        if (t == PacketType.P_BITMAP) {
            long[] words = new long[in.remaining() / Long.BYTES];
            ByteBuffer le = in.slice().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < words.length; i++) {
                words[i] = le.getLong();
            }
            in.position(in.limit());
            return WireResult.ok(new Payload.PlainBitmap(words));
        }
        int encoding = in.get() & 0xff;
        Bytes code = Fields.readBytes(in, in.remaining());
        return WireResult.ok(new Payload.CompressedBitmap(encoding & 0x0f, (encoding >>> 4) & 0x07,
                (encoding & 0x80) != 0, code));
    }

    static ByteBuffer encode(Payload p) {
        if (p instanceof Payload.PlainBitmap b) {
            ByteBuffer out = ByteBuffer.allocate(b.wordCount() * Long.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < b.wordCount(); i++) {
                out.putLong(b.word(i));
            }
            return out.flip().order(ByteOrder.BIG_ENDIAN);
        }
        Payload.CompressedBitmap c = (Payload.CompressedBitmap) p;
        ByteBuffer out = ByteBuffer.allocate(1 + c.code().length());
        out.put((byte) (c.encoding() | c.padBits() << 4 | (c.firstRunSet() ? 0x80 : 0)));
        c.code().writeTo(out);
        return out.flip();
    }
}
