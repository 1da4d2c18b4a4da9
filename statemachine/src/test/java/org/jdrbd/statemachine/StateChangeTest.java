package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.statemachine.TestStates.ctx;
import static org.jdrbd.statemachine.TestStates.st;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/*
 * Scenario: requests through the whole pipeline of fact sheet §2.6 (sanitize, transition limits,
 * state and soft rules unless CS_HARD, commit, effects), DRBD's mask/val requests and the
 * cluster-wide predicate of §1.6.
 * Expectation: each step decides in its turn and names its rule; refused changes keep the old
 * state and have no effects; CS_HARD skips the state/soft rules and, faithful to DRBD, reports
 * SS_NOTHING_TO_DO for a committed change that kept conn.
 * Why: the pipeline order is what makes e.g. a disk failure always applicable while an admin
 * promotion without good data is refused.
 */
class StateChangeTest {

    private static final StateContext DEF = StateContext.DEFAULTS;

    @Test
    void unchangedAfterSanitizeIsNothingToDo() {
        State os = st("conn:StandAlone disk:UpToDate");
        // A peer role without a connection is sanitized away: nothing remains to change.
        Transition t = StateChange.propose(os, os.withPeer(Role.SECONDARY), DEF, ChangeFlag.NONE);
        assertThat(t.rv()).isEqualTo(StateRv.SS_NOTHING_TO_DO);
        assertThat(t.verdict().check()).isEqualTo(Verdict.Check.PIPELINE);
        assertThat(t.committed()).isFalse();
        assertThat(t.isSuccess()).isTrue();
        assertThat(t.after()).isEqualTo(os);
        assertThat(t.effects()).isEmpty();
    }

    @Test
    void hardLimitsApplyEvenToHardChanges() {
        State os = st("conn:StandAlone disk:UpToDate");
        Transition t = StateChange.propose(os, os.withConn(ConnState.WF_CONNECTION), DEF,
                ChangeFlag.FORCED);
        assertThat(t.rv()).isEqualTo(StateRv.SS_NEED_CONNECTION);
        assertThat(t.verdict()).isEqualTo(new Verdict(StateRv.SS_NEED_CONNECTION,
                Verdict.Check.TRANSITION, "3"));
        assertThat(t.committed()).isFalse();
        assertThat(t.after()).isEqualTo(os);
    }

    @Test
    void promotionWithoutUpToDateDataIsRefusedByValidState() {
        State os = st("conn:StandAlone disk:Consistent");
        Transition t = StateChange.propose(os, os.withRole(Role.PRIMARY), DEF, ChangeFlag.ORDERED);
        assertThat(t.verdict()).isEqualTo(new Verdict(StateRv.SS_NO_UP_TO_DATE_DISK,
                Verdict.Check.VALID_STATE, "3"));
        assertThat(t.committed()).isFalse();
        assertThat(t.effects()).isEmpty();
    }

    @Test
    void hardChangeKeepingConnIsCommittedWithNothingToDo() {
        // Faithful to DRBD (§2.6 note): rv stays SS_NOTHING_TO_DO from is_valid_transition.
        State os = st("conn:StandAlone disk:Consistent");
        Transition t = StateChange.propose(os, os.withRole(Role.PRIMARY), DEF,
                Set.of(ChangeFlag.HARD));
        assertThat(t.committed()).isTrue();
        assertThat(t.rv()).isEqualTo(StateRv.SS_NOTHING_TO_DO);
        assertThat(t.verdict().rule()).isEqualTo("1");
        assertThat(t.after().role()).isEqualTo(Role.PRIMARY);
        assertThat(t.effects()).contains(new Effect.RunHandler(HandlerName.PRI_ON_INCON_DEGR));
    }

    @Test
    void hardChangeOfConnReportsSuccess() {
        State os = st("role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate");
        Transition t = StateChange.propose(os, os.withConn(ConnState.NETWORK_FAILURE), DEF,
                ChangeFlag.FORCED);
        assertThat(t.committed()).isTrue();
        assertThat(t.rv()).isEqualTo(StateRv.SS_SUCCESS);
        assertThat(t.after()).isEqualTo(
                st("role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown"));
        assertThat(t.changeLog()).isEqualTo(
                "peer( Secondary -> Unknown ) conn( Connected -> NetworkFailure ) "
                        + "pdsk( UpToDate -> DUnknown )");
    }

    @Test
    void stateAlreadyInvalidTheSameWayMayStillChange() {
        // Primary on Consistent data while StandAlone is invalid (rule 3); suspending IO keeps it
        // invalid the same way, so only the soft rules decide.
        State os = st("role:Primary conn:StandAlone disk:Consistent");
        assertThat(StateRules.isValidState(os, DEF).rule()).isEqualTo("3");
        Transition t = StateChange.propose(os, os.withSusp(true), DEF, ChangeFlag.NONE);
        assertThat(t.committed()).isTrue();
        assertThat(t.rv()).isEqualTo(StateRv.SS_SUCCESS);
        assertThat(t.verdict().check()).isEqualTo(Verdict.Check.SOFT_TRANSITION);
    }

    @Test
    void stateInvalidDifferentlyThanBeforeIsRefused() {
        State os = st("role:Primary conn:StandAlone disk:Consistent");
        Transition t = StateChange.propose(os, os.withRole(Role.SECONDARY), ctx("open"),
                ChangeFlag.NONE);
        assertThat(t.verdict()).isEqualTo(new Verdict(StateRv.SS_DEVICE_IN_USE,
                Verdict.Check.VALID_STATE, "2"));
        assertThat(t.committed()).isFalse();
    }

    @Test
    void softRuleRefusesPromotionDuringHandshake() {
        State os = st("peer:Secondary conn:Connected disk:Inconsistent pdsk:UpToDate");
        Transition t = StateChange.propose(os, os.withRole(Role.PRIMARY), DEF, ChangeFlag.NONE);
        assertThat(t.verdict()).isEqualTo(new Verdict(StateRv.SS_IN_TRANSIENT_STATE,
                Verdict.Check.SOFT_TRANSITION, "8"));
        Transition hard = StateChange.propose(os, os.withRole(Role.PRIMARY), DEF,
                Set.of(ChangeFlag.HARD));
        assertThat(hard.committed()).isTrue();
    }

    @Test
    void committedChangeUpdatesMetaFlagsFirst() {
        State os = st("peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate");
        Transition t = StateChange.propose(os, os.withRole(Role.PRIMARY), ctx("crashed-primary"),
                ChangeFlag.NONE);
        assertThat(t.rv()).isEqualTo(StateRv.SS_SUCCESS);
        assertThat(t.effects()).containsExactly(new Effect.UpdateMetaFlags(
                MetaFlags.MDF_PRIMARY_IND | MetaFlags.MDF_CONNECTED_IND | MetaFlags.MDF_CONSISTENT
                        | MetaFlags.MDF_WAS_UP_TO_DATE | MetaFlags.MDF_CRASHED_PRIMARY,
                MetaFlags.STATE_DERIVED));
    }

    @Test
    void disklessNodeHasNoMetaDataToUpdate() {
        State os = st("peer:Secondary conn:Connected disk:Diskless pdsk:UpToDate");
        Transition t = StateChange.propose(os, os.withRole(Role.PRIMARY), DEF, ChangeFlag.NONE);
        assertThat(t.committed()).isTrue();
        assertThat(t.effects()).noneMatch(e -> e instanceof Effect.UpdateMetaFlags);
    }

    @Test
    void sanitizeWarningsAreReportedWithTheCommit() {
        State os = st("peer:Secondary conn:SyncSource disk:UpToDate pdsk:Inconsistent");
        Transition t = StateChange.propose(os, os.withPdsk(DiskState.DISKLESS), DEF,
                ChangeFlag.FORCED);
        assertThat(t.committed()).isTrue();
        assertThat(t.after().conn()).isEqualTo(ConnState.CONNECTED);
        assertThat(t.warnings()).containsExactly(Sanitizer.RESYNC_ABORTED);
    }

    @Test
    void maskValRequestPromotes() {
        State os = st("peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate");
        Optional<Transition> t = StateChange.proposeMaskVal(os, StateWord.ROLE_MASK,
                Role.PRIMARY.code(), DEF, ChangeFlag.ORDERED);
        assertThat(t).hasValueSatisfying(tr -> {
            assertThat(tr.committed()).isTrue();
            assertThat(tr.after()).isEqualTo(os.withRole(Role.PRIMARY));
        });
    }

    @Test
    void maskValRequestWithNoStateIsRejected() {
        Optional<Transition> t = StateChange.proposeMaskVal(State.INITIAL, StateWord.CONN_MASK,
                ConnState.MASK_CODE << StateWord.CONN_SHIFT, DEF, ChangeFlag.NONE);
        assertThat(t).isEmpty();
    }

    @Test
    void clusterWideClauses() {
        State conn = st("peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate");
        assertThat(ClusterWidePredicate.reason(conn, conn.withRole(Role.PRIMARY)))
                .contains("promotion while connected");
        assertThat(ClusterWidePredicate.reason(conn, conn.withConn(ConnState.STARTING_SYNC_T)))
                .contains("entering StartingSyncT");
        assertThat(ClusterWidePredicate.reason(conn, conn.withConn(ConnState.STARTING_SYNC_S)))
                .contains("entering StartingSyncS");
        assertThat(ClusterWidePredicate.reason(conn, conn.withDisk(DiskState.FAILED)))
                .contains("disk failing while connected");
        assertThat(ClusterWidePredicate.reason(conn.withConn(ConnState.SYNC_SOURCE),
                conn.withConn(ConnState.DISCONNECTING))).contains("disconnecting while connected");
        assertThat(ClusterWidePredicate.reason(conn, conn.withConn(ConnState.VERIFY_S)))
                .contains("starting online verify");
        assertThat(ClusterWidePredicate.reason(conn, conn.withConn(ConnState.WF_REPORT_PARAMS)))
                .contains("Connected -> WFReportParams");
        // Not cluster-wide: demotion, verify as the answering side, promotion while unconnected.
        State primary = conn.withRole(Role.PRIMARY);
        assertThat(ClusterWidePredicate.requiresClusterWide(primary, conn)).isFalse();
        assertThat(ClusterWidePredicate.requiresClusterWide(conn,
                conn.withConn(ConnState.VERIFY_T))).isFalse();
        State alone = st("conn:WFConnection disk:UpToDate");
        assertThat(ClusterWidePredicate.requiresClusterWide(alone,
                alone.withRole(Role.PRIMARY))).isFalse();
        assertThat(ClusterWidePredicate.requiresClusterWide(conn.withConn(ConnState.SYNC_SOURCE),
                conn.withConn(ConnState.STARTING_SYNC_S))).isTrue();
        assertThat(StateChange.requiresClusterWide(conn, primary,
                EnumSet.of(ChangeFlag.LOCAL_ONLY))).isFalse();
        assertThat(StateChange.requiresClusterWide(conn, primary, ChangeFlag.ORDERED)).isTrue();
    }

    @Test
    void metaFlagsFollowTheCommittedState() {
        assertThat(MetaFlags.derive(st("conn:StandAlone disk:Inconsistent"), false)).isZero();
        assertThat(MetaFlags.derive(st("conn:StandAlone disk:Outdated pdsk:Outdated"), false))
                .isEqualTo(MetaFlags.MDF_CONSISTENT | MetaFlags.MDF_PEER_OUT_DATED);
        assertThat(MetaFlags.derive(st("peer:Primary conn:Connected disk:UpToDate "
                + "pdsk:Diskless"), false)).isEqualTo(MetaFlags.MDF_PRIMARY_IND
                        | MetaFlags.MDF_CONNECTED_IND | MetaFlags.MDF_CONSISTENT
                        | MetaFlags.MDF_WAS_UP_TO_DATE);
        assertThat(MetaFlags.derive(st("conn:WFReportParams disk:Consistent pdsk:Inconsistent"),
                false)).isEqualTo(MetaFlags.MDF_CONSISTENT | MetaFlags.MDF_WAS_UP_TO_DATE
                        | MetaFlags.MDF_PEER_OUT_DATED);
        Effect.UpdateMetaFlags u = MetaFlags.update(st("conn:StandAlone disk:Inconsistent"),
                false);
        // Bits outside the state-derived set (AL_CLEAN, FULL_SYNC) survive the update.
        assertThat(u.applyTo(0xff)).isEqualTo(MetaFlags.MDF_AL_CLEAN | MetaFlags.MDF_FULL_SYNC);
        assertThat(MetaFlags.describe(0x91)).isEqualTo("CONSISTENT|WAS_UP_TO_DATE|AL_CLEAN");
        assertThat(new int[] {MetaFlags.MDF_CONSISTENT, MetaFlags.MDF_PRIMARY_IND,
            MetaFlags.MDF_CONNECTED_IND, MetaFlags.MDF_FULL_SYNC, MetaFlags.MDF_WAS_UP_TO_DATE,
            MetaFlags.MDF_PEER_OUT_DATED, MetaFlags.MDF_CRASHED_PRIMARY, MetaFlags.MDF_AL_CLEAN,
            MetaFlags.MDF_AL_DISABLED})
                .containsExactly(0x1, 0x2, 0x4, 0x8, 0x10, 0x20, 0x40, 0x80, 0x100);
    }
}
