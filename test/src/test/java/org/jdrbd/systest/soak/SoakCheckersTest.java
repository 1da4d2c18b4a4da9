package org.jdrbd.systest.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: the soak's checkers fed by hand: Invariants with states DRBD allows and states it
 * never enters; the PrimaryTimeline with and without overlapping Primary intervals; an
 * EventsWatcher fed events2 lines where one state change spans several lines of one timestamp.
 * Expectation: each forbidden state is reported under the rule the table names (and the
 * statemachine's tables agree, S1/S2), allowed states give nothing; an overlap is reported, a
 * hand-over is not; the watcher checks only complete snapshots (a change half printed is not a
 * violation), but a bad complete snapshot and a restarted daemon that comes back Primary are.
 * Why: the soak passing means nothing unless these checkers can fail (negative controls).
 */
class SoakCheckersTest {

    static Stream<Arguments> states() {
        return Stream.of(
                // role, connection, peer role, disk, replication, peer-disk, rules expected
                Arguments.of(st("Primary", "Connected", "Secondary", "UpToDate", "Established", "UpToDate"), List.of()),
                Arguments.of(st("Secondary", "Connecting", "Unknown", "UpToDate", "Off", "DUnknown"), List.of()),
                Arguments.of(st("Primary", "Connecting", "Unknown", "UpToDate", "Off", "Outdated"), List.of()),
                Arguments.of(st("Secondary", "Connected", "Primary", "Inconsistent", "SyncTarget", "UpToDate"), List.of()),
                Arguments.of(st("Primary", "Connected", "Secondary", "UpToDate", "SyncSource", "Inconsistent"), List.of()),
                Arguments.of(st("Primary", "Connected", "Secondary", "UpToDate", "VerifyS", "UpToDate"), List.of()),
                Arguments.of(st("Primary", "Connected", "Primary", "UpToDate", "Established", "UpToDate"), List.of("O1", "S1")),
                Arguments.of(st("Primary", "Connecting", "Unknown", "Outdated", "Off", "DUnknown"), List.of("O2", "S1")),
                Arguments.of(st("Secondary", "Connected", "Primary", "Outdated", "SyncTarget", "UpToDate"), List.of("O4", "S2")),
                Arguments.of(st("Secondary", "Connected", "Primary", "Inconsistent", "SyncSource", "Inconsistent"),
                        List.of("O3", "O4", "S1", "S2")),
                Arguments.of(st("Secondary", "Connected", "Secondary", "UpToDate", "Established", "DUnknown"), List.of("O5", "S1")),
                Arguments.of(st("Secondary", "Connecting", "Primary", "UpToDate", "Off", "UpToDate"), List.of("O6", "S2")),
                Arguments.of(st("Secondary", "Connected", "Primary", "Outdated", "Established", "UpToDate"), List.of("O7", "S1", "S2")));
    }

    private static ObservedState st(String role, String conn, String peerRole, String disk, String repl, String pdsk) {
        return new ObservedState(role, conn, peerRole, disk, repl, pdsk);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("states")
    void invariantsNameTheRulesABadStateBreaks(ObservedState s, List<String> rules) {
        List<String> got = Invariants.violations(s).stream().map(v -> v.substring(0, v.indexOf(':'))).toList();
        assertThat(got).as(Invariants.violations(s).toString()).containsExactlyInAnyOrderElementsOf(rules);
    }

    @Test
    void overlappingPrimariesAreReportedAHandOverIsNot() {
        PrimaryTimeline handOver = new PrimaryTimeline();
        handOver.mark(100, "a", true, "promoted");
        handOver.mark(200, "a", false, "demoted");
        handOver.mark(201, "b", true, "promoted");
        handOver.mark(300, "b", false, "killed");
        handOver.mark(350, "a", true, "promoted");
        assertThat(handOver.overlaps()).isEmpty();

        PrimaryTimeline both = new PrimaryTimeline();
        both.mark(100, "a", true, "promoted");
        both.mark(150, "b", true, "promoted");
        both.mark(200, "a", false, "demoted");
        assertThat(both.overlaps()).hasSize(1).first().asString().startsWith("X1").contains("b (promoted)");
    }

    private static final String T1 = "2026-11-23T16:00:00.000001+00:00 ";
    private static final String T2 = "2026-11-23T16:00:00.000002+00:00 ";
    private static final String T3 = "2026-11-23T16:00:00.000003+00:00 ";

    private static EventsWatcher watcher(boolean restarted, PrimaryTimeline t) {
        return new EventsWatcher("a", 1, restarted, () -> "test", t);
    }

    @Test
    void watcherChecksWholeSnapshotsOnly() {
        PrimaryTimeline t = new PrimaryTimeline();
        EventsWatcher w = watcher(false, t);
        w.accept(T1 + "exists resource name:r0 role:Secondary suspended:no");
        w.accept(T1 + "exists connection name:r0 peer-node-id:1 conn-name:b connection:Connected role:Primary");
        w.accept(T1 + "exists device name:r0 volume:0 minor:0 disk:Outdated client:no");
        w.accept(T1 + "exists peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:WFBitMapT peer-disk:UpToDate");
        w.accept(T2 + "exists -");
        // One change in two lines: between them the state is SyncTarget with an Outdated disk.
        w.accept(T3 + "change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:SyncTarget peer-disk:UpToDate");
        w.accept(T3 + "change device name:r0 volume:0 minor:0 disk:Inconsistent client:no");
        w.streamEnded("");
        assertThat(w.violations()).isEmpty();
        assertThat(w.snapshots()).isEqualTo(2);
        assertThat(w.last().replication()).isEqualTo("SyncTarget");
        assertThat(w.replicationSeen()).containsEntry("WFBitMapT", 1).containsEntry("SyncTarget", 1);
    }

    @Test
    void watcherReportsABadSnapshotAndAPrimaryAfterRestart() {
        PrimaryTimeline t = new PrimaryTimeline();
        EventsWatcher w = watcher(true, t);
        w.accept(T1 + "exists resource name:r0 role:Primary suspended:no");
        w.accept(T1 + "exists connection name:r0 peer-node-id:1 conn-name:b connection:StandAlone role:Unknown");
        w.accept(T1 + "exists device name:r0 volume:0 minor:0 disk:Consistent client:no");
        w.accept(T1 + "exists peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Off peer-disk:DUnknown");
        w.accept(T2 + "exists -");
        w.streamEnded("");
        assertThat(w.violations()).extracting(EventsWatcher.Violation::rule)
                .anyMatch(r -> r.startsWith("R1")).anyMatch(r -> r.startsWith("O2"));
        assertThat(t.size()).isEqualTo(1);
    }
}
