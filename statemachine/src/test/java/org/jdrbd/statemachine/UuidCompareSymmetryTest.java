package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: seeded random pairs of UUID sets (drawn from a small pool so that slots collide and
 * every rule fires), random apv, features, roles, crash flags and RESOLVE_CONFLICTS; each pair is
 * compared from both ends (roles, crash flags and RC swapped).
 * Expectation: hg(a,b) = -hg(b,a) and the rules mirror (20<->30, 34<->35, 36<->37, 50<->70,
 * 51<->71, 60<->80, the rest to themselves). Documented exceptions: symmetric verdicts (100, -100,
 * -1000 and the protocol codes are the same from both ends); both currents 0 (rule 20 from both
 * ends); and ambiguous pairs where a "peer is ahead" rule (50/51/60) and a "self is ahead" rule
 * (70/71/80) both hold, where the rule order makes both ends pick "peer ahead". The correction
 * rules must correct the same node the same way from both ends. RC tie-breaks (rule 40 rct 3)
 * stay antisymmetric because exactly one end holds RC.
 * Why: a non-mirrored verdict would make both nodes SyncSource (or both SyncTarget).
 */
class UuidCompareSymmetryTest {

    private static final long P = 0x1111_2222_3333_4440L;
    private static final long Q = 0x5555_6666_7777_8880L;
    private static final long R = 0x7777_0000_9999_AAA0L;
    private static final long[] POOL = {0, Uuids.UUID_JUST_CREATED, P, Q, R, P + Uuids.UUID_NEW_BM_OFFSET,
        Q + Uuids.UUID_NEW_BM_OFFSET};
    private static final int[] APVS = {86, 90, 91, 95, 96, 100, 101};

    private static final Map<UuidRule, UuidRule> MIRROR = Map.ofEntries(
            Map.entry(UuidRule.JUST_CREATED_BOTH, UuidRule.JUST_CREATED_BOTH),
            Map.entry(UuidRule.JUST_CREATED_SELF, UuidRule.JUST_CREATED_PEER),
            Map.entry(UuidRule.JUST_CREATED_PEER, UuidRule.JUST_CREATED_SELF),
            Map.entry(UuidRule.SOURCE_MISSED_FINISH, UuidRule.PEER_SOURCE_MISSED_FINISH),
            Map.entry(UuidRule.PEER_SOURCE_MISSED_FINISH, UuidRule.SOURCE_MISSED_FINISH),
            Map.entry(UuidRule.SOURCE_BITMAP_ONLY_SELF, UuidRule.TARGET_BITMAP_ONLY_PEER),
            Map.entry(UuidRule.TARGET_BITMAP_ONLY_PEER, UuidRule.SOURCE_BITMAP_ONLY_SELF),
            Map.entry(UuidRule.RECONNECTED, UuidRule.RECONNECTED),
            Map.entry(UuidRule.CRASHED_PRIMARY_WITH_PRIMARY, UuidRule.CRASHED_PRIMARY_WITH_PRIMARY),
            Map.entry(UuidRule.BITMAP_PEER, UuidRule.BITMAP_SELF),
            Map.entry(UuidRule.BITMAP_SELF, UuidRule.BITMAP_PEER),
            Map.entry(UuidRule.LOST_SYNC_UUID_PEER, UuidRule.LOST_SYNC_UUID_SELF),
            Map.entry(UuidRule.LOST_SYNC_UUID_SELF, UuidRule.LOST_SYNC_UUID_PEER),
            Map.entry(UuidRule.HISTORY_PEER, UuidRule.HISTORY_SELF),
            Map.entry(UuidRule.HISTORY_SELF, UuidRule.HISTORY_PEER),
            Map.entry(UuidRule.SPLIT_BRAIN_BITMAP, UuidRule.SPLIT_BRAIN_BITMAP),
            Map.entry(UuidRule.SPLIT_BRAIN_HISTORY, UuidRule.SPLIT_BRAIN_HISTORY),
            Map.entry(UuidRule.NONE, UuidRule.NONE));

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 20240607, 0xD4BDL})
    void compareIsAntisymmetric(long seed) {
        Random rnd = new Random(seed);
        Set<UuidRule> seen = EnumSet.noneOf(UuidRule.class);
        int ambiguous = 0;
        for (int i = 0; i < 6000; i++) {
            GenerationUuids a = draw(rnd);
            GenerationUuids b = rnd.nextInt(4) == 0 ? related(a, rnd) : draw(rnd);
            boolean crashA = rnd.nextInt(4) == 0;
            boolean crashB = rnd.nextInt(4) == 0;
            UuidCompare.Context ctxA = new UuidCompare.Context(APVS[rnd.nextInt(APVS.length)],
                    rnd.nextBoolean() ? UuidCompare.FF_WSAME : 0, crashA, role(rnd), role(rnd), rnd.nextBoolean());
            UuidCompare.Context ctxB = ctxA.mirrored(crashB);
            UuidComparison ab = UuidCompare.compare(a, new PeerUuids(b, 0, crashB ? 2 : 0), ctxA);
            UuidComparison ba = UuidCompare.compare(b, new PeerUuids(a, 0, crashA ? 2 : 0), ctxB);
            String msg = "seed " + seed + " #" + i + " a=" + a + " b=" + b + " " + ctxA + " -> " + ab.hg() + "/"
                    + ab.rule() + " vs " + ba.hg() + "/" + ba.rule();
            seen.add(ab.rule());
            if (Uuids.masked(a.current()) == 0 && Uuids.masked(b.current()) == 0) {
                assertEquals(-2, ab.hg(), msg);
                assertEquals(-2, ba.hg(), msg);
                continue;
            }
            if (ambiguous(a, b, ctxA.agreedProtocol())) {
                ambiguous++;
                continue;
            }
            assertEquals(MIRROR.get(ab.rule()), ba.rule(), msg);
            if (symmetricVerdict(ab.hg())) {
                assertEquals(ab.hg(), ba.hg(), msg);
            } else {
                assertEquals(-ab.hg(), ba.hg(), msg);
            }
            assertEquals(ab.self(), ba.peer().uuids(), "a corrected alike from both ends: " + msg);
            assertEquals(ab.peer().uuids(), ba.self(), "b corrected alike from both ends: " + msg);
        }
        assertTrue(seen.size() >= 16, "generator too weak, rules seen: " + seen);
        assertTrue(ambiguous < 6000 / 2, "too many ambiguous pairs: " + ambiguous);
    }

    private static boolean symmetricVerdict(int hg) {
        return hg == 100 || hg == -100 || hg <= -1000;
    }

    /** Whether both a "peer ahead" (50/51/60) and a "self ahead" (70/71/80) condition hold. */
    private static boolean ambiguous(GenerationUuids a, GenerationUuids b, int apv) {
        return ahead(b, a, apv) && ahead(a, b, apv);
    }

    /** Rules 70/71/80 from x's view against y (x wrote on top of y's generation). */
    private static boolean ahead(GenerationUuids x, GenerationUuids y, int apv) {
        long yc = Uuids.masked(y.current());
        if (Uuids.masked(x.current()) == yc) {
            return false;
        }
        boolean r70 = Uuids.masked(x.bitmap()) == yc;
        boolean r71 = Uuids.masked(x.history1()) == yc && (apv < 96
                ? Uuids.masked(x.history2()) == Uuids.masked(y.history1())
                : Uuids.masked(x.history1()) + Uuids.UUID_NEW_BM_OFFSET == Uuids.masked(x.bitmap()));
        boolean r80 = Uuids.masked(x.history1()) == yc || Uuids.masked(x.history2()) == yc;
        return r70 || r71 || r80;
    }

    private static GenerationUuids draw(Random rnd) {
        return GenerationUuids.of(slot(rnd), rnd.nextInt(3) == 0 ? 0 : slot(rnd), slot(rnd), slot(rnd));
    }

    /** A set that shares structure with {@code a} (shifted slots), so the correction rules fire. */
    private static GenerationUuids related(GenerationUuids a, Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> GenerationUuids.of(a.current(), 0, a.bitmap(), a.history1());
            case 1 -> GenerationUuids.of(a.history1(), slot(rnd), a.history2(), slot(rnd));
            case 2 -> GenerationUuids.of(slot(rnd), a.current() + Uuids.UUID_NEW_BM_OFFSET, a.current(), slot(rnd));
            default -> GenerationUuids.of(a.current() | (rnd.nextBoolean() ? 1 : 0), slot(rnd), a.history1(),
                    a.history2());
        };
    }

    private static long slot(Random rnd) {
        return POOL[rnd.nextInt(POOL.length)] | (rnd.nextInt(4) == 0 ? 1 : 0);
    }

    private static Role role(Random rnd) {
        return rnd.nextBoolean() ? Role.PRIMARY : Role.SECONDARY;
    }
}
