package org.jdrbd.daemon.wire;

/**
 * Merges received P_BITMAP / P_COMPRESSED_BITMAP packets into a bitmap of known size (bits are
 * OR-ed in, as DRBD merges the peer's bitmap into its own). Every run and word count is checked
 * against the bitmap size; anything beyond it is a protocol error.
 */
public final class BitmapReceiver {
    private final long[] words;
    private final long bmBits;
    private long bitOffset;
    private boolean received;

    public BitmapReceiver(long bmBits) {
        assert bmBits >= 0 && bmBits <= Vli.MAX_VALUE;
        this.bmBits = bmBits;
        this.words = new long[BitmapWords.wordsFor(bmBits)];
    }

    /** True once the whole bitmap arrived. */
    public boolean complete() {
        return received && bitOffset >= bmBits;
    }

    /** The merged bitmap so far (a copy). */
    public long[] words() {
        return words.clone();
    }

    /** Takes one bitmap packet; ok(true) when the bitmap is now complete. */
    public WireResult<Boolean> accept(Payload p) {
        if (complete()) {
            return WireResult.error("bitmap packet after the bitmap was complete");
        }
        WireResult<Long> r;
        if (p instanceof Payload.PlainBitmap plain) {
            r = mergePlain(plain);
        } else if (p instanceof Payload.CompressedBitmap c) {
            r = mergeCompressed(c);
        } else {
            return WireResult.error("expected a bitmap packet, got %s",
                    p.getClass().getSimpleName());
        }
        if (!r.isOk()) {
            return WireResult.error(r.reason());
        }
        received = true;
        bitOffset = r.value();
        return WireResult.ok(complete());
    }

    private WireResult<Long> mergePlain(Payload.PlainBitmap plain) {
        int from = (int) (bitOffset >>> 6);
        int remaining = words.length - from;
        int n = plain.wordCount();
        if (n > remaining) {
            return WireResult.error("P_BITMAP carries %d words, only %d remain", n, remaining);
        }
        if (n == 0 && remaining > 0) {
            return WireResult.error("empty P_BITMAP with %d words still missing", remaining);
        }
        for (int i = 0; i < n; i++) {
            words[from + i] |= plain.word(i);
        }
        BitmapWords.clearTail(words, bmBits);
        return WireResult.ok(Math.min((long) (from + n) << 6, bmBits));
    }

    private WireResult<Long> mergeCompressed(Payload.CompressedBitmap c) {
        if (c.encoding() != WireConstants.RLE_VLI_BITS) {
            return WireResult.error("unknown bitmap encoding %d", c.encoding());
        }
        BitReader in = new BitReader(c.code(), c.padBits());
        boolean set = c.firstRunSet();
        long pos = bitOffset;
        int runs = 0;
        while (in.remainingBits() > 0) {
            WireResult<Long> rl = Vli.read(in);
            if (!rl.isOk()) {
                return rl;
            }
            long end = pos + rl.value();
            if (end > bmBits || end < pos) {
                return WireResult.error("bitmap overflow: run ends at bit %d of %d", end, bmBits);
            }
            if (set) {
                BitmapWords.setRange(words, pos, end);
            }
            pos = end;
            set = !set;
            runs++;
        }
        if (runs == 0) {
            return WireResult.error("compressed bitmap packet without a run");
        }
        return WireResult.ok(pos);
    }
}
