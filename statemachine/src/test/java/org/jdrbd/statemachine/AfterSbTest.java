package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: asb_recover_0p/1p/2p (fact sheet §4.2-4.4) for every policy under each primary count,
 * including the policies that are configuration errors there, every fall-through of
 * younger/older-primary (via zero-changes to least-changes, with its warning), zero-changes with
 * both sides changed, the RESOLVE_CONFLICTS tie breaks, consensus, violently-as0p,
 * discard-secondary and call-pri-lost-after-sb with successful and failed demotion.
 * Expectation: +1 (sync from here), -1 (sync from peer) or -100, the right status, the warning and
 * "Configuration error" lines, pri-lost-after-sb only when the demotion failed.
 * Why: these decide whose data is thrown away after a split brain.
 */
class AfterSbTest {

    static final long SELF_BM = 0x1000_0000_0000_0010L;
    static final long PEER_BM = 0x2000_0000_0000_0020L;

    @ParameterizedTest(name = "{0}p {1}/{2}/{3} pri {4}{5} ch {6}:{7} rc {8} {9} -> {10}")
    @CsvSource({
        // count, 0pri, 1pri, 2pri, selfPri, peerPri, chSelf, chPeer, rc, role, result, status, fallbackWarn, cfgErr
        "0, CONSENSUS, DISCONNECT, DISCONNECT, 0, 0, 1, 2, false, SECONDARY, -100, DECIDED, false, true",
        "0, DISCARD_SECONDARY, DISCONNECT, DISCONNECT, 0, 0, 1, 2, false, SECONDARY, -100, DECIDED, false, true",
        "0, CALL_HELPER, DISCONNECT, DISCONNECT, 0, 0, 1, 2, false, SECONDARY, -100, DECIDED, false, true",
        "0, VIOLENTLY, DISCONNECT, DISCONNECT, 0, 0, 1, 2, false, SECONDARY, -100, DECIDED, false, true",
        "0, DISCONNECT, DISCONNECT, DISCONNECT, 0, 0, 0, 0, false, SECONDARY, -100, DECIDED, false, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 1, 9, 1, false, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 1, 0, 1, 9, true, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 0, 0, true, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 0, 0, false, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 1, 1, 0, 5, false, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 1, 1, 5, 0, true, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 3, 7, false, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 1, 1, 7, 3, true, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 5, 5, true, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_YOUNGER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 5, 5, false, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 0, 1, 1, 9, false, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 1, 0, 9, 1, false, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 1, 1, 0, 0, true, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 4, 0, false, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 2, 8, false, SECONDARY, -1, DECIDED, true, false",
        "0, DISCARD_OLDER_PRIMARY, DISCONNECT, DISCONNECT, 0, 0, 6, 6, false, SECONDARY, 1, DECIDED, true, false",
        "0, DISCARD_ZERO_CHANGES, DISCONNECT, DISCONNECT, 0, 1, 0, 0, false, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_ZERO_CHANGES, DISCONNECT, DISCONNECT, 0, 1, 0, 0, true, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_ZERO_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 5, 0, true, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_ZERO_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 0, 5, false, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_ZERO_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 3, 5, false, SECONDARY, -100, DECIDED, false, false",
        "0, DISCARD_LEAST_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 3, 7, false, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_LEAST_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 7, 3, false, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_LEAST_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 4, 4, true, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_LEAST_CHANGES, DISCONNECT, DISCONNECT, 0, 0, 0, 0, false, SECONDARY, 1, DECIDED, false, false",
        "0, DISCARD_LOCAL, DISCONNECT, DISCONNECT, 1, 0, 0, 9, true, SECONDARY, -1, DECIDED, false, false",
        "0, DISCARD_REMOTE, DISCONNECT, DISCONNECT, 0, 1, 9, 0, true, SECONDARY, 1, DECIDED, false, false",
        // 1 primary
        "1, DISCARD_REMOTE, DISCARD_YOUNGER_PRIMARY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCARD_OLDER_PRIMARY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCARD_ZERO_CHANGES, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCARD_LEAST_CHANGES, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCARD_LOCAL, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCARD_REMOTE, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCARD_REMOTE, DISCONNECT, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false",
        "1, DISCARD_LOCAL, CONSENSUS, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, -1, DECIDED, false, false",
        "1, DISCARD_LOCAL, CONSENSUS, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false",
        "1, DISCARD_REMOTE, CONSENSUS, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, 1, DECIDED, false, false",
        "1, DISCARD_REMOTE, CONSENSUS, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, -100, DECIDED, false, false",
        "1, DISCONNECT, CONSENSUS, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, -100, DECIDED, false, false",
        "1, DISCARD_LEAST_CHANGES, CONSENSUS, DISCONNECT, 0, 0, 1, 9, false, SECONDARY, -1, DECIDED, false, false",
        "1, DISCARD_REMOTE, VIOLENTLY, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, 1, DECIDED, false, false",
        "1, DISCARD_LOCAL, VIOLENTLY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -1, DECIDED, false, false",
        "1, DISCONNECT, VIOLENTLY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false",
        "1, CONSENSUS, VIOLENTLY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "1, DISCONNECT, DISCARD_SECONDARY, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, 1, DECIDED, false, false",
        "1, DISCONNECT, DISCARD_SECONDARY, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, -1, DECIDED, false, false",
        "1, DISCARD_LOCAL, CALL_HELPER, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -1, DEMOTION_NEEDED, false, false",
        "1, DISCARD_LOCAL, CALL_HELPER, DISCONNECT, 0, 0, 1, 1, false, SECONDARY, -1, DECIDED, false, false",
        "1, DISCARD_REMOTE, CALL_HELPER, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, 1, DECIDED, false, false",
        "1, DISCONNECT, CALL_HELPER, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false",
        // 2 primaries
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_YOUNGER_PRIMARY, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_OLDER_PRIMARY, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_ZERO_CHANGES, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_LEAST_CHANGES, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_LOCAL, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_REMOTE, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, CONSENSUS, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCARD_SECONDARY, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, true",
        "2, DISCARD_REMOTE, DISCONNECT, DISCONNECT, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false",
        "2, DISCARD_LEAST_CHANGES, DISCONNECT, VIOLENTLY, 0, 0, 9, 1, false, PRIMARY, 1, DECIDED, false, false",
        "2, DISCARD_YOUNGER_PRIMARY, DISCONNECT, VIOLENTLY, 1, 1, 1, 9, false, PRIMARY, -1, DECIDED, true, false",
        "2, DISCARD_LOCAL, DISCONNECT, CALL_HELPER, 0, 0, 1, 1, false, PRIMARY, -1, DEMOTION_NEEDED, false, false",
        "2, DISCARD_REMOTE, DISCONNECT, CALL_HELPER, 0, 0, 1, 1, false, PRIMARY, 1, DECIDED, false, false",
        "2, DISCONNECT, DISCONNECT, CALL_HELPER, 0, 0, 1, 1, false, PRIMARY, -100, DECIDED, false, false"})
    void recoveryTable(int primaries, AfterSbPolicy p0, AfterSbPolicy p1, AfterSbPolicy p2, int selfPri, int peerPri,
            long chSelf, long chPeer, boolean rc, Role role, int result, AfterSb.Status status, boolean fallbackWarn,
            boolean cfgErr) {
        AfterSb.Inputs in = new AfterSb.Inputs(p0, p1, p2, SELF_BM | selfPri, PEER_BM | peerPri, chSelf, chPeer, rc,
                role);
        AfterSb.Decision d = AfterSb.recover(in, primaries);
        assertEquals(result, d.result(), d.reason());
        assertEquals(status, d.status(), d.reason());
        assertEquals(fallbackWarn, hasLine(d, LogLine.Level.WARN, "did not find a decision"), d.log().toString());
        assertEquals(cfgErr, hasLine(d, LogLine.Level.ERR, "Configuration error"), d.log().toString());
        assertEquals(List.of(), d.handlers());
        assertEquals(status == AfterSb.Status.DECIDED && result != -100, d.resolved());
    }

    @Test
    void demotionSuccessMakesThisNodeTarget() {
        AfterSb.Decision waiting = AfterSb.recover1p(inputs(AfterSbPolicy.CALL_HELPER, Role.PRIMARY));
        AfterSb.Decision done = waiting.afterDemotion(true);
        assertEquals(AfterSb.Status.DECIDED, done.status());
        assertEquals(-1, done.result());
        assertEquals(List.of(), done.handlers());
        assertTrue(hasLine(done, LogLine.Level.WARN, "Successfully gave up primary role."));
    }

    @Test
    void demotionFailureRunsPriLostAfterSb() {
        AfterSb.Decision waiting = AfterSb.recover2p(inputs(AfterSbPolicy.CALL_HELPER, Role.PRIMARY));
        assertEquals(AfterSb.Status.DEMOTION_NEEDED, waiting.status());
        AfterSb.Decision done = waiting.afterDemotion(false);
        assertEquals(-100, done.result());
        assertEquals(List.of(HandlerName.PRI_LOST_AFTER_SB), done.handlers());
        assertThrows(IllegalStateException.class, () -> done.afterDemotion(true));
    }

    @Test
    void badPrimaryCountIsAProgrammerError() {
        assertThrows(IllegalStateException.class, () -> AfterSb.recover(inputs(AfterSbPolicy.DISCONNECT,
                Role.PRIMARY), 3));
    }

    private static AfterSb.Inputs inputs(AfterSbPolicy helperPolicy, Role role) {
        return new AfterSb.Inputs(AfterSbPolicy.DISCARD_LOCAL, helperPolicy, helperPolicy, SELF_BM, PEER_BM, 1, 1,
                false, role);
    }

    private static boolean hasLine(AfterSb.Decision d, LogLine.Level level, String fragment) {
        return d.log().stream().anyMatch(l -> l.level() == level && l.text().contains(fragment));
    }
}
