package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.api.Test;

/*
 * Scenario: a few packets encoded, compared with byte layouts written by hand from the fact
 * sheet's struct descriptions (§6.1 headers, §6.2 features, §6.3 payloads, §1.5 state word).
 * Expectation: identical bytes, and the hand-written bytes decode back to the same packet.
 * Why: round trips cannot catch a symmetric mistake (wrong order, wrong endianness); only an
 * independent layout can, and this is what a real DRBD peer would see.
 */
class GoldenBytesTest {
    private static final WireContext APV101 = WireContext.agreed(101, 0);

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    private static void assertGolden(Packet p, WireContext ctx, Channel socket, String expected) {
        String want = expected.replace(" ", "");
        assertThat(hex(PacketEncoder.encode(p, ctx))).isEqualTo(want);
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(want));
        assertThat(PacketDecoder.decode(in, ctx, socket).value()).isEqualTo(p);
    }

    @Test
    void initialDataIsAnEmptyH80Packet() {
        assertGolden(Packet.of(PacketType.P_INITIAL_DATA, Payload.Empty.INSTANCE),
                WireContext.UNNEGOTIATED, Channel.DATA, "83740267 fff2 0000");
    }

    @Test
    void featuresPacketIs72BytesAfterAnH80Header() {
        assertGolden(FeatureNegotiation.oursPacket(), WireContext.UNNEGOTIATED, Channel.DATA,
                "83740267 fffe 0048" + "00000056 0000000f 00000065 00000000" + "00".repeat(56));
    }

    @Test
    void pingUsesTheH100HeaderWithZeroPad() {
        assertGolden(Packet.of(PacketType.P_PING, Payload.Empty.INSTANCE), APV101, Channel.META,
                "8620ec20 0000 0013 00000000 00000000");
    }

    @Test
    void barrierAckCarriesVolumeAndEchoedBarrier() {
        assertGolden(new Packet(PacketType.P_BARRIER_ACK, 3, new Payload.BarrierAck(42, 5)),
                APV101, Channel.META,
                "8620ec20 0003 001c 00000008 00000000" + "0000002a 00000005");
    }

    @Test
    void writeAckLayoutIsSectorBlockIdSizeSeq() {
        assertGolden(Packet.of(PacketType.P_WRITE_ACK,
                        new Payload.BlockAck(0x1000, 0x0102030405060708L, 4096, 7)),
                WireContext.agreed(96, 0), Channel.META,
                "83740267 0016 0018" + "0000000000001000 0102030405060708 00001000 00000007");
    }

    @Test
    void stateWordOfAConnectedPrimary() {
        State s = new State(Role.PRIMARY, Role.SECONDARY, ConnState.CONNECTED,
                DiskState.UP_TO_DATE, DiskState.UP_TO_DATE, false, false, false, false, false,
                false);
        // role 1 | peer 2<<2 | conn 10<<4 | disk 8<<9 | pdsk 8<<13 = 0x000110a9
        assertGolden(Packet.of(PacketType.P_STATE, new Payload.StateReport(s)), APV101,
                Channel.DATA, "8620ec20 0000 000e 00000004 00000000 000110a9");
    }

    @Test
    void bigDataAtApv96UsesTheH95Header() {
        byte[] data = new byte[64 * 1024];
        Packet p = Packet.of(PacketType.P_DATA, new Payload.Data(8, 1, 2, 0, Bytes.EMPTY,
                ByteBuffer.wrap(data)));
        ByteBuffer frame = PacketEncoder.encode(p, WireContext.agreed(96, 0));
        assertThat(hex(frame.duplicate().limit(8 + 24))).isEqualTo(("835a 0000 00010018"
                + "0000000000000008 0000000000000001 00000002 00000000").replace(" ", ""));
        assertThat(PacketDecoder.decode(frame, WireContext.agreed(96, 0), Channel.DATA).value())
                .isEqualTo(p);
    }

    @Test
    void protocolCarriesTheIntegrityAlgWithItsNul() {
        Packet p = Packet.of(PacketType.P_PROTOCOL,
                new Payload.Protocol(3, 0, 0, 0, WireConstants.CF_DISCARD_MY_DATA, false, "md5"));
        assertGolden(p, APV101, Channel.DATA, "8620ec20 0000 000b 0000001c 00000000"
                + "00000003 00000000 00000000 00000000 00000001 00000000" + "6d643500");
    }

    @Test
    void compressedBitmapOfTenSetBitsAtBitTen() {
        // 100 bits: 10 clear, 10 set, 80 clear. VLI, least-significant bit first:
        // 10 -> prefix 1110, value 1 (3 bits: 100); again; 80 -> prefix 111110, value 31
        // (8 bits: 11111000). 28 bits -> 97 cb f7 01, 4 pad bits; encoding 0x42.
        long[] words = new long[2];
        BitmapWords.setRange(words, 10, 20);
        BitmapSender sender = new BitmapSender(words, 100, true, APV101);
        Packet p = sender.next();
        assertThat(sender.hasNext()).isFalse();
        assertThat(hex(PacketEncoder.payload(p, APV101))).isEqualTo("4297cbf701");
    }
}
