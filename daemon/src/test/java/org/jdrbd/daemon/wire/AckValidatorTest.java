package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.daemon.wire.PacketType.*;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: a registry with one write (block_id 0xA, sector 8) and one read (0xB, sector 16) in
 * flight; a table of acks and replies with right, wrong or special ids and sectors.
 * Expectation: each row's outcome: the request found, a special id let through, a tolerated
 * missing P_NEG_ACK, or a protocol error naming the handle ("failed to find request").
 * Why: fact sheet §10.4 and roadmap item 6: a forged or stale block_id must never reach a request
 * it does not name; it tears the connection down instead of crashing or corrupting.
 */
class AckValidatorTest {
    private static final long W_ID = 0xA;
    private static final long R_ID = 0xB;

    static Stream<Arguments> table() {
        return Stream.of(
                row(P_WRITE_ACK, W_ID, 8, "write"),
                row(P_RECV_ACK, W_ID, 8, "write"),
                row(P_RS_WRITE_ACK, W_ID, 8, "write"),
                row(P_SUPERSEDED, W_ID, 8, "write"),
                row(P_RETRY_WRITE, W_ID, 8, "write"),
                row(P_NEG_ACK, W_ID, 8, "write"),
                row(P_WRITE_ACK, W_ID, 16, "error"),
                row(P_WRITE_ACK, 0xDEAD, 8, "error"),
                row(P_WRITE_ACK, R_ID, 16, "error"),
                row(P_NEG_ACK, 0xDEAD, 8, "MISSING_TOLERATED"),
                row(P_RS_WRITE_ACK, WireConstants.ID_SYNCER, 123, "SPECIAL_ID"),
                row(P_NEG_ACK, WireConstants.ID_SYNCER, 123, "SPECIAL_ID"),
                row(P_RS_IS_IN_SYNC, WireConstants.ID_SYNCER, 9, "SPECIAL_ID"),
                row(P_RS_IS_IN_SYNC, W_ID, 8, "error"),
                row(P_NEG_RS_DREPLY, WireConstants.ID_SYNCER, 9, "SPECIAL_ID"),
                row(P_RS_CANCEL, 5, 9, "error"),
                row(P_OV_RESULT, WireConstants.ID_IN_SYNC, 0, "SPECIAL_ID"),
                row(P_OV_RESULT, WireConstants.ID_OUT_OF_SYNC, 0, "SPECIAL_ID"),
                row(P_OV_RESULT, W_ID, 8, "error"),
                row(P_DATA_REPLY, R_ID, 16, "read"),
                row(P_NEG_DREPLY, R_ID, 16, "read"),
                row(P_DATA_REPLY, W_ID, 8, "error"),
                row(P_NEG_DREPLY, R_ID, 17, "error"));
    }

    private static Arguments row(PacketType t, long id, long sector, String expected) {
        return Arguments.of(t, id, sector, expected);
    }

    @ParameterizedTest(name = "{0} id={1} sector={2} -> {3}")
    @MethodSource("table")
    void acksAreMatchedAgainstRequestsInFlight(PacketType t, long id, long sector, String want) {
        AckValidator<String> v = new AckValidator<>();
        v.addWrite(W_ID, 8, "write");
        v.addRead(R_ID, 16, "read");
        WireResult<AckValidator.Verdict<String>> r = v.check(t, id, sector);
        switch (want) {
            case "error" -> assertThat(r.reason())
                    .containsAnyOf("failed to find request", "expected ID_SYNCER", "expected 4711");
            case "write", "read" -> {
                assertThat(r.value().match()).isEqualTo(AckValidator.Match.IN_FLIGHT);
                assertThat(r.value().request()).isEqualTo(want);
            }
            default -> assertThat(r.value().match()).hasToString(want);
        }
    }

    @org.junit.jupiter.api.Test
    void aRemovedRequestNoLongerMatches() {
        AckValidator<String> v = new AckValidator<>();
        v.addWrite(1, 2, "w");
        Packet ack = Packet.of(P_WRITE_ACK, new Payload.BlockAck(2, 1, 4096, 1));
        assertThat(v.check(ack).value().request()).isEqualTo("w");
        v.removeWrite(1, 2);
        assertThat(v.writesInFlight()).isZero();
        assertThat(v.check(ack).reason()).contains("failed to find request 0x0000000000000001");
    }
}
