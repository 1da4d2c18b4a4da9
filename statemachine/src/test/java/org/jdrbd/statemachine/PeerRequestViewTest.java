package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: a peer's state change request (mask, val in the peer's view) is converted to this
 * node's view, and a local change is turned into the request this node sends.
 * Expectation: role and peer swap, disk and pdsk swap, directed connection states mirror
 * (StartingSyncS <-> StartingSyncT, Disconnecting -> TearDown, VerifyS -> VerifyT), a request
 * built from a diff and converted twice hits the same fields.
 * Why: a wrong swap would let a peer's promotion request promote this node instead.
 */
class PeerRequestViewTest {

    private static final State BASE = State.INITIAL.withConn(ConnState.CONNECTED)
            .withDisk(DiskState.UP_TO_DATE).withPdsk(DiskState.UP_TO_DATE);

    @Test
    void peerPromotionBecomesOurPeerRole() {
        State peerAfter = BASE.withRole(Role.PRIMARY);
        PeerRequestView.Converted req = PeerRequestView.diff(BASE, peerAfter);
        assertThat(req.mask()).isEqualTo(StateWord.ROLE_MASK);
        PeerRequestView.Converted ours = PeerRequestView.convert(req.mask(), req.val());
        State mine = StateWord.applyMaskVal(BASE.withPeer(Role.SECONDARY), ours.mask(), ours.val()).orElseThrow();
        assertThat(mine.peer()).isEqualTo(Role.PRIMARY);
        assertThat(mine.role()).isEqualTo(Role.SECONDARY);
    }

    @Test
    void diskAndPeerDiskSwap() {
        State before = BASE.withPeer(Role.SECONDARY);
        State peerAfter = before.withDisk(DiskState.FAILED).withPdsk(DiskState.OUTDATED);
        PeerRequestView.Converted req = PeerRequestView.diff(before, peerAfter);
        PeerRequestView.Converted ours = PeerRequestView.convert(req.mask(), req.val());
        State mine = StateWord.applyMaskVal(before, ours.mask(), ours.val()).orElseThrow();
        assertThat(mine.pdsk()).isEqualTo(DiskState.FAILED);
        assertThat(mine.disk()).isEqualTo(DiskState.OUTDATED);
    }

    @ParameterizedTest
    @CsvSource({"STARTING_SYNC_S, STARTING_SYNC_T", "STARTING_SYNC_T, STARTING_SYNC_S",
        "DISCONNECTING, TEAR_DOWN", "VERIFY_S, VERIFY_T", "CONNECTED, CONNECTED",
        "WF_REPORT_PARAMS, WF_REPORT_PARAMS", "SYNC_SOURCE, STANDALONE"})
    void directedConnectionStatesMirror(ConnState peers, ConnState ours) {
        PeerRequestView.Converted conv = PeerRequestView.convert(StateWord.CONN_MASK,
                peers.code() << StateWord.CONN_SHIFT);
        assertThat(conv.mask()).isEqualTo(StateWord.CONN_MASK);
        assertThat(conv.val() >>> StateWord.CONN_SHIFT).isEqualTo(ours.code());
    }

    @Test
    void unchangedFieldsAreNotRequested() {
        assertThat(PeerRequestView.diff(BASE, BASE).mask()).isZero();
    }
}
