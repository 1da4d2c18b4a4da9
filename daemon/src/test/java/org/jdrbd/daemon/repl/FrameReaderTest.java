package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdrbd.daemon.wire.Bytes;
import org.jdrbd.daemon.wire.Channel;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketEncoder;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireConstants;
import org.jdrbd.daemon.wire.WireContext;
import org.junit.jupiter.api.Test;

/*
 * Scenario: a FrameReader on a data socket at protocol 101 is fed byte streams in pieces: a
 * packet while parsing is held (socket not yet taken over) followed by a stream of more bytes;
 * the same with a peer that sends only a little before the hold ends; a maximal P_DATA while not
 * held; a header whose length is near 4 GiB.
 * Expectation: while held, bytes are kept up to HELD_LIMIT_BYTES and then the stream ends with a
 * protocol error, the buffer released and later bytes ignored; what was kept below the limit is
 * parsed in order once the hold ends; a 1 MiB P_DATA parses when not held (the limit is only for
 * holding); a lying length is refused from the header alone.
 * Why: a socket that is never paired must not let a peer fill the daemon's heap (found by
 * WireFaultTest: 256 MiB sent into an unpaired data socket stayed on the heap).
 */
class FrameReaderTest {
    private static final WireContext CTX = WireContext.agreed(101, 0);

    private final List<Packet> packets = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    private static byte[] encode(Packet p) {
        ByteBuffer b = PacketEncoder.encode(p, CTX);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static byte[] barrier(int nr) {
        return encode(Packet.of(PacketType.P_BARRIER, new Payload.Barrier(nr)));
    }

    private void feedInPieces(FrameReader r, byte[] bytes, int piece) {
        for (int at = 0; at < bytes.length; at += piece) {
            r.feed(Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + piece)), packets::add, errors::add);
        }
    }

    @Test
    void heldBytesBeyondTheLimitEndTheStream() {
        FrameReader r = new FrameReader(() -> CTX, Channel.DATA);
        r.holdWhile(packets::isEmpty);
        r.feed(barrier(1), packets::add, errors::add);
        assertThat(packets).hasSize(1);
        byte[] chunk = new byte[64 << 10];
        int fed = 0;
        while (errors.isEmpty() && fed <= 2 * FrameReader.HELD_LIMIT_BYTES) {
            r.feed(chunk, packets::add, errors::add);
            fed += chunk.length;
        }
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("peer sent more than " + FrameReader.HELD_LIMIT_BYTES + " bytes");
        assertThat(fed).as("bytes taken before the error")
                .isGreaterThan(FrameReader.HELD_LIMIT_BYTES - chunk.length)
                .isLessThanOrEqualTo(FrameReader.HELD_LIMIT_BYTES + chunk.length);
        assertThat(r.broken()).isTrue();
        r.feed(barrier(2), packets::add, errors::add);
        assertThat(packets).as("nothing parsed after the error").hasSize(1);
        assertThat(errors).hasSize(1);
    }

    @Test
    void bytesHeldBelowTheLimitParseInOrderOnceReleased() {
        boolean[] released = {false};
        FrameReader r = new FrameReader(() -> CTX, Channel.DATA);
        r.holdWhile(() -> released[0] || packets.isEmpty());
        byte[] stream = new byte[0];
        for (int i = 1; i <= 100; i++) {
            byte[] b = barrier(i);
            byte[] next = Arrays.copyOf(stream, stream.length + b.length);
            System.arraycopy(b, 0, next, stream.length, b.length);
            stream = next;
        }
        feedInPieces(r, stream, 7);
        assertThat(packets).as("held after the first").hasSize(1);
        released[0] = true;
        r.feed(new byte[0], packets::add, errors::add);
        assertThat(errors).isEmpty();
        assertThat(packets).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(((Payload.Barrier) packets.get(i).payload()).barrier()).isEqualTo(i + 1);
        }
    }

    @Test
    void aLargestDataPacketParsesWhenNotHeld() {
        FrameReader r = new FrameReader(() -> CTX, Channel.DATA);
        byte[] data = new byte[WireConstants.MAX_BIO_BYTES];
        Arrays.fill(data, (byte) 0x5a);
        byte[] frame = encode(Packet.of(PacketType.P_DATA,
                new Payload.Data(8, 42, 1, 0, Bytes.EMPTY, ByteBuffer.wrap(data))));
        feedInPieces(r, frame, 64 << 10);
        feedInPieces(r, frame, 64 << 10);
        assertThat(errors).isEmpty();
        assertThat(packets).hasSize(2);
        assertThat(((Payload.Data) packets.get(1).payload()).data().remaining()).isEqualTo(data.length);
    }

    @Test
    void aLengthNearFourGibIsRefusedFromTheHeader() {
        FrameReader r = new FrameReader(() -> CTX, Channel.DATA);
        byte[] header = ByteBuffer.allocate(16).putInt(WireConstants.MAGIC_H100).putShort((short) 0)
                .putShort((short) PacketType.P_DATA.code()).putInt(0xFFFFFFF0).putInt(0).array();
        r.feed(header, packets::add, errors::add);
        assertThat(errors).containsExactly("P_DATA: payload of 4294967280 bytes, expected 24..1048600");
        assertThat(packets).isEmpty();
    }
}
