package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: one table row per drbd_uuid_compare path (fact sheet §3.3): every rule number, the
 * correction rules 34/35/51/71 with the UUIDs they correct, rule 40's rct arbitration (rct 3 with
 * and without RESOLVE_CONFLICTS), rule 41, the -1091 answers below apv 91, the WSAME code, -100,
 * 100 and -1000, and 51/71 falling through when their extra condition fails.
 * Expectation: the hg value, the rule and the corrected UUIDs of each row; the same verdict when
 * bit 0 (primary flag) is set on every slot; every UuidRule reached by some row.
 * Why: the handshake's direction (who loses data) rests entirely on this chain and its order.
 */
class UuidCompareTest {

    static final long A = 0x1A00_0000_0000_00A0L;
    static final long B = 0x2B00_0000_0000_00B0L;
    static final long C = 0x3C00_0000_0000_00C0L;
    static final long D = 0x4D00_0000_0000_00D0L;
    static final long E = 0x5E00_0000_0000_00E0L;
    static final long F = 0x6F00_0000_0000_00F0L;
    static final long W = 0x7700_0000_0000_0070L;
    static final long X = 0x0800_0000_0000_0080L;
    static final long Y = 0x0900_0000_0000_0090L;
    static final long Z = 0x0A00_0000_0000_0020L;
    static final long JC = Uuids.UUID_JUST_CREATED;
    static final long OFF = Uuids.UUID_NEW_BM_OFFSET;

    /** One row: inputs, expected hg and rule, expected corrected UUIDs (null = unchanged). */
    record Case(String name, GenerationUuids self, GenerationUuids peer, long peerFlags,
            UuidCompare.Context ctx, int hg, UuidRule rule, GenerationUuids fixedSelf, GenerationUuids fixedPeer) {
        @Override
        public String toString() {
            return name;
        }
    }

    static GenerationUuids u(long cur, long bm, long h1, long h2) {
        return GenerationUuids.of(cur, bm, h1, h2);
    }

    static UuidCompare.Context ctx() {
        return UuidCompare.Context.defaults();
    }

    static UuidCompare.Context apv(int v) {
        UuidCompare.Context d = ctx();
        return new UuidCompare.Context(v, d.agreedFeatures(), false, d.localRole(), d.peerRole(), false);
    }

    static UuidCompare.Context crash(boolean localCrashed, Role local, Role peer, boolean rc, int features) {
        return new UuidCompare.Context(UuidCompare.PRO_VERSION_MAX, features, localCrashed, local, peer, rc);
    }

    static Case c(String name, GenerationUuids self, GenerationUuids peer, int hg, UuidRule rule) {
        return new Case(name, self, peer, 0, ctx(), hg, rule, null, null);
    }

    static Case c(String name, GenerationUuids self, GenerationUuids peer, long flags, UuidCompare.Context ctx,
            int hg, UuidRule rule) {
        return new Case(name, self, peer, flags, ctx, hg, rule, null, null);
    }

    static Case fix(String name, GenerationUuids self, GenerationUuids peer, UuidCompare.Context ctx, int hg,
            UuidRule rule, GenerationUuids fixedSelf, GenerationUuids fixedPeer) {
        return new Case(name, self, peer, 0, ctx, hg, rule, fixedSelf, fixedPeer);
    }

    static Stream<Case> cases() {
        int wsame = UuidCompare.FF_WSAME;
        Role p = Role.PRIMARY;
        Role s = Role.SECONDARY;
        List<Case> l = new ArrayList<>();
        l.add(c("10 both just created", u(JC, 0, 0, 0), u(JC, 0, 0, 0), 0, UuidRule.JUST_CREATED_BOTH));
        l.add(c("20 self just created", u(JC, 0, 0, 0), u(A, 0, 0, 0), -2, UuidRule.JUST_CREATED_SELF));
        l.add(c("20 self zero", u(0, 0, 0, 0), u(A, 0, 0, 0), -2, UuidRule.JUST_CREATED_SELF));
        l.add(c("30 peer just created", u(A, 0, 0, 0), u(JC, 0, 0, 0), 2, UuidRule.JUST_CREATED_PEER));
        l.add(c("30 peer zero", u(A, 0, 0, 0), u(0, 0, 0, 0), 2, UuidRule.JUST_CREATED_PEER));
        l.add(fix("34 source missed finish", u(A, B, C, D), u(A, 0, B, C), ctx(), 1,
                UuidRule.SOURCE_MISSED_FINISH, u(A, 0, B, C), null));
        l.add(c("36 peer failed to write sync uuid", u(A, B, C, D), u(A, 0, E, F), 1,
                UuidRule.SOURCE_BITMAP_ONLY_SELF));
        l.add(c("34 needs 91", u(A, B, C, D), u(A, 0, B, C), 0, apv(90), UuidCompare.HG_NEEDS_PROTOCOL_91,
                UuidRule.SOURCE_MISSED_FINISH));
        l.add(c("36 needs 91", u(A, B, C, D), u(A, 0, E, F), 0, apv(86), -1091, UuidRule.SOURCE_BITMAP_ONLY_SELF));
        l.add(fix("35 peer source missed finish", u(A, 0, B, C), u(A, B, C, D), ctx(), -1,
                UuidRule.PEER_SOURCE_MISSED_FINISH, null, u(A, 0, B, C)));
        l.add(c("37 target, only peer has bitmap", u(A, 0, X, Y), u(A, B, C, D), -1,
                UuidRule.TARGET_BITMAP_ONLY_PEER));
        l.add(c("35 needs 91", u(A, 0, B, C), u(A, B, C, D), 0, apv(90), -1091, UuidRule.PEER_SOURCE_MISSED_FINISH));
        l.add(c("37 needs 91", u(A, 0, X, Y), u(A, B, C, D), 0, apv(90), -1091, UuidRule.TARGET_BITMAP_ONLY_PEER));
        l.add(c("40 rct 0 hiccup", u(A, 0, B, C), u(A, 0, B, C), 0, UuidRule.RECONNECTED));
        l.add(c("40 rct 0 both bitmaps set", u(A, B, C, D), u(A, E, C, D), 0, UuidRule.RECONNECTED));
        l.add(c("40 rct 0 with a primary", u(A, 0, B, C), u(A, 0, B, C), 0, crash(false, p, s, false, wsame), 0,
                UuidRule.RECONNECTED));
        l.add(c("40 rct 1 I crashed", u(A, 0, B, C), u(A, 0, B, C), 0, crash(true, s, s, false, wsame), 1,
                UuidRule.RECONNECTED));
        l.add(c("40 rct 2 peer crashed", u(A, 0, B, C), u(A, 0, B, C), Uuids.FLAG_CRASHED_PRIMARY,
                crash(false, s, s, false, wsame), -1, UuidRule.RECONNECTED));
        l.add(c("40 rct 3 RC holder", u(A, 0, B, C), u(A, 0, B, C), 2, crash(true, s, s, true, wsame), -1,
                UuidRule.RECONNECTED));
        l.add(c("40 rct 3 not RC holder", u(A, 0, B, C), u(A, 0, B, C), 2, crash(true, s, s, false, wsame), 1,
                UuidRule.RECONNECTED));
        l.add(c("40 other flags ignored", u(A, 0, B, C), u(A, 0, B, C), 1 | 4 | 8, crash(false, s, s, false, 0), 0,
                UuidRule.RECONNECTED));
        l.add(c("41 local primary", u(A, 0, B, C), u(A, 0, B, C), 2, crash(false, p, s, false, wsame), 1,
                UuidRule.CRASHED_PRIMARY_WITH_PRIMARY));
        l.add(c("41 peer primary", u(A, 0, B, C), u(A, 0, B, C), 0, crash(true, s, p, false, wsame), -1,
                UuidRule.CRASHED_PRIMARY_WITH_PRIMARY));
        l.add(c("41 both primary", u(A, 0, B, C), u(A, 0, B, C), 2, crash(true, p, p, true, wsame), -100,
                UuidRule.CRASHED_PRIMARY_WITH_PRIMARY));
        l.add(c("41 without WSAME", u(A, 0, B, C), u(A, 0, B, C), 0, crash(true, p, s, false, 1 | 2 | 8), -0x10465,
                UuidRule.CRASHED_PRIMARY_WITH_PRIMARY));
        l.add(c("50 peer bitmap is my current", u(A, 0, X, Y), u(B, A, Z, X), -1, UuidRule.BITMAP_PEER));
        l.add(fix("51 lost sync uuid, apv 101", u(A, 0, X, Y), u(B, A + OFF, A, Z), ctx(), -1,
                UuidRule.LOST_SYNC_UUID_PEER, null, u(B, A, Z, Z)));
        l.add(fix("51 lost sync uuid, apv 95", u(A, 0, X, Y), u(B, W, A, X), apv(95), -1,
                UuidRule.LOST_SYNC_UUID_PEER, null, u(B, A, X, X)));
        l.add(c("51 needs 91", u(A, 0, X, Y), u(B, W, A, X), 0, apv(90), -1091, UuidRule.LOST_SYNC_UUID_PEER));
        l.add(c("51 condition fails, 60 decides", u(A, 0, X, Y), u(B, W, A, Z), -2, UuidRule.HISTORY_PEER));
        l.add(c("51 apv 95 condition fails", u(A, 0, X, Y), u(B, A + OFF, A, Z), 0, apv(95), -2,
                UuidRule.HISTORY_PEER));
        l.add(c("60 my current in peer history2", u(A, 0, X, Y), u(B, W, Z, A), -2, UuidRule.HISTORY_PEER));
        l.add(c("70 my bitmap is peer current", u(A, B, X, Y), u(B, 0, Z, W), 1, UuidRule.BITMAP_SELF));
        l.add(fix("71 lost sync uuid, apv 101", u(A, B + OFF, B, Y), u(B, 0, X, Z), ctx(), 1,
                UuidRule.LOST_SYNC_UUID_SELF, u(A, B, Y, Y), null));
        l.add(fix("71 lost sync uuid, apv 95", u(A, W, B, Y), u(B, 0, Y, Z), apv(95), 1,
                UuidRule.LOST_SYNC_UUID_SELF, u(A, B, Y, Y), null));
        l.add(c("71 needs 91", u(A, W, B, Y), u(B, 0, Y, Z), 0, apv(88), -1091, UuidRule.LOST_SYNC_UUID_SELF));
        l.add(c("71 condition fails, 80 decides", u(A, W, B, Y), u(B, 0, X, Z), 2, UuidRule.HISTORY_SELF));
        l.add(c("80 peer current in my history2", u(A, W, X, B), u(B, 0, Y, Z), 2, UuidRule.HISTORY_SELF));
        l.add(c("90 same bitmap uuid", u(A, C, X, Y), u(B, C, Z, W), 100, UuidRule.SPLIT_BRAIN_BITMAP));
        l.add(c("100 h1=h1", u(A, 0, X, Y), u(B, 0, X, Z), -100, UuidRule.SPLIT_BRAIN_HISTORY));
        l.add(c("100 h1=h2", u(A, 0, X, Y), u(B, 0, Z, X), -100, UuidRule.SPLIT_BRAIN_HISTORY));
        l.add(c("100 h2=h1", u(A, 0, X, Y), u(B, 0, Y, Z), -100, UuidRule.SPLIT_BRAIN_HISTORY));
        l.add(c("100 h2=h2", u(A, C, X, Y), u(B, D, Z, Y), -100, UuidRule.SPLIT_BRAIN_HISTORY));
        l.add(c("100 zero histories count (8.4)", u(A, 0, 0, 0), u(B, 0, 0, 0), -100,
                UuidRule.SPLIT_BRAIN_HISTORY));
        l.add(c("none: unrelated", u(A, C, X, Y), u(B, D, Z, W), -1000, UuidRule.NONE));
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ruleTable(Case k) {
        PeerUuids peer = new PeerUuids(k.peer(), 0, k.peerFlags());
        UuidComparison r = UuidCompare.compare(k.self(), peer, k.ctx());
        assertEquals(k.hg(), r.hg(), "hg");
        assertEquals(k.rule(), r.rule(), "rule");
        assertEquals(k.fixedSelf() == null ? k.self() : k.fixedSelf(), r.self(), "corrected self");
        assertEquals(k.fixedPeer() == null ? k.peer() : k.fixedPeer(), r.peer().uuids(), "corrected peer copy");
        assertEquals("uuid_compare()=" + k.hg() + " by rule " + r.rule().loggedNumber(), r.summary());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void primaryBitIsIgnored(Case k) {
        UnaryOperator<GenerationUuids> setAll = g -> GenerationUuids.of(g.current() | 1, g.bitmap() | 1,
                g.history1() | 1, g.history2() | 1);
        UuidComparison plain = UuidCompare.compare(k.self(), new PeerUuids(k.peer(), 0, k.peerFlags()), k.ctx());
        UuidComparison flagged = UuidCompare.compare(setAll.apply(k.self()),
                new PeerUuids(setAll.apply(k.peer()), 0, k.peerFlags()), k.ctx());
        assertEquals(plain.hg(), flagged.hg(), "hg with bit 0 set everywhere");
        assertEquals(plain.rule(), flagged.rule(), "rule with bit 0 set everywhere");
    }

    @Test
    void everyRuleIsReachedByTheTable() {
        Set<UuidRule> reached = EnumSet.noneOf(UuidRule.class);
        cases().forEach(k -> reached.add(UuidCompare.compare(k.self(), new PeerUuids(k.peer(), 0, k.peerFlags()),
                k.ctx()).rule()));
        assertEquals(EnumSet.allOf(UuidRule.class), reached);
    }

    @Test
    void specialCodesHaveDrbdValues() {
        assertEquals(-0x10465, UuidCompare.HG_NEEDS_WSAME);
        assertEquals(-66661, UuidCompare.HG_NEEDS_WSAME);
        assertEquals(-1091, UuidCompare.HG_NEEDS_PROTOCOL_91);
        assertEquals(100, UuidRule.NONE.loggedNumber());
        assertEquals(UuidRule.LOST_SYNC_UUID_SELF, UuidRule.fromNumber(71));
    }

    @Test
    void correctionsAreLogged() {
        UuidComparison r = UuidCompare.compare(u(A, B, C, D), PeerUuids.of(u(A, 0, B, C)), ctx());
        assertEquals(1, r.log().size());
        assertEquals(LogLine.Level.INFO, r.log().get(0).level());
        assertEquals(true, r.log().get(0).text().startsWith("was SyncSource, missed the resync finished event"));
    }
}
