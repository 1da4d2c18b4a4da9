package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: two connected nodes run DRBD's two-phase state change (fact sheet §1.6): a request the
 * peer must approve, the peer's verdict, commit or abort; crossing requests; connection loss while
 * waiting; stale replies.
 * Expectation: agreement commits, any refusal aborts with SS_CW_FAILED_BY_PEER (peer's code kept);
 * of two crossing requests exactly the RESOLVE_CONFLICTS holder's commits; a lost connection makes
 * the pending change complete by local re-evaluation; replies to other ids are ignored; at most
 * one change is pending.
 * Why: a change both sides commit differently (two Primaries, two sync sources) is a split brain.
 */
class ClusterWideChangeTest {

    private static final int PROMOTE_MASK = StateWord.ROLE_MASK;
    private static final int PROMOTE_VAL = Role.PRIMARY.code() << StateWord.ROLE_SHIFT;

    private static ClusterWideChange.Step promote(ClusterWideChange node) {
        return node.request(PROMOTE_MASK, PROMOTE_VAL, true, StateRv.SS_SUCCESS);
    }

    @Test
    void agreedChangeCommits() {
        ClusterWideChange.Step sent = promote(ClusterWideChange.idle());
        StateChangeRequest req = assertInstanceOf(ClusterWideOutcome.SendRequest.class, sent.outcome()).request();
        assertEquals(new StateChangeRequest(1, PROMOTE_MASK, PROMOTE_VAL), req);
        assertEquals(Optional.of(req), sent.next().pending());

        ClusterWideChange.Step peer = ClusterWideChange.idle().onPeerRequest(req, false, StateRv.SS_SUCCESS);
        ClusterWideOutcome.AnswerPeer answer = assertInstanceOf(ClusterWideOutcome.AnswerPeer.class, peer.outcome());
        assertTrue(answer.commitLocally());
        assertEquals(new StateChangeReply(1, StateRv.SS_SUCCESS), answer.reply());

        ClusterWideChange.Step done = sent.next().onReply(answer.reply());
        assertEquals(new ClusterWideOutcome.Commit(1, PROMOTE_MASK, PROMOTE_VAL), done.outcome());
        assertEquals(Optional.empty(), done.next().pending());
    }

    @ParameterizedTest(name = "peer refuses with {0}")
    @EnumSource(value = StateRv.class, names = {"SS_TWO_PRIMARIES", "SS_NO_UP_TO_DATE_DISK", "SS_PRIMARY_NOP",
        "SS_CONNECTED_OUTDATES", "SS_RESYNC_RUNNING", "SS_NO_LOCAL_DISK", "SS_NO_REMOTE_DISK",
        "SS_IN_TRANSIENT_STATE", "SS_CONCURRENT_ST_CHG", "SS_O_VOL_PEER_PRI", "SS_NOT_SUPPORTED",
        "SS_LOWER_THAN_OUTDATED", "SS_DEVICE_IN_USE"})
    void refusalIsPropagated(StateRv peerVerdict) {
        ClusterWideChange.Step sent = promote(ClusterWideChange.idle());
        StateChangeRequest req = ((ClusterWideOutcome.SendRequest) sent.outcome()).request();

        ClusterWideOutcome.AnswerPeer answer = (ClusterWideOutcome.AnswerPeer)
                ClusterWideChange.idle().onPeerRequest(req, true, peerVerdict).outcome();
        assertFalse(answer.commitLocally(), "a refused change must not be applied on the peer");
        assertEquals(peerVerdict, answer.reply().rv());

        ClusterWideChange.Step done = sent.next().onReply(answer.reply());
        ClusterWideOutcome.Aborted ab = assertInstanceOf(ClusterWideOutcome.Aborted.class, done.outcome());
        assertEquals(StateRv.SS_CW_FAILED_BY_PEER, ab.rv());
        assertEquals(peerVerdict, ab.peerRv());
        assertTrue(ab.message().endsWith(peerVerdict.message() + " (" + peerVerdict.code() + ")"));
        assertEquals(Optional.empty(), done.next().pending());
    }

    @ParameterizedTest(name = "peer agrees with {0}")
    @EnumSource(value = StateRv.class, names = {"SS_SUCCESS", "SS_NOTHING_TO_DO", "SS_CW_SUCCESS"})
    void anySuccessCodeIsAgreement(StateRv rv) {
        ClusterWideChange pending = promote(ClusterWideChange.idle()).next();
        assertInstanceOf(ClusterWideOutcome.Commit.class, pending.onReply(new StateChangeReply(1, rv)).outcome());
    }

    @Test
    void localPreCheckRefusalSendsNothing() {
        ClusterWideChange idle = ClusterWideChange.idle();
        ClusterWideChange.Step s = idle.request(PROMOTE_MASK, PROMOTE_VAL, true, StateRv.SS_NO_UP_TO_DATE_DISK);
        assertEquals(new ClusterWideOutcome.Refused(StateRv.SS_NO_UP_TO_DATE_DISK), s.outcome());
        assertSame(idle, s.next());
    }

    @Test
    void localOnlyChangeSkipsThePeer() {
        ClusterWideChange.Step s = ClusterWideChange.idle().request(PROMOTE_MASK, PROMOTE_VAL, false, StateRv.SS_SUCCESS);
        assertEquals(new ClusterWideOutcome.ApplyLocally(PROMOTE_MASK, PROMOTE_VAL), s.outcome());
        assertEquals(Optional.empty(), s.next().pending());
    }

    @Test
    void predicateOverloadAsksThePeerOnlyWhenConnected() {
        State connected = State.INITIAL.withConn(ConnState.CONNECTED).withDisk(DiskState.UP_TO_DATE)
                .withPdsk(DiskState.UP_TO_DATE).withPeer(Role.SECONDARY);
        State standalone = connected.withConn(ConnState.STANDALONE).withPdsk(DiskState.UNKNOWN);
        assertInstanceOf(ClusterWideOutcome.SendRequest.class, ClusterWideChange.idle().request(connected,
                connected.withRole(Role.PRIMARY), PROMOTE_MASK, PROMOTE_VAL, StateRv.SS_SUCCESS).outcome());
        assertInstanceOf(ClusterWideOutcome.ApplyLocally.class, ClusterWideChange.idle().request(standalone,
                standalone.withRole(Role.PRIMARY), PROMOTE_MASK, PROMOTE_VAL, StateRv.SS_SUCCESS).outcome());
    }

    @Test
    void atMostOnePendingChange() {
        ClusterWideChange pending = promote(ClusterWideChange.idle()).next();
        ClusterWideChange.Step second = pending.request(StateWord.CONN_MASK,
                ConnState.DISCONNECTING.code() << StateWord.CONN_SHIFT, true, StateRv.SS_SUCCESS);
        assertEquals(new ClusterWideOutcome.Busy(), second.outcome());
        assertSame(pending, second.next());
        // Once the first completes, the next request gets a fresh id.
        ClusterWideChange done = pending.onReply(new StateChangeReply(1, StateRv.SS_SUCCESS)).next();
        StateChangeRequest next = ((ClusterWideOutcome.SendRequest) promote(done).outcome()).request();
        assertEquals(2, next.requestId());
    }

    @ParameterizedTest(name = "A holds RESOLVE_CONFLICTS: {0}")
    @ValueSource(booleans = {true, false})
    void crossingRequestsExactlyOneWins(boolean aHoldsRc) {
        // Both nodes try to become Primary at the same moment; the requests cross on the wire.
        ClusterWideChange.Step a1 = promote(ClusterWideChange.idle());
        ClusterWideChange.Step b1 = promote(ClusterWideChange.idle());
        StateChangeRequest fromA = ((ClusterWideOutcome.SendRequest) a1.outcome()).request();
        StateChangeRequest fromB = ((ClusterWideOutcome.SendRequest) b1.outcome()).request();

        // Each validates the other's promotion as fine on its own (allow-two-primaries aside).
        ClusterWideChange.Step aGetsB = a1.next().onPeerRequest(fromB, aHoldsRc, StateRv.SS_SUCCESS);
        ClusterWideChange.Step bGetsA = b1.next().onPeerRequest(fromA, !aHoldsRc, StateRv.SS_SUCCESS);
        ClusterWideOutcome.AnswerPeer replyToB = (ClusterWideOutcome.AnswerPeer) aGetsB.outcome();
        ClusterWideOutcome.AnswerPeer replyToA = (ClusterWideOutcome.AnswerPeer) bGetsA.outcome();

        ClusterWideOutcome aEnd = aGetsB.next().onReply(replyToA.reply()).outcome();
        ClusterWideOutcome bEnd = bGetsA.next().onReply(replyToB.reply()).outcome();

        boolean aCommits = aEnd instanceof ClusterWideOutcome.Commit;
        boolean bCommits = bEnd instanceof ClusterWideOutcome.Commit;
        assertTrue(aCommits ^ bCommits, "exactly one side commits: " + aEnd + " / " + bEnd);
        assertEquals(aHoldsRc, aCommits, "the RESOLVE_CONFLICTS holder wins");
        ClusterWideOutcome loser = aCommits ? bEnd : aEnd;
        assertEquals(StateRv.SS_CONCURRENT_ST_CHG, ((ClusterWideOutcome.Aborted) loser).peerRv());
        // The loser applied the winner's change on its side; the winner did not apply the loser's.
        ClusterWideOutcome.AnswerPeer winnersAnswer = aHoldsRc ? replyToB : replyToA;
        ClusterWideOutcome.AnswerPeer losersAnswer = aHoldsRc ? replyToA : replyToB;
        assertFalse(winnersAnswer.commitLocally());
        assertTrue(losersAnswer.commitLocally());
    }

    @Test
    void connectionLossWhilePendingReevaluatesLocally() {
        ClusterWideChange pending = promote(ClusterWideChange.idle()).next();
        ClusterWideChange.Step lost = pending.onConnectionLost();
        assertEquals(new ClusterWideOutcome.Reevaluate(1, PROMOTE_MASK, PROMOTE_VAL), lost.outcome());
        assertEquals(Optional.empty(), lost.next().pending());
        // A reply from the dead connection arriving late changes nothing.
        ClusterWideChange.Step late = lost.next().onReply(new StateChangeReply(1, StateRv.SS_SUCCESS));
        assertInstanceOf(ClusterWideOutcome.Ignored.class, late.outcome());
        assertSame(lost.next(), late.next());
        assertInstanceOf(ClusterWideOutcome.Ignored.class, ClusterWideChange.idle().onConnectionLost().outcome());
    }

    @Test
    void recheckWhileWaitingFollowsTheCurrentState() {
        ClusterWideChange pending = promote(ClusterWideChange.idle()).next();
        assertEquals(new ClusterWideOutcome.KeepWaiting(1), pending.recheck(true, StateRv.SS_SUCCESS).outcome());
        assertSame(pending, pending.recheck(true, StateRv.SS_SUCCESS).next());
        assertEquals(new ClusterWideOutcome.Reevaluate(1, PROMOTE_MASK, PROMOTE_VAL),
                pending.recheck(false, StateRv.SS_SUCCESS).outcome());
        ClusterWideChange.Step invalid = pending.recheck(true, StateRv.SS_NO_UP_TO_DATE_DISK);
        assertEquals(new ClusterWideOutcome.Invalidated(1, StateRv.SS_NO_UP_TO_DATE_DISK), invalid.outcome());
        assertEquals(Optional.empty(), invalid.next().pending());
    }

    @ParameterizedTest(name = "reply id {0}")
    @ValueSource(longs = {0, 2, 99, -1})
    void replyToAnotherIdIsIgnored(long id) {
        ClusterWideChange pending = promote(ClusterWideChange.idle()).next();
        ClusterWideChange.Step s = pending.onReply(new StateChangeReply(id, StateRv.SS_SUCCESS));
        assertInstanceOf(ClusterWideOutcome.Ignored.class, s.outcome());
        assertSame(pending, s.next(), "the real reply can still arrive");
        assertInstanceOf(ClusterWideOutcome.Commit.class,
                s.next().onReply(new StateChangeReply(1, StateRv.SS_SUCCESS)).outcome());
    }

    @Test
    void replyWithNothingPendingIsIgnored() {
        assertInstanceOf(ClusterWideOutcome.Ignored.class,
                ClusterWideChange.idle().onReply(new StateChangeReply(1, StateRv.SS_SUCCESS)).outcome());
    }

    @Test
    void malformedRequestsAreProgrammerErrors() {
        assertThrows(IllegalArgumentException.class, () -> new StateChangeRequest(0, PROMOTE_MASK, PROMOTE_VAL));
        assertThrows(IllegalArgumentException.class, () -> new StateChangeRequest(1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new StateChangeRequest(1, StateWord.ROLE_MASK, 1 << 20));
        assertThrows(IllegalArgumentException.class, () -> new StateChangeRequest(1, 1 << 30, 0));
    }
}
