package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.statemachine.TestStates.ctx;
import static org.jdrbd.statemachine.TestStates.disk;
import static org.jdrbd.statemachine.TestStates.st;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: each step of sanitize_state (fact sheet §2.5) on a request that triggers it, and every
 * row of the clamp table against every disk/pdsk pair.
 * Expectation: the step's implication is applied, with exactly the warning DRBD logs; rows not
 * triggering a step leave the state alone; the clamp lowers silently and raises with a warning.
 * Why: sanitize runs before any validation, so a wrong implication changes which rule sees the
 * state (e.g. a lost pdsk that stays UpToDate would allow a promotion without fencing).
 */
class SanitizerTest {

    /** old | requested | context | expected sanitized | warnings ("-" = none, ";" separates). */
    private static final String STEP_ROWS = """
            conn:Connected peer:Secondary pdsk:UpToDate | conn:WFConnection peer:Secondary pdsk:UpToDate peer_isp | - | conn:WFConnection peer:Unknown pdsk:DUnknown | -
            conn:Connected pdsk:Outdated | conn:WFConnection pdsk:Outdated | - | conn:WFConnection pdsk:Outdated | -
            conn:Connected pdsk:Inconsistent | conn:WFConnection pdsk:Inconsistent | - | conn:WFConnection pdsk:Inconsistent | -
            conn:Connected pdsk:Consistent | conn:WFConnection pdsk:Consistent | - | conn:WFConnection pdsk:DUnknown | -
            conn:Connected pdsk:Diskless | conn:WFConnection pdsk:Diskless | - | conn:WFConnection pdsk:DUnknown | -
            conn:Connected pdsk:Failed | conn:StandAlone pdsk:Failed | - | conn:StandAlone pdsk:DUnknown | -
            conn:Connected peer:Secondary pdsk:UpToDate | conn:Connected peer:Secondary pdsk:UpToDate peer_isp | - | conn:Connected peer:Secondary pdsk:UpToDate peer_isp | -
            conn:StandAlone aftr_isp | conn:StandAlone disk:Diskless role:Secondary aftr_isp | - | conn:StandAlone disk:Diskless role:Secondary | -
            conn:StandAlone role:Primary aftr_isp | conn:StandAlone disk:Diskless role:Primary aftr_isp | - | conn:StandAlone disk:Diskless role:Primary aftr_isp | -
            conn:StandAlone disk:UpToDate aftr_isp | conn:StandAlone disk:UpToDate aftr_isp | - | conn:StandAlone disk:UpToDate aftr_isp | -
            conn:SyncSource disk:UpToDate pdsk:Inconsistent | conn:SyncSource disk:UpToDate pdsk:Failed | - | conn:Connected disk:UpToDate pdsk:Failed | Resync aborted.
            conn:SyncTarget disk:Inconsistent pdsk:UpToDate | conn:SyncTarget disk:Diskless pdsk:UpToDate | - | conn:Connected disk:Diskless pdsk:UpToDate | Resync aborted.
            conn:VerifyT disk:UpToDate pdsk:UpToDate | conn:VerifyT disk:Failed pdsk:UpToDate | - | conn:Connected disk:Failed pdsk:UpToDate | Online-verify aborted.
            conn:VerifyS disk:UpToDate pdsk:UpToDate | conn:VerifyS disk:UpToDate pdsk:Diskless | - | conn:Connected disk:UpToDate pdsk:Diskless | Online-verify aborted.
            conn:Connected disk:Negotiating pdsk:UpToDate | conn:WFConnection disk:Negotiating pdsk:UpToDate | attach=Consistent/Outdated/match | conn:WFConnection disk:Consistent pdsk:Outdated | -
            conn:Connected disk:Negotiating pdsk:UpToDate | conn:WFConnection disk:Negotiating pdsk:UpToDate | attach=UpToDate/UpToDate/match | conn:WFConnection disk:UpToDate pdsk:DUnknown | -
            conn:Connected disk:Negotiating pdsk:UpToDate | conn:WFConnection disk:Negotiating pdsk:UpToDate | attach=Consistent/Outdated/nomatch | conn:WFConnection disk:Diskless pdsk:DUnknown | Connection lost while negotiating, no data!
            conn:Connected disk:Negotiating pdsk:UpToDate | conn:Connected disk:Negotiating pdsk:UpToDate | - | conn:Connected disk:Negotiating pdsk:UpToDate | -
            conn:Connected disk:UpToDate pdsk:UpToDate | conn:Connected disk:Consistent pdsk:Outdated | - | conn:Connected disk:UpToDate pdsk:UpToDate | -
            conn:Connected disk:UpToDate pdsk:UpToDate | conn:Connected disk:Outdated pdsk:Consistent | - | conn:Connected disk:UpToDate pdsk:UpToDate | -
            conn:Ahead disk:UpToDate pdsk:Outdated | conn:Ahead disk:UpToDate pdsk:Outdated | - | conn:Ahead disk:UpToDate pdsk:Outdated | -
            conn:Connected | conn:Behind disk:Consistent pdsk:UpToDate | - | conn:Behind disk:Outdated pdsk:UpToDate | -
            conn:Connected | conn:WFBitMapT disk:Consistent pdsk:Outdated | - | conn:WFBitMapT disk:Outdated pdsk:UpToDate | -
            conn:Connected | conn:WFBitMapT disk:Consistent pdsk:Inconsistent | - | conn:WFBitMapT disk:Outdated pdsk:UpToDate | Implicitly upgraded pdsk
            conn:Connected | conn:SyncSource disk:Inconsistent pdsk:Inconsistent | - | conn:SyncSource disk:UpToDate pdsk:Inconsistent | Implicitly upgraded disk
            conn:Connected | conn:SyncTarget disk:Negotiating pdsk:Inconsistent | - | conn:SyncTarget disk:Inconsistent pdsk:UpToDate | Implicitly upgraded disk;Implicitly upgraded pdsk
            conn:Connected | conn:VerifyS disk:UpToDate pdsk:UpToDate | - | conn:VerifyS disk:UpToDate pdsk:UpToDate | -
            role:Primary conn:Connected disk:UpToDate pdsk:UpToDate | role:Primary conn:NetworkFailure disk:UpToDate pdsk:UpToDate | stonith | role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown susp_fen | -
            role:Primary conn:Connected disk:UpToDate pdsk:UpToDate | role:Primary conn:NetworkFailure disk:UpToDate pdsk:UpToDate | resource-only | role:Primary conn:NetworkFailure disk:UpToDate pdsk:DUnknown | -
            role:Primary conn:Connected disk:UpToDate pdsk:Outdated | role:Primary conn:NetworkFailure disk:UpToDate pdsk:Outdated | stonith | role:Primary conn:NetworkFailure disk:UpToDate pdsk:Outdated | -
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | role:Primary conn:Unconnected disk:UpToDate pdsk:DUnknown | stonith | role:Primary conn:Unconnected disk:UpToDate pdsk:DUnknown | -
            role:Secondary conn:Connected disk:UpToDate pdsk:UpToDate | role:Secondary conn:NetworkFailure disk:UpToDate pdsk:UpToDate | stonith | conn:NetworkFailure disk:UpToDate pdsk:DUnknown | -
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | role:Primary conn:WFConnection disk:Failed pdsk:DUnknown | suspend-io | role:Primary conn:WFConnection disk:Failed pdsk:DUnknown susp_nod | -
            role:Primary conn:WFConnection disk:UpToDate pdsk:DUnknown | role:Primary conn:WFConnection disk:Failed pdsk:DUnknown | - | role:Primary conn:WFConnection disk:Failed pdsk:DUnknown | -
            role:Primary conn:WFConnection disk:Failed pdsk:DUnknown | role:Primary conn:WFConnection disk:Diskless pdsk:DUnknown | suspend-io | role:Primary conn:WFConnection disk:Diskless pdsk:DUnknown | -
            role:Primary peer:Secondary conn:Connected disk:UpToDate pdsk:UpToDate | role:Primary peer:Secondary conn:Connected disk:Failed pdsk:UpToDate | suspend-io | role:Primary peer:Secondary conn:Connected disk:Failed pdsk:UpToDate | -
            conn:Connected | conn:SyncSource disk:UpToDate pdsk:Inconsistent user_isp | - | conn:PausedSyncS disk:UpToDate pdsk:Inconsistent user_isp | -
            conn:Connected | conn:SyncTarget disk:Inconsistent pdsk:UpToDate peer_isp | - | conn:PausedSyncT disk:Inconsistent pdsk:UpToDate peer_isp | -
            conn:Connected | conn:SyncTarget disk:Inconsistent pdsk:UpToDate aftr_isp | - | conn:PausedSyncT disk:Inconsistent pdsk:UpToDate aftr_isp | -
            conn:PausedSyncS user_isp | conn:PausedSyncS disk:UpToDate pdsk:Inconsistent | - | conn:SyncSource disk:UpToDate pdsk:Inconsistent | -
            conn:PausedSyncT user_isp | conn:PausedSyncT disk:Inconsistent pdsk:UpToDate | - | conn:SyncTarget disk:Inconsistent pdsk:UpToDate | -
            conn:PausedSyncT | conn:PausedSyncT disk:Outdated pdsk:UpToDate | - | conn:SyncTarget disk:Outdated pdsk:UpToDate | -
            """;

    /** The clamp table of §2.5 step 6, written out independently of the implementation. */
    private static final String CLAMP_TABLE = """
            WFBitMapT PausedSyncT StartingSyncT WFSyncUUID Behind | Inconsistent Outdated UpToDate UpToDate
            VerifyS VerifyT | UpToDate UpToDate UpToDate UpToDate
            Connected | Diskless UpToDate Diskless UpToDate
            WFBitMapS PausedSyncS StartingSyncS Ahead | UpToDate UpToDate Inconsistent Consistent
            SyncTarget | Inconsistent Inconsistent UpToDate UpToDate
            SyncSource | UpToDate UpToDate Inconsistent Inconsistent
            StandAlone Disconnecting Unconnected Timeout BrokenPipe NetworkFailure ProtocolError TearDown WFConnection WFReportParams | Diskless UpToDate Inconsistent DUnknown
            """;

    static Stream<Arguments> stepRows() {
        return STEP_ROWS.lines().filter(l -> !l.isBlank())
                .map(l -> Arguments.of(Arrays.stream(l.split("\\|")).map(String::trim)
                        .toArray(Object[]::new)));
    }

    @ParameterizedTest(name = "[{index}] {1} / {2} -> {3}")
    @MethodSource("stepRows")
    void sanitizeStep(String os, String ns, String ctx, String expected, String warnings) {
        Sanitizer.Result r = Sanitizer.sanitize(st(os), st(ns), ctx("-".equals(ctx) ? "" : ctx));
        assertThat(r.state()).isEqualTo(st(expected));
        List<String> want = "-".equals(warnings) ? List.of() : List.of(warnings.split(";"));
        assertThat(r.warnings()).containsExactlyElementsOf(want);
    }

    /** One row per conn of CLAMP_TABLE: conn name -> {diskMin, diskMax, pdskMin, pdskMax}. */
    static Stream<Arguments> clampRows() {
        List<Arguments> out = new ArrayList<>();
        for (String line : CLAMP_TABLE.lines().filter(l -> !l.isBlank()).toList()) {
            String[] parts = line.split("\\|");
            String[] bounds = parts[1].trim().split("\\s+");
            for (String conn : parts[0].trim().split("\\s+")) {
                out.add(Arguments.of(conn, bounds[0], bounds[1], bounds[2], bounds[3]));
            }
        }
        return out.stream();
    }

    @Test
    void clampTableCoversEveryConnStateOnce() {
        List<String> conns = clampRows().map(a -> (String) a.get()[0]).toList();
        assertThat(conns).doesNotHaveDuplicates().hasSize(ConnState.values().length);
    }

    @ParameterizedTest(name = "clamp row {0}: disk {1}..{2} pdsk {3}..{4}")
    @MethodSource("clampRows")
    void clampRowOverEveryDiskPair(String conn, String dMin, String dMax, String pMin,
            String pMax) {
        ConnState c = TestStates.conn(conn);
        for (DiskState d : DiskState.values()) {
            for (DiskState p : DiskState.values()) {
                State in = State.INITIAL.withConn(c).withDisk(d).withPdsk(p);
                List<String> warnings = new ArrayList<>();
                State out = Sanitizer.clamp(in, warnings);
                DiskState wantDisk = bound(d, disk(dMin), disk(dMax));
                DiskState wantPdsk = bound(p, disk(pMin), disk(pMax));
                assertThat(out).as("%s", in).isEqualTo(in.withDisk(wantDisk).withPdsk(wantPdsk));
                List<String> wantWarn = new ArrayList<>();
                if (d.lt(disk(dMin))) {
                    wantWarn.add(Sanitizer.UPGRADED_DISK);
                }
                if (p.lt(disk(pMin))) {
                    wantWarn.add(Sanitizer.UPGRADED_PDSK);
                }
                assertThat(warnings).as("%s", in).containsExactlyElementsOf(wantWarn);
            }
        }
        assertThat(Sanitizer.clampRow(c)).isEqualTo(new Sanitizer.ClampRow(disk(dMin),
                disk(dMax), disk(pMin), disk(pMax)));
    }

    private static DiskState bound(DiskState v, DiskState min, DiskState max) {
        DiskState lowered = v.compareTo(max) > 0 ? max : v;
        return lowered.compareTo(min) < 0 ? min : lowered;
    }

    @Test
    void warningsAreOnlyReportedForCommittedChanges() {
        // A refused change (SS_IS_DISKLESS by the disk override) must not log "Resync aborted.".
        State os = st("conn:SyncSource disk:Diskless pdsk:Inconsistent");
        State ns = os.withDisk(DiskState.FAILED);
        assertThat(Sanitizer.sanitize(os, ns, StateContext.DEFAULTS).warnings())
                .containsExactly(Sanitizer.RESYNC_ABORTED);
        Transition t = StateChange.propose(os, ns, StateContext.DEFAULTS, ChangeFlag.FORCED);
        assertThat(t.committed()).isFalse();
        assertThat(t.rv()).isEqualTo(StateRv.SS_IS_DISKLESS);
        assertThat(t.warnings()).isEmpty();
    }
}
