package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.statemachine.TestStates.ctx;
import static org.jdrbd.statemachine.TestStates.st;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: one table row per rule of fact sheet §2.2 (is_valid_state), §2.3
 * (is_valid_soft_transition) and §2.4 (is_valid_transition), plus rows where several rules match.
 * Expectation: each row yields the SS_ code and the rule number the fact sheet gives; the first
 * matching row wins in §2.2 and §2.4, the last one in §2.3; every rule number is hit.
 * Why: these tables decide every refusal users see; a wrong precedence silently changes which
 * error (or none) is reported.
 */
class StateRulesTableTest {

    /** state | context | expected | rule. */
    private static final String VALID_STATE_ROWS = """
            role:Primary peer:Primary conn:Connected disk:UpToDate pdsk:UpToDate | - | SS_TWO_PRIMARIES | 1
            role:Primary peer:Primary conn:Connected disk:UpToDate pdsk:UpToDate | two-primaries | SS_SUCCESS | otherwise
            role:Primary peer:Primary conn:Connected disk:UpToDate pdsk:UpToDate | no-net | SS_SUCCESS | otherwise
            role:Primary peer:Primary conn:StandAlone disk:Diskless | - | SS_TWO_PRIMARIES | 1
            role:Primary peer:Primary conn:Connected disk:UpToDate pdsk:UpToDate | o-vol-peer-pri | SS_TWO_PRIMARIES | 1
            role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate | o-vol-peer-pri | SS_O_VOL_PEER_PRI | 1b
            role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate | o-vol-peer-pri two-primaries | SS_SUCCESS | otherwise
            role:Secondary conn:StandAlone disk:UpToDate | open | SS_DEVICE_IN_USE | 2
            role:Secondary conn:SyncTarget disk:Diskless pdsk:Diskless | open | SS_DEVICE_IN_USE | 2
            role:Primary conn:StandAlone disk:UpToDate | open | SS_SUCCESS | otherwise
            role:Primary conn:WFConnection disk:Consistent pdsk:DUnknown | - | SS_NO_UP_TO_DATE_DISK | 3
            role:Primary conn:WFConnection disk:Consistent pdsk:Outdated | - | SS_NO_UP_TO_DATE_DISK | 3
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | resource-only | SS_PRIMARY_NOP | 4
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | stonith | SS_PRIMARY_NOP | 4
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | - | SS_SUCCESS | otherwise
            role:Primary conn:WFConnection disk:UpToDate pdsk:Outdated | resource-only | SS_SUCCESS | otherwise
            role:Primary peer:Secondary conn:Connected disk:Inconsistent pdsk:Inconsistent | - | SS_NO_UP_TO_DATE_DISK | 5
            role:Primary peer:Secondary conn:Connected disk:Diskless pdsk:Failed | - | SS_NO_UP_TO_DATE_DISK | 5
            conn:SyncTarget disk:Failed pdsk:UpToDate | - | SS_NO_LOCAL_DISK | 6
            conn:SyncTarget disk:Diskless pdsk:Diskless | - | SS_NO_LOCAL_DISK | 6
            conn:SyncSource disk:UpToDate pdsk:Diskless | - | SS_NO_REMOTE_DISK | 7
            conn:SyncSource disk:Inconsistent pdsk:Inconsistent | - | SS_NO_UP_TO_DATE_DISK | 8
            conn:Connected disk:Outdated pdsk:UpToDate | - | SS_CONNECTED_OUTDATES | 9
            conn:WFBitMapS disk:Outdated pdsk:UpToDate | - | SS_CONNECTED_OUTDATES | 9
            conn:SyncSource disk:Outdated pdsk:UpToDate | - | SS_CONNECTED_OUTDATES | 9
            conn:PausedSyncS disk:Outdated pdsk:UpToDate | - | SS_CONNECTED_OUTDATES | 9
            conn:SyncSource disk:Outdated pdsk:Inconsistent | - | SS_NO_UP_TO_DATE_DISK | 8
            conn:WFBitMapT disk:Outdated pdsk:UpToDate | - | SS_SUCCESS | otherwise
            conn:VerifyS disk:UpToDate pdsk:UpToDate | apv=96 | SS_NO_VERIFY_ALG | 10
            conn:VerifyT disk:UpToDate pdsk:UpToDate | - | SS_NO_VERIFY_ALG | 10
            conn:VerifyS disk:UpToDate pdsk:UpToDate | verify-alg apv=87 | SS_NOT_SUPPORTED | 11
            conn:VerifyT disk:UpToDate pdsk:UpToDate | verify-alg apv=88 | SS_SUCCESS | otherwise
            role:Primary peer:Secondary conn:Connected disk:Consistent pdsk:Outdated | - | SS_NO_UP_TO_DATE_DISK | 12
            role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:Outdated | - | SS_SUCCESS | otherwise
            conn:StartingSyncS disk:UpToDate pdsk:DUnknown | - | SS_NEED_CONNECTION | 13
            conn:StartingSyncT disk:Inconsistent pdsk:DUnknown | - | SS_NO_UP_TO_DATE_DISK | 8
            conn:Connected disk:UpToDate pdsk:DUnknown | - | SS_CONNECTED_OUTDATES | 14
            conn:Behind disk:Inconsistent pdsk:DUnknown | - | SS_NO_UP_TO_DATE_DISK | 8
            conn:WFBitMapS disk:UpToDate pdsk:DUnknown | - | SS_CONNECTED_OUTDATES | 14
            conn:WFReportParams disk:UpToDate pdsk:DUnknown | - | SS_SUCCESS | otherwise
            role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate | - | SS_SUCCESS | otherwise
            """;

    /** old state | new state | context | expected | rule. */
    private static final String SOFT_ROWS = """
            conn:SyncSource disk:UpToDate pdsk:Inconsistent | conn:StartingSyncS disk:UpToDate pdsk:Inconsistent | - | SS_RESYNC_RUNNING | 1
            conn:Connected disk:UpToDate pdsk:UpToDate | conn:StartingSyncT disk:UpToDate pdsk:UpToDate | - | SS_SUCCESS | otherwise
            conn:StandAlone | conn:Disconnecting | - | SS_ALREADY_STANDALONE | 2
            disk:Diskless | disk:Inconsistent | - | SS_IS_DISKLESS | 3
            disk:Diskless | disk:Attaching | - | SS_SUCCESS | otherwise
            conn:StandAlone | conn:WFConnection | - | SS_NO_NET_CONFIG | 4
            conn:Unconnected | conn:WFConnection | - | SS_SUCCESS | otherwise
            disk:Inconsistent | disk:Outdated | - | SS_LOWER_THAN_OUTDATED | 5
            disk:Failed | disk:Outdated | - | SS_LOWER_THAN_OUTDATED | 5
            disk:Attaching | disk:Outdated | - | SS_SUCCESS | otherwise
            disk:UpToDate | disk:Outdated | - | SS_SUCCESS | otherwise
            conn:Unconnected | conn:Disconnecting | - | SS_IN_TRANSIENT_STATE | 6
            conn:WFReportParams | conn:WFConnection | state-sent | SS_IN_TRANSIENT_STATE | 7
            conn:WFConnection | conn:WFReportParams | state-sent | SS_SUCCESS | otherwise
            conn:WFReportParams | conn:Connected | state-sent | SS_SUCCESS | otherwise
            conn:WFReportParams | conn:SyncTarget | state-sent | SS_SUCCESS | otherwise
            conn:WFReportParams disk:UpToDate | conn:WFReportParams disk:Outdated | state-sent | SS_IN_TRANSIENT_STATE | 7
            role:Secondary conn:Connected disk:Inconsistent pdsk:UpToDate | role:Primary conn:Connected disk:Inconsistent pdsk:UpToDate | - | SS_IN_TRANSIENT_STATE | 8
            role:Secondary conn:WFReportParams disk:Consistent pdsk:UpToDate | role:Primary conn:SyncTarget disk:Consistent pdsk:UpToDate | - | SS_IN_TRANSIENT_STATE | 8
            role:Secondary conn:SyncTarget disk:Inconsistent pdsk:UpToDate | role:Primary conn:SyncTarget disk:Inconsistent pdsk:UpToDate | - | SS_SUCCESS | otherwise
            role:Primary conn:Connected disk:Consistent pdsk:UpToDate | role:Primary conn:Connected disk:Outdated pdsk:UpToDate | - | SS_SUCCESS | otherwise
            role:Secondary conn:Connected disk:Diskless pdsk:UpToDate | role:Primary conn:Connected disk:Diskless pdsk:UpToDate | - | SS_SUCCESS | otherwise
            conn:WFConnection | conn:VerifyS | - | SS_NEED_CONNECTION | 9
            conn:SyncSource | conn:VerifyS | - | SS_RESYNC_RUNNING | 10
            conn:VerifyT | conn:VerifyT | - | SS_SUCCESS | otherwise
            conn:Connected | conn:VerifyT | - | SS_SUCCESS | otherwise
            conn:WFConnection | conn:StartingSyncT | - | SS_NEED_CONNECTION | 11
            conn:WFConnection | conn:SyncTarget | - | SS_NEED_CONNECTION | 12
            conn:WFReportParams | conn:SyncSource | - | SS_SUCCESS | otherwise
            conn:WFConnection pdsk:DUnknown | conn:Disconnecting pdsk:Outdated | - | SS_OUTDATE_WO_CONN | 13
            conn:Connected pdsk:UpToDate | conn:Disconnecting pdsk:Outdated | - | SS_SUCCESS | otherwise
            conn:StandAlone disk:Diskless | conn:WFConnection disk:UpToDate | - | SS_NO_NET_CONFIG | 4
            conn:SyncSource disk:Diskless | conn:StartingSyncS disk:UpToDate | - | SS_IS_DISKLESS | 3
            conn:WFConnection disk:Diskless | conn:StartingSyncT disk:Inconsistent | - | SS_NEED_CONNECTION | 11
            conn:Unconnected | conn:Disconnecting | state-sent | SS_IN_TRANSIENT_STATE | 7
            conn:WFConnection pdsk:DUnknown | conn:Disconnecting pdsk:Outdated | state-sent | SS_OUTDATE_WO_CONN | 13
            conn:StandAlone disk:Inconsistent | conn:Disconnecting disk:Outdated | - | SS_LOWER_THAN_OUTDATED | 5
            conn:StandAlone disk:Inconsistent | conn:Disconnecting disk:Outdated | state-sent | SS_IN_TRANSIENT_STATE | 7
            """;

    /** old conn | new conn | old disk | new disk | expected | rule. */
    private static final String TRANSITION_ROWS = """
            Connected | Connected | UpToDate | UpToDate | SS_NOTHING_TO_DO | 1
            StandAlone | Disconnecting | Diskless | Diskless | SS_ALREADY_STANDALONE | 2
            StandAlone | WFConnection | Diskless | Diskless | SS_NEED_CONNECTION | 3
            StandAlone | Connected | Diskless | Diskless | SS_NEED_CONNECTION | 3
            StandAlone | Unconnected | Diskless | Diskless | SS_SUCCESS | 7
            WFConnection | Connected | UpToDate | UpToDate | SS_NEED_CONNECTION | 4
            Unconnected | SyncSource | UpToDate | UpToDate | SS_NEED_CONNECTION | 4
            WFConnection | WFReportParams | UpToDate | UpToDate | SS_SUCCESS | 7
            Timeout | WFConnection | UpToDate | UpToDate | SS_IN_TRANSIENT_STATE | 5
            TearDown | StandAlone | UpToDate | UpToDate | SS_IN_TRANSIENT_STATE | 5
            BrokenPipe | Unconnected | UpToDate | UpToDate | SS_SUCCESS | 7
            ProtocolError | Disconnecting | UpToDate | UpToDate | SS_SUCCESS | 7
            NetworkFailure | Connected | UpToDate | UpToDate | SS_NEED_CONNECTION | 4
            Disconnecting | Unconnected | UpToDate | UpToDate | SS_IN_TRANSIENT_STATE | 6
            Disconnecting | StandAlone | UpToDate | UpToDate | SS_SUCCESS | 7
            Connected | SyncTarget | UpToDate | UpToDate | SS_SUCCESS | 7
            Connected | Connected | Diskless | Failed | SS_IS_DISKLESS | disk
            StandAlone | WFConnection | Diskless | Failed | SS_IS_DISKLESS | disk
            Connected | Connected | Attaching | Failed | SS_NOTHING_TO_DO | 1
            """;

    static Stream<Arguments> validStateRows() {
        return rows(VALID_STATE_ROWS);
    }

    static Stream<Arguments> softRows() {
        return rows(SOFT_ROWS);
    }

    static Stream<Arguments> transitionRows() {
        return rows(TRANSITION_ROWS);
    }

    private static Stream<Arguments> rows(String table) {
        return table.lines().filter(l -> !l.isBlank())
                .map(l -> Arrays.stream(l.split("\\|")).map(String::trim).toArray(Object[]::new))
                .map(Arguments::of);
    }

    private static String c(String ctx) {
        return "-".equals(ctx) ? "" : ctx;
    }

    @ParameterizedTest(name = "[{index}] {0} / {1} -> {2} rule {3}")
    @MethodSource("validStateRows")
    void isValidStateRow(String state, String ctx, String rv, String rule) {
        Verdict v = StateRules.isValidState(st(state), ctx(c(ctx)));
        assertThat(v.rv()).as(v.describe()).isEqualTo(StateRv.valueOf(rv));
        assertThat(v.rule()).isEqualTo(rule);
        assertThat(v.check()).isEqualTo(Verdict.Check.VALID_STATE);
    }

    @ParameterizedTest(name = "[{index}] {0} => {1} / {2} -> {3} rule {4}")
    @MethodSource("softRows")
    void isValidSoftTransitionRow(String os, String ns, String ctx, String rv, String rule) {
        Verdict v = StateRules.isValidSoftTransition(st(os), st(ns), ctx(c(ctx)));
        assertThat(v.rv()).as(v.describe()).isEqualTo(StateRv.valueOf(rv));
        assertThat(v.rule()).isEqualTo(rule);
        assertThat(v.check()).isEqualTo(Verdict.Check.SOFT_TRANSITION);
    }

    @ParameterizedTest(name = "[{index}] {0}->{1} disk {2}->{3} = {4} rule {5}")
    @MethodSource("transitionRows")
    void isValidTransitionRow(String oc, String nc, String od, String nd, String rv, String rule) {
        State os = st("conn:" + oc + " disk:" + od);
        State ns = st("conn:" + nc + " disk:" + nd);
        Verdict v = StateRules.isValidTransition(os, ns);
        assertThat(v.rv()).as(v.describe()).isEqualTo(StateRv.valueOf(rv));
        assertThat(v.rule()).isEqualTo(rule);
    }

    @Test
    void everyValidStateRuleIsHit() {
        Set<String> hit = validStateRows().map(a -> StateRules.isValidState(
                st((String) a.get()[0]), ctx(c((String) a.get()[1]))).rule())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(hit).containsExactlyInAnyOrder("1", "1b", "2", "3", "4", "5", "6", "7", "8",
                "9", "10", "11", "12", "13", "14", Verdict.OTHERWISE);
    }

    @Test
    void everySoftRuleIsHit() {
        Set<String> hit = softRows().map(a -> StateRules.isValidSoftTransition(
                st((String) a.get()[0]), st((String) a.get()[1]), ctx(c((String) a.get()[2])))
                .rule()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(hit).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9",
                "10", "11", "12", "13", Verdict.OTHERWISE);
    }

    @Test
    void everyTransitionRuleIsHit() {
        Set<String> hit = transitionRows().map(a -> {
            Object[] r = a.get();
            return StateRules.isValidTransition(st("conn:" + r[0] + " disk:" + r[2]),
                    st("conn:" + r[1] + " disk:" + r[3])).rule();
        }).collect(Collectors.toCollection(TreeSet::new));
        assertThat(hit).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "disk");
    }

    @Test
    void verdictExplainsTheRefusal() {
        Verdict v = StateRules.isValidState(st("role:Primary conn:WFConnection disk:UpToDate"),
                ctx("resource-only"));
        assertThat(v.describe()).isEqualTo("SS_PRIMARY_NOP by is_valid_state rule 4 (§2.2): "
                + "Refusing to be Primary while peer is not outdated");
        assertThat(StateRules.isValidState(State.INITIAL, StateContext.DEFAULTS).describe())
                .isEqualTo("SS_SUCCESS by is_valid_state no rule matched (§2.2)");
    }
}
