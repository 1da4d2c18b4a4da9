package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: a table of malformed frames (hand-written hex) received at a given protocol version
 * on a given socket: wrong magic, unknown or misplaced commands, version and feature gates,
 * lengths too short, too long, lying, truncated, oversized data, bad field values.
 * Expectation: a ProtocolError whose reason contains the row's phrase; never an exception.
 * Why: roadmap item 6 and seed 003: every size is checked before anything is read, and a bad
 * peer ends in ProtocolError with a reason the admin can read, not a crash.
 */
class MalformedPacketTest {
    private static final WireContext V101 = new WireContext(101, 0, 0);
    private static final WireContext V96 = new WireContext(96, 0, 0);
    private static final WireContext V80 = WireContext.UNNEGOTIATED;
    private static final Channel D = Channel.DATA;
    private static final Channel M = Channel.META;

    /** h100 header for command and length. */
    private static String h100(int cmd, long len) {
        return String.format("8620ec20 0000 %04x %08x 00000000 ", cmd, len);
    }

    private static String h80(int cmd, int len) {
        return String.format("83740267 %04x %04x ", cmd, len);
    }

    private static String zeros(int n) {
        return "00".repeat(n);
    }

    static Stream<Arguments> table() {
        String ack = "0000000000000008 0000000000000001 00001000 00000001";
        return Stream.of(
                row("wrong magic h80", V80, D, "12345678 fff2 0000", "Wrong magic value"),
                row("h100 magic below 100", V96, D, "8620ec20 0000 0013", "Wrong magic value"),
                row("h80 magic at 101", V101, D, h80(0x13, 0) + zeros(8), "Wrong magic value"),
                row("h95 before 95", new WireContext(90, 0, 0), D, "835a 0000 00000018",
                        "Wrong magic value"),
                row("nonzero pad", V101, M, "8620ec20 0000 0013 00000000 00000001",
                        "padding"),
                row("truncated header", V101, M, "8620ec20 0000", "truncated header"),
                row("unknown command", V101, D, h100(0x25, 0), "unknown command"),
                row("unknown command 0x100", V101, D, h100(0x100, 0), "unknown command"),
                row("meta packet on data socket", V101, D, h100(0x13, 0),
                        "Unexpected data packet P_PING"),
                row("data packet on meta socket", V101, M, h100(0x00, 24) + zeros(24),
                        "Unexpected meta packet P_DATA"),
                row("obsolete command", V101, D, h100(0x05, 0), "Unexpected data packet"),
                row("conn state req before 100", V96, D, h80(0x2a, 8) + zeros(8),
                        "not valid in protocol version 96"),
                row("sync param at 89", new WireContext(89, 0, 0), D, h80(0x0a, 4) + zeros(4),
                        "not valid in protocol version 89"),
                row("data before negotiation", V80, D, h80(0x00, 24) + zeros(24),
                        "not valid in protocol version 80"),
                row("trim without FF_TRIM", V101, D, h100(0x31, 28) + zeros(28), "feature"),
                row("barrier ack too short", V101, M, h100(0x1c, 4) + zeros(4),
                        "expected exactly 8"),
                row("ping with payload", V101, M, h100(0x13, 4) + zeros(4),
                        "expected exactly 0"),
                row("ack too long", V101, M, h100(0x16, 28) + ack + zeros(4),
                        "expected exactly 24"),
                row("lying length (truncated payload)", V101, M, h100(0x16, 24) + zeros(10),
                        "truncated payload"),
                row("length near 4 GiB", V101, D, h100(0x00, 0xfffffff0L), "expected 24..1048600"),
                row("oversized data", V101, D, h100(0x00, 24 + (1 << 20) + 512),
                        "expected 24..1048600"),
                row("oversized data at 94", new WireContext(94, 0, 0), D,
                        h80(0x00, 24 + 32768 + 512), "expected 24..32792"),
                row("unaligned data", V101, D, h100(0x00, 124) + zeros(124), "not a multiple"),
                row("features 71 bytes", V80, D, h80(0xfffe, 71) + zeros(71),
                        "expected exactly 72"),
                row("short challenge", V101, D, h100(0x10, 63) + zeros(63), "expected 64..128"),
                row("long challenge", V101, D, h100(0x10, 129) + zeros(129), "expected 64..128"),
                row("bitmap not whole words", V101, D, h100(0x04, 12) + zeros(12),
                        "whole 64-bit words"),
                row("bitmap over 4096", V101, D, h100(0x04, 4096) + zeros(4096),
                        "expected 0..4080"),
                row("compressed bitmap without code", V101, D, h100(0x24, 1) + "02",
                        "expected 2..4080"),
                row("sizes with qlim not agreed", V101, D, h100(0x0d, 56) + zeros(56),
                        "expected exactly 32"),
                row("sync param89 old size at 95", new WireContext(95, 0, 0), D,
                        h80(0x23, 132) + zeros(132), "expected exactly 148"),
                row("protocol alg too long", V101, D, h100(0x0b, 24 + 65) + zeros(89),
                        "expected 24..88"),
                row("protocol alg not terminated", V101, D, h100(0x0b, 28)
                        + "00000003" + zeros(20) + "6d643535", "not NUL-terminated"),
                row("protocol alg not printable", V101, D, h100(0x0b, 28)
                        + "00000003" + zeros(20) + "6d640a00", "non-printable"),
                row("unknown wire protocol", V101, D, h100(0x0b, 24) + "00000007" + zeros(20),
                        "unknown wire protocol 7"),
                row("two_primaries not boolean", V101, D, h100(0x0b, 24) + "00000003"
                        + zeros(16) + "00000002", "two_primaries"),
                row("invalid state word", V101, D, h100(0x0e, 4) + "000001f0",
                        "invalid state word"),
                row("state word high bits", V101, D, h100(0x0e, 4) + "80000000",
                        "invalid state word"),
                row("request of 0 bytes", V101, D, h100(0x09, 24) + zeros(24), "blksize 0"),
                row("request over 1 MiB", V101, D, h100(0x08, 24) + zeros(16) + "00200000"
                        + zeros(4), "blksize 2097152"),
                row("request unaligned", V101, D, h100(0x08, 24) + zeros(16) + "00000201"
                        + zeros(4), "blksize 513"),
                row("sector at 2^63", V101, M, h100(0x16, 24) + "8000000000000000"
                        + zeros(16), "out of range"),
                row("barrier ack set size negative", V101, M, h100(0x1c, 8) + zeros(4)
                        + "ffffffff", "set_size"),
                row("csum request without digest", V101, D, h100(0x21, 24) + zeros(24),
                        "expected 25..88"));
    }

    private static Arguments row(String name, WireContext ctx, Channel socket, String hex,
            String phrase) {
        return Arguments.of(name, ctx, socket, hex.replace(" ", ""), phrase);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void malformedInputIsAProtocolErrorWithAReason(String name, WireContext ctx, Channel socket,
            String hex, String phrase) {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(hex));
        WireResult<Packet> r = PacketDecoder.decode(in, ctx, socket);
        assertThat(r).isInstanceOf(WireResult.ProtocolError.class);
        assertThat(r.reason()).contains(phrase);
        assertThat(in.position()).as("nothing consumed on error").isZero();
    }
}
