package org.jdrbd.daemon.wire;

import java.util.Arrays;

/**
 * Cuts a bitmap into P_BITMAP / P_COMPRESSED_BITMAP packets of at most 4096 bytes each, as DRBD
 * does: with use-rle (apv &gt;= 90) each chunk is run-length coded, and a chunk that the code
 * would not make smaller is sent as plain words instead, restarting at the word that holds the
 * chunk's first bit. Pure: the caller sends the packets.
 */
public final class BitmapSender {
    private final long[] words;
    private final long bmBits;
    private final boolean rle;
    private final WireContext ctx;
    private long bitOffset;
    private boolean done;

    public BitmapSender(long[] words, long bmBits, boolean useRle, WireContext ctx) {
        assert words.length == BitmapWords.wordsFor(bmBits) : "bitmap size mismatch";
        assert bmBits <= Vli.MAX_VALUE;
        this.words = words.clone();
        BitmapWords.clearTail(this.words, bmBits);
        this.bmBits = bmBits;
        this.rle = useRle && ctx.apv() >= 90;
        this.ctx = ctx;
    }

    public boolean hasNext() {
        return !done;
    }

    /** The next packet; call only while {@link #hasNext()}. */
    public Packet next() {
        if (done) {
            throw new IllegalStateException("bitmap already sent");
        }
        if (rle && bitOffset < bmBits) {
            Packet p = rleChunk();
            if (p != null) {
                return p;
            }
        }
        return plainChunk();
    }

    private Packet rleChunk() {
        int maxCode = WireConstants.SOCKET_BUFFER_BYTES - ctx.headerBytes() - 1;
        BitWriter w = new BitWriter(maxCode);
        boolean firstSet = BitmapWords.get(words, bitOffset);
        boolean polarity = firstSet;
        long pos = bitOffset;
        while (pos < bmBits) {
            long end = BitmapWords.next(words, pos, bmBits, !polarity);
            if (!Vli.write(w, end - pos)) {
                break;
            }
            pos = end;
            polarity = !polarity;
        }
        long covered = pos - bitOffset;
        if (covered < (long) w.bytesUsed() * 8) {
            return null; // the code is larger than the plain bits: not worth it
        }
        bitOffset = pos;
        done = bitOffset >= bmBits;
        return Packet.of(PacketType.P_COMPRESSED_BITMAP, new Payload.CompressedBitmap(
                WireConstants.RLE_VLI_BITS, w.padBits(), firstSet, Bytes.of(w.toBytes())));
    }

    private Packet plainChunk() {
        int from = (int) (bitOffset >>> 6);
        int perPacket = (WireConstants.SOCKET_BUFFER_BYTES - ctx.headerBytes()) / Long.BYTES;
        int n = Math.min(perPacket, words.length - from);
        int to = from + n;
        bitOffset = Math.min((long) to << 6, bmBits);
        done = to >= words.length;
        return Packet.of(PacketType.P_BITMAP,
                new Payload.PlainBitmap(Arrays.copyOfRange(words, from, to)));
    }
}
