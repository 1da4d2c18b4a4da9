package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.jdrbd.statemachine.AfterSbPolicy.Option;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: parse every drbd.conf word of after-sb-0pri/1pri/2pri and rr-conflict (fact sheet
 * §4.1), every policy under every option, discard-node-NAME on the named and the other host, and
 * the P_PROTOCOL compatibility check with swapped discard-local/remote.
 * Expectation: valid words map to the policy and wire value; a policy that makes no sense for its
 * option is a configuration error with the allowed words in the message; mismatched peers are
 * "incompatible X settings", both discard-my-data an error.
 * Why: STYLE.md rule 5 - nonsense policies must be refused at load time, not at split brain.
 */
class AfterSbPolicyTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "AFTER_SB_0PRI, disconnect, DISCONNECT, 0",
        "AFTER_SB_0PRI, discard-younger-primary, DISCARD_YOUNGER_PRIMARY, 1",
        "AFTER_SB_0PRI, discard-older-primary, DISCARD_OLDER_PRIMARY, 2",
        "AFTER_SB_0PRI, discard-zero-changes, DISCARD_ZERO_CHANGES, 3",
        "AFTER_SB_0PRI, discard-least-changes, DISCARD_LEAST_CHANGES, 4",
        "AFTER_SB_0PRI, discard-local, DISCARD_LOCAL, 5",
        "AFTER_SB_0PRI, discard-remote, DISCARD_REMOTE, 6",
        "AFTER_SB_1PRI, disconnect, DISCONNECT, 0",
        "AFTER_SB_1PRI, consensus, CONSENSUS, 7",
        "AFTER_SB_1PRI, discard-secondary, DISCARD_SECONDARY, 8",
        "AFTER_SB_1PRI, call-pri-lost-after-sb, CALL_HELPER, 9",
        "AFTER_SB_1PRI, violently-as0p, VIOLENTLY, 10",
        "AFTER_SB_2PRI, disconnect, DISCONNECT, 0",
        "AFTER_SB_2PRI, call-pri-lost-after-sb, CALL_HELPER, 9",
        "AFTER_SB_2PRI, violently-as0p, VIOLENTLY, 10",
        "RR_CONFLICT, disconnect, DISCONNECT, 0",
        "RR_CONFLICT, call-pri-lost, CALL_HELPER, 9",
        "RR_CONFLICT, violently, VIOLENTLY, 10"})
    void validWords(Option option, String word, AfterSbPolicy expected, int wire) {
        AfterSbPolicy.Parsed p = AfterSbPolicy.parse(option, word, "alpha");
        assertTrue(p.isOk(), p.error());
        assertEquals(expected, p.policy());
        assertEquals(wire, p.policy().wireValue());
        assertEquals(expected, AfterSbPolicy.fromWireValue(wire));
        assertEquals(word, expected.configName(option));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "AFTER_SB_0PRI, consensus",
        "AFTER_SB_0PRI, discard-secondary",
        "AFTER_SB_0PRI, call-pri-lost-after-sb",
        "AFTER_SB_0PRI, violently-as0p",
        "AFTER_SB_1PRI, discard-local",
        "AFTER_SB_1PRI, discard-least-changes",
        "AFTER_SB_1PRI, discard-node-alpha",
        "AFTER_SB_2PRI, consensus",
        "AFTER_SB_2PRI, discard-secondary",
        "AFTER_SB_2PRI, discard-zero-changes",
        "RR_CONFLICT, call-pri-lost-after-sb",
        "RR_CONFLICT, violently-as0p",
        "RR_CONFLICT, discard-remote",
        "AFTER_SB_0PRI, bogus"})
    void invalidWordsAreConfigErrors(Option option, String word) {
        AfterSbPolicy.Parsed p = AfterSbPolicy.parse(option, word, "alpha");
        assertFalse(p.isOk());
        assertNull(p.policy());
        assertTrue(p.error().contains("'" + word + "'") && p.error().contains(option.configName()), p.error());
        assertTrue(p.error().contains(AfterSbPolicy.allowedWords(option)), p.error());
    }

    @Test
    void everyPolicyUnderEveryOptionValidatesAsTheTableSays() {
        int allowedCount = 0;
        for (Option o : Option.values()) {
            for (AfterSbPolicy p : AfterSbPolicy.values()) {
                AfterSbPolicy.Parsed v = AfterSbPolicy.validate(o, p);
                boolean allowed = AfterSbPolicy.allowed(o).contains(p);
                assertEquals(allowed, v.isOk(), o + " " + p);
                assertEquals(allowed, p.configName(o) != null, o + " " + p);
                if (!allowed) {
                    assertTrue(v.error().contains("makes no sense for " + o.configName()), v.error());
                } else {
                    allowedCount++;
                }
            }
        }
        assertEquals(7 + 5 + 3 + 3, allowedCount);
        assertFalse(AfterSbPolicy.validate(Option.AFTER_SB_0PRI, null).isOk());
        assertEquals(EnumSet.of(AfterSbPolicy.DISCONNECT, AfterSbPolicy.CALL_HELPER, AfterSbPolicy.VIOLENTLY),
                AfterSbPolicy.allowed(Option.RR_CONFLICT));
    }

    @Test
    void discardNodeNameIsRewrittenPerHost() {
        assertEquals(AfterSbPolicy.DISCARD_LOCAL, AfterSbPolicy.parse(Option.AFTER_SB_0PRI, "discard-node-alpha",
                "alpha").policy());
        assertEquals(AfterSbPolicy.DISCARD_REMOTE, AfterSbPolicy.parse(Option.AFTER_SB_0PRI, "discard-node-alpha",
                "beta").policy());
        assertFalse(AfterSbPolicy.parse(Option.AFTER_SB_0PRI, "discard-node-", "alpha").isOk());
        assertFalse(AfterSbPolicy.resolveDiscardNode("alpha", "").isOk());
        assertFalse(AfterSbPolicy.parse(Option.AFTER_SB_0PRI, "", "alpha").isOk());
    }

    @Test
    void protocolCompatibility() {
        ProtocolCompat.Settings d = ProtocolCompat.Settings.defaults();
        assertTrue(ProtocolCompat.check(d, d).compatible());
        ProtocolCompat.Settings mine = settings(AfterSbPolicy.DISCARD_LOCAL, false);
        ProtocolCompat.Settings peerSwapped = settings(AfterSbPolicy.DISCARD_REMOTE, false);
        assertTrue(ProtocolCompat.check(mine, peerSwapped).compatible(), "discard-local here = discard-remote there");
        ProtocolCompat.Result same = ProtocolCompat.check(mine, mine);
        assertFalse(same.compatible());
        assertEquals("incompatible after-sb-0pri settings", same.message());
        ProtocolCompat.Result bothDiscard = ProtocolCompat.check(settings(AfterSbPolicy.DISCONNECT, true),
                settings(AfterSbPolicy.DISCONNECT, true));
        assertEquals("discard-my-data", bothDiscard.setting());
        assertTrue(ProtocolCompat.check(settings(AfterSbPolicy.DISCONNECT, true),
                settings(AfterSbPolicy.DISCONNECT, false)).compatible(), "one side discarding is fine");
        assertEquals("protocol", ProtocolCompat.check(d, new ProtocolCompat.Settings(1, d.afterSb0pri(),
                d.afterSb1pri(), d.afterSb2pri(), false, false, "")).setting());
        assertEquals("after-sb-1pri", ProtocolCompat.check(d, new ProtocolCompat.Settings(3, d.afterSb0pri(),
                AfterSbPolicy.CONSENSUS, d.afterSb2pri(), false, false, "")).setting());
        assertEquals("after-sb-2pri", ProtocolCompat.check(d, new ProtocolCompat.Settings(3, d.afterSb0pri(),
                d.afterSb1pri(), AfterSbPolicy.VIOLENTLY, false, false, "")).setting());
        assertEquals("allow-two-primaries", ProtocolCompat.check(d, new ProtocolCompat.Settings(3,
                d.afterSb0pri(), d.afterSb1pri(), d.afterSb2pri(), false, true, "")).setting());
        assertEquals("data-integrity-alg", ProtocolCompat.check(d, new ProtocolCompat.Settings(3,
                d.afterSb0pri(), d.afterSb1pri(), d.afterSb2pri(), false, false, "crc32c")).message()
                .replace("incompatible ", "").replace(" settings", ""));
    }

    private static ProtocolCompat.Settings settings(AfterSbPolicy p0, boolean discardMyData) {
        return new ProtocolCompat.Settings(3, p0, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT,
                discardMyData, false, null);
    }
}
