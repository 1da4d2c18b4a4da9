package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: seeded random bitmaps (empty, full, sparse, dense, clustered runs; sizes not a
 * multiple of 64) are cut into bitmap packets by BitmapSender (RLE on/off, apv with and without
 * compression), each packet goes through the wire codec, and BitmapReceiver merges them.
 * Expectation: the receiver's bitmap equals the sender's; no packet exceeds 4096 bytes; RLE
 * shrinks clustered bitmaps by far and never costs much more than plain. VLI round-trips at every
 * level boundary; malformed bitmap streams are protocol errors.
 * Why: the bitmap decides which blocks are resynced: a lost bit is silent data divergence.
 */
class BitmapTransferTest {

    static Stream<Arguments> bitmaps() {
        return Stream.of("empty", "full", "sparse", "dense", "clustered", "alternating")
                .flatMap(kind -> Stream.of(0L, 1L, 63L, 64L, 1000L, 65_537L, 1_000_003L)
                        .flatMap(bits -> Stream.of(Arguments.of(kind, bits, true, 101),
                                Arguments.of(kind, bits, false, 101),
                                Arguments.of(kind, bits, true, 89),
                                Arguments.of(kind, bits, true, 96))));
    }

    static long[] make(String kind, long bits, Random r) {
        long[] w = new long[BitmapWords.wordsFor(bits)];
        for (long i = 0; i < bits; ) {
            switch (kind) {
                case "full" -> BitmapWords.setRange(w, i, bits);
                case "sparse" -> { if (r.nextInt(1000) == 0) BitmapWords.setRange(w, i, i + 1); }
                case "dense" -> { if (r.nextBoolean()) BitmapWords.setRange(w, i, i + 1); }
                case "alternating" -> { if (i % 2 == 0) BitmapWords.setRange(w, i, i + 1); }
                case "clustered" -> {
                    long len = Math.min(bits - i, 1 + r.nextInt(5000));
                    if (r.nextInt(3) == 0) {
                        BitmapWords.setRange(w, i, i + len);
                    }
                    i += len - 1;
                }
                default -> { }
            }
            i = kind.equals("full") ? bits : i + 1;
        }
        return w;
    }

    /** Sends a bitmap through the codec and receiver; returns total bytes on the wire. */
    static long transfer(long[] words, long bits, boolean rle, WireContext ctx, long[] out) {
        BitmapSender s = new BitmapSender(words, bits, rle, ctx);
        BitmapReceiver recv = new BitmapReceiver(bits);
        long total = 0;
        while (s.hasNext()) {
            ByteBuffer frame = PacketEncoder.encode(s.next(), ctx);
            assertThat(frame.remaining()).isLessThanOrEqualTo(WireConstants.SOCKET_BUFFER_BYTES);
            total += frame.remaining();
            Packet p = PacketDecoder.decode(frame, ctx, Channel.DATA).value();
            boolean done = recv.accept(p.payload()).value();
            assertThat(done).isEqualTo(!s.hasNext());
        }
        System.arraycopy(recv.words(), 0, out, 0, out.length);
        return total;
    }

    @ParameterizedTest(name = "{0} {1} bits rle={2} apv={3}")
    @MethodSource("bitmaps")
    void receiverRebuildsTheSendersBitmap(String kind, long bits, boolean rle, int apv) {
        long[] words = make(kind, bits, new Random(bits * 31 + kind.hashCode()));
        long[] got = new long[words.length];
        transfer(words, bits, rle, WireContext.agreed(apv, 0), got);
        assertThat(got).isEqualTo(words);
    }

    @Test
    void rleShrinksClusteredBitmapsAndBarelyCostsOnRandomOnes() {
        long bits = 8L << 20; // 32 GiB of 4 KiB blocks
        WireContext ctx = WireContext.agreed(101, 0);
        long plainBytes = bits / 8;
        long[] clustered = new long[BitmapWords.wordsFor(bits)];
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            long start = (long) (r.nextDouble() * (bits - 10_000));
            BitmapWords.setRange(clustered, start, start + r.nextInt(10_000));
        }
        long[] sink = new long[clustered.length];
        long rleBytes = transfer(clustered, bits, true, ctx, sink);
        assertThat(sink).isEqualTo(clustered);
        assertThat(rleBytes).isLessThan(plainBytes / 100);

        long[] noise = make("dense", bits, new Random(6));
        long noiseRle = transfer(noise, bits, true, ctx, sink);
        long noisePlain = transfer(noise, bits, false, ctx, sink);
        assertThat(sink).isEqualTo(noise);
        assertThat(noisePlain).isGreaterThanOrEqualTo(plainBytes);
        assertThat(noiseRle).isLessThanOrEqualTo(noisePlain + noisePlain / 50);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 8, 9, 16, 17, 48, 49, 304, 305, 8496, 8497, 2105648,
            2105649, 17_181_974_832L, 17_181_974_833L, 1L << 56})
    void vliRoundTripsAtLevelBoundaries(long value) {
        BitWriter w = new BitWriter(16);
        assertThat(Vli.write(w, value)).isTrue();
        assertThat(w.bitsWritten()).isEqualTo(Vli.bitsFor(value));
        BitReader in = new BitReader(Bytes.of(w.toBytes()), w.padBits());
        assertThat(Vli.read(in).value()).isEqualTo(value);
        assertThat(in.remainingBits()).isZero();
    }

    @Test
    void vliCodeLengthsFollowTheLevelTable() {
        assertThat(Vli.bitsFor(1)).isEqualTo(2);
        assertThat(Vli.bitsFor(3)).isEqualTo(3);
        assertThat(Vli.bitsFor(8)).isEqualTo(5);
        assertThat(Vli.bitsFor(16)).isEqualTo(7);
        assertThat(Vli.bitsFor(48)).isEqualTo(10);
        assertThat(Vli.bitsFor(304)).isEqualTo(14);
        assertThat(Vli.bitsFor(8496)).isEqualTo(21);
        assertThat(Vli.bitsFor(8497)).isEqualTo(29);
    }

    @Test
    void runPastTheEndOfTheBitmapIsAProtocolError() {
        BitWriter w = new BitWriter(8);
        Vli.write(w, 200);
        BitmapReceiver recv = new BitmapReceiver(100);
        WireResult<Boolean> r = recv.accept(new Payload.CompressedBitmap(2, w.padBits(), true,
                Bytes.of(w.toBytes())));
        assertThat(r.reason()).contains("bitmap overflow");
    }

    @Test
    void unknownEncodingTruncatedCodeAndExtraPacketsAreProtocolErrors() {
        BitmapReceiver recv = new BitmapReceiver(100);
        assertThat(recv.accept(new Payload.CompressedBitmap(3, 0, false, Bytes.of(new byte[]{1})))
                .reason()).contains("unknown bitmap encoding 3");
        // 0xff prefix announces a 64-bit code word; one byte is not enough.
        assertThat(recv.accept(new Payload.CompressedBitmap(2, 0, false,
                Bytes.of(new byte[]{(byte) 0xff}))).reason()).contains("ends inside");
        assertThat(recv.accept(new Payload.PlainBitmap(new long[3])).reason())
                .contains("carries 3 words, only 2 remain");
        assertThat(recv.accept(new Payload.PlainBitmap(new long[2])).value()).isTrue();
        assertThat(recv.accept(new Payload.PlainBitmap(new long[0])).reason())
                .contains("after the bitmap was complete");
    }
}
