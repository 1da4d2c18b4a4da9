package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: the packets of online verify and checksum-based resync (P_OV_REQUEST, P_OV_REPLY,
 * P_OV_RESULT, P_CSUM_RS_REQUEST, P_RS_IS_IN_SYNC) and P_SYNC_PARAM89 carrying the algorithm
 * names are encoded at apv 101 and compared with hand-written bytes, then decoded; a table of
 * malformed frames (digest missing or longer than 64 bytes, block size 0 or above 1 MiB, wrong
 * socket, too old a protocol version, a name without room for its NUL) is decoded.
 * Expectation: the exact bytes of fact sheet §6.3 and the same packet back; every malformed
 * frame is a protocol error with a readable reason, never an exception.
 * Why: verify and csums put a peer-chosen digest length on the wire; the receiver must bound it
 * before reading, and both daemons must agree on the layout byte for byte.
 */
class VerifyPacketCodecTest {
    private static final WireContext V101 = new WireContext(101, 0, 0);

    private static String hex(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return HexFormat.of().formatHex(a);
    }

    private static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    private static String h100(int cmd, int volume, long len) {
        return String.format("8620ec20 %04x %04x %08x 00000000 ", volume, cmd, len);
    }

    static Stream<Arguments> golden() {
        Bytes crc = Bytes.of(new byte[] {1, 2, 3, 4});
        return Stream.of(
                Arguments.of(new Packet(PacketType.P_OV_REQUEST, 1, new Payload.BlockRequest(8,
                        WireConstants.ID_SYNCER, 4096, Bytes.EMPTY)), Channel.DATA,
                        h100(0x1e, 1, 24) + "0000000000000008 ffffffffffffffff 00001000 00000000"),
                Arguments.of(new Packet(PacketType.P_OV_REPLY, 0, new Payload.BlockRequest(16,
                        WireConstants.ID_SYNCER, 4096, crc)), Channel.DATA,
                        h100(0x1f, 0, 28) + "0000000000000010 ffffffffffffffff 00001000 00000000 01020304"),
                Arguments.of(new Packet(PacketType.P_OV_RESULT, 0, new Payload.BlockAck(24,
                        WireConstants.ID_OUT_OF_SYNC, 4096, 7)), Channel.META,
                        h100(0x20, 0, 24) + "0000000000000018 0000000000001268 00001000 00000007"),
                Arguments.of(new Packet(PacketType.P_OV_RESULT, 0, new Payload.BlockAck(24,
                        WireConstants.ID_IN_SYNC, 4096, 8)), Channel.META,
                        h100(0x20, 0, 24) + "0000000000000018 0000000000001267 00001000 00000008"),
                Arguments.of(new Packet(PacketType.P_CSUM_RS_REQUEST, 2, new Payload.BlockRequest(0,
                        WireConstants.ID_SYNCER, 4096, crc)), Channel.DATA,
                        h100(0x21, 2, 28) + "0000000000000000 ffffffffffffffff 00001000 00000000 01020304"),
                Arguments.of(new Packet(PacketType.P_RS_IS_IN_SYNC, 0, new Payload.BlockAck(8,
                        WireConstants.ID_SYNCER, 4096, 3)), Channel.META,
                        h100(0x22, 0, 24) + "0000000000000008 ffffffffffffffff 00001000 00000003"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void encodesTheFactSheetLayoutAndDecodesItBack(Packet p, Channel socket, String expected) {
        ByteBuffer frame = PacketEncoder.encode(p, V101);
        assertThat(hex(frame)).isEqualTo(expected.replace(" ", ""));
        WireResult<Packet> back = PacketDecoder.decode(frame, V101, socket);
        assertThat(back.isOk()).as("%s", back).isTrue();
        assertThat(back.value()).isEqualTo(p);
    }

    @Test
    void syncParamCarriesBothAlgorithmNamesInFixed64ByteFields() {
        Packet p = new Packet(PacketType.P_SYNC_PARAM89, 0, new Payload.SyncParam(250, "sha256",
                "crc32c", 20, 10, 100, 102400));
        ByteBuffer frame = PacketEncoder.encode(p, V101);
        String h = hex(frame);
        String payload = h.substring(32);
        assertThat(payload).hasSize(148 * 2);
        assertThat(payload.substring(8, 8 + 64 * 2)).startsWith(HexFormat.of().formatHex(
                "sha256".getBytes())).endsWith("00".repeat(64 - 6));
        assertThat(payload.substring(8 + 128, 8 + 256)).startsWith(HexFormat.of().formatHex(
                "crc32c".getBytes()));
        WireResult<Packet> back = PacketDecoder.decode(frame, V101, Channel.DATA);
        assertThat(back.value()).isEqualTo(p);
    }

    static Stream<Arguments> malformed() {
        String req = "0000000000000008 ffffffffffffffff 00001000 00000000";
        String bad0 = "0000000000000008 ffffffffffffffff 00000000 00000000";
        String big = "0000000000000008 ffffffffffffffff 00100200 00000000";
        String ack = "0000000000000008 0000000000001267 00001000 00000001";
        return Stream.of(
                Arguments.of("OV reply without digest", V101, Channel.DATA, h100(0x1f, 0, 24) + req,
                        "expected 25..88"),
                Arguments.of("OV reply with 65-byte digest", V101, Channel.DATA,
                        h100(0x1f, 0, 24 + 65) + req + "ab".repeat(65), "expected 25..88"),
                Arguments.of("csum request without digest", V101, Channel.DATA, h100(0x21, 0, 24) + req,
                        "expected 25..88"),
                Arguments.of("OV request with a trailing digest", V101, Channel.DATA,
                        h100(0x1e, 0, 28) + req + "01020304", "expected exactly 24"),
                Arguments.of("OV request of 0 bytes", V101, Channel.DATA, h100(0x1e, 0, 24) + bad0,
                        "blksize"),
                Arguments.of("OV request above 1 MiB", V101, Channel.DATA, h100(0x1e, 0, 24) + big,
                        "blksize"),
                Arguments.of("OV result on the data socket", V101, Channel.DATA, h100(0x20, 0, 24) + ack,
                        "Unexpected data packet P_OV_RESULT"),
                Arguments.of("in-sync on the data socket", V101, Channel.DATA, h100(0x22, 0, 24) + ack,
                        "Unexpected data packet P_RS_IS_IN_SYNC"),
                Arguments.of("OV request before apv 88", new WireContext(87, 0, 0), Channel.DATA,
                        String.format("83740267 %04x %04x ", 0x1e, 24) + req,
                        "not valid in protocol version 87"),
                Arguments.of("csum request before apv 89", new WireContext(88, 0, 0), Channel.DATA,
                        String.format("83740267 %04x %04x ", 0x21, 28) + req + "01020304",
                        "not valid in protocol version 88"),
                Arguments.of("verify-alg without NUL", V101, Channel.DATA,
                        h100(0x23, 0, 148) + "000000fa" + "61".repeat(64) + "00".repeat(64)
                                + "00".repeat(16), "verify-alg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFramesAreProtocolErrors(String name, WireContext ctx, Channel socket, String frame,
            String reason) {
        WireResult<Packet> r = PacketDecoder.decode(bytes(frame), ctx, socket);
        assertThat(r.isOk()).as(name).isFalse();
        assertThat(r.reason()).contains(reason);
    }
}
