package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: pause-sync and resume-sync that changed nothing, in states with and without a
 * running resync and with each isp flag; and P_STATEs of a peer with each of its pause flags.
 * Expectation: a second pause is ERR_PAUSE_IS_SET; a resume while PausedSync* still held by a
 * dependency is ERR_PIC_AFTER_DEP, by the peer ERR_PIC_PEER_DEP (dependency named first), any
 * other ERR_PAUSE_IS_CLEAR; the peer's aftr_isp or user_isp becomes our peer_isp, its peer_isp
 * does not (that would echo our own pause back); status names the flags as DRBD 9's
 * resync-suspended does.
 * Why: these are DRBD's answers the CLI prints (fact sheet §9.5), and the peer_isp rule is what
 * pauses both sides of a resync.
 */
class ResyncPauseTest {
    private static final State CONNECTED = State.INITIAL.withConn(ConnState.CONNECTED)
            .withDisk(DiskState.UP_TO_DATE).withPdsk(DiskState.UP_TO_DATE);
    private static final State PAUSED_T = CONNECTED.withConn(ConnState.PAUSED_SYNC_T)
            .withDisk(DiskState.INCONSISTENT);
    private static final State PAUSED_S = CONNECTED.withConn(ConnState.PAUSED_SYNC_S)
            .withPdsk(DiskState.INCONSISTENT);

    static Stream<Arguments> unchanged() {
        return Stream.of(
                Arguments.of("pause twice", true, PAUSED_T.withUserIsp(true), ErrCode.ERR_PAUSE_IS_SET),
                Arguments.of("pause twice, no resync", true, CONNECTED.withUserIsp(true), ErrCode.ERR_PAUSE_IS_SET),
                Arguments.of("resume, dependency", false, PAUSED_T.withAftrIsp(true), ErrCode.ERR_PIC_AFTER_DEP),
                Arguments.of("resume, peer", false, PAUSED_S.withPeerIsp(true), ErrCode.ERR_PIC_PEER_DEP),
                Arguments.of("resume, both", false, PAUSED_T.withPeerIsp(true).withAftrIsp(true),
                        ErrCode.ERR_PIC_AFTER_DEP),
                Arguments.of("resume, not paused", false, CONNECTED, ErrCode.ERR_PAUSE_IS_CLEAR),
                Arguments.of("resume, dependency flag but no resync", false, CONNECTED.withAftrIsp(true),
                        ErrCode.ERR_PAUSE_IS_CLEAR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unchanged")
    void unchangedNamesWhatHolds(String name, boolean pause, State s, ErrCode expected) {
        assertThat(ResyncPause.unchanged(pause, s)).isEqualTo(expected);
    }

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of(CONNECTED, false),
                Arguments.of(CONNECTED.withUserIsp(true), true),
                Arguments.of(CONNECTED.withAftrIsp(true), true),
                Arguments.of(CONNECTED.withPeerIsp(true), false));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,false,false,no", "true,false,false,user",
            "false,true,false,peer", "false,false,true,dependency", "true,true,true,'user,peer,dependency'"})
    void suspendedReasonsInDrbdsOrder(boolean user, boolean peer, boolean aftr, String expected) {
        State s = PAUSED_T.withUserIsp(user).withPeerIsp(peer).withAftrIsp(aftr);
        assertThat(ResyncPause.suspendedReasons(s)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("reports")
    void peerIspComesFromThePeersOwnFlags(State reported, boolean expected) {
        assertThat(ResyncPause.peerIsp(reported)).isEqualTo(expected);
    }
}
