package org.jdrbd.daemon.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.SplitBrainSummary;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.api.Test;

/*
 * Scenario: the metrics endpoint's status source reports resources in chosen states (a Primary
 * resyncing as SyncSource with 8 MiB out of sync, a StandAlone volume that met a split brain, a
 * resource without a peer), is scraped, the states change, a volume disappears, and it is scraped
 * again.
 * Expectation: the state gauges the alert rules in docs/monitoring.md use exist under exactly
 * those names and labels, show 1 for the current state and 0 for the others, follow the change,
 * count a split-brain report once however often it is scraped, and vanish with their volume.
 * Why: an alert rule that names a metric or label that is not there never fires; operators find
 * out during the outage it was meant to announce.
 */
class StateMetricsTest {
    private static final String PD = "{conn_name=\"peer-1\",";

    private final AtomicReference<List<ResourceStatus>> status = new AtomicReference<>(List.of());
    private final DaemonMetrics metrics = new DaemonMetrics();

    StateMetricsTest() {
        metrics.watch(() -> Future.succeededFuture(status.get()));
    }

    private String scrape() {
        Future<String> f = metrics.scrapeFresh();
        assertThat(f.succeeded()).isTrue();
        return f.result();
    }

    private static State state(Role role, ConnState conn, DiskState disk, DiskState pdsk) {
        return State.INITIAL.withRole(role).withConn(conn).withDisk(disk).withPdsk(pdsk);
    }

    private static VolumeStatus volume(int vnr, int minor, State s, long oosBits, SplitBrainSummary sb) {
        return new VolumeStatus(vnr, minor, s, "/dev/x", 1L << 30, 0x1234, oosBits, sb);
    }

    private static final SplitBrainSummary SPLIT = new SplitBrainSummary(100, "no automatic recovery",
            "none", 10, 20, 0);

    @Test
    void gaugesFollowTheStatus() {
        status.set(List.of(
                new ResourceStatus("r0", 0, 1, List.of(volume(0, 4, state(Role.PRIMARY,
                        ConnState.SYNC_SOURCE, DiskState.UP_TO_DATE, DiskState.INCONSISTENT), 2048, null))),
                new ResourceStatus("r1", 0, 1, List.of(volume(0, 5, state(Role.SECONDARY,
                        ConnState.STANDALONE, DiskState.UP_TO_DATE, DiskState.UNKNOWN), 16, SPLIT))),
                new ResourceStatus("solo", 0, -1, List.of(volume(0, 6, state(Role.SECONDARY,
                        ConnState.STANDALONE, DiskState.UP_TO_DATE, DiskState.UNKNOWN), 0, null)))));
        String text = scrape();
        assertThat(text)
                .contains("drbd_resource_role{drbd_role=\"Primary\",name=\"r0\"} 1.0")
                .contains("drbd_resource_role{drbd_role=\"Secondary\",name=\"r0\"} 0.0")
                .contains("drbd_connection_state{conn_name=\"peer-1\",drbd_connection_state=\"Connected\",name=\"r0\"} 1.0")
                .contains("drbd_connection_state{conn_name=\"peer-1\",drbd_connection_state=\"StandAlone\",name=\"r1\"} 1.0")
                .contains("drbd_device_state{drbd_disk_state=\"UpToDate\",minor=\"4\",name=\"r0\",volume=\"0\"} 1.0")
                .contains("drbd_device_size_bytes{minor=\"4\",name=\"r0\",volume=\"0\"} 1.073741824E9")
                .contains("drbd_peerdevice_replication_state" + PD
                        + "drbd_replication_state=\"SyncSource\",name=\"r0\",volume=\"0\"} 1.0")
                .contains("drbd_peerdevice_replication_state" + PD
                        + "drbd_replication_state=\"Established\",name=\"r0\",volume=\"0\"} 0.0")
                .contains("drbd_peerdevice_peer_disk_state" + PD
                        + "drbd_disk_state=\"Inconsistent\",name=\"r0\",volume=\"0\"} 1.0")
                .contains("drbd_peerdevice_peer_disk_state" + PD
                        + "drbd_disk_state=\"UpToDate\",name=\"r0\",volume=\"0\"} 0.0")
                .contains("drbd_peerdevice_outofsync_bytes" + PD + "name=\"r0\",volume=\"0\"} 8388608.0")
                .contains("drbd_peerdevice_split_brain" + PD + "name=\"r0\",volume=\"0\"} 0.0")
                .contains("drbd_peerdevice_split_brain" + PD + "name=\"r1\",volume=\"0\"} 1.0")
                .contains("drbd_peerdevice_split_brain_reports_total" + PD + "name=\"r1\",volume=\"0\"} 1.0")
                .contains("drbd_device_state{drbd_disk_state=\"UpToDate\",minor=\"6\",name=\"solo\",volume=\"0\"} 1.0")
                .doesNotContain("conn_name=\"peer--1\"");
        // A resource without a peer has no connection or peer-device series.
        assertThat(text.lines().filter(l -> (l.startsWith("drbd_peerdevice")
                || l.startsWith("drbd_connection")) && l.contains("name=\"solo\""))).isEmpty();
        // Exactly one current value per enum gauge.
        assertThat(text.lines().filter(l -> l.startsWith("drbd_peerdevice_replication_state{")
                && l.contains("name=\"r0\"") && l.endsWith(" 1.0"))).hasSize(1);

        // Resync finished; r1 reconnected (report kept, so not counted again); r0 volume gone.
        status.set(List.of(
                new ResourceStatus("r0", 0, 1, List.of()),
                new ResourceStatus("r1", 0, 1, List.of(volume(0, 5, state(Role.SECONDARY,
                        ConnState.CONNECTED, DiskState.UP_TO_DATE, DiskState.UP_TO_DATE), 0, SPLIT)))));
        String later = scrape();
        assertThat(later)
                .contains("drbd_peerdevice_split_brain_reports_total" + PD + "name=\"r1\",volume=\"0\"} 1.0")
                .contains("drbd_peerdevice_peer_disk_state" + PD
                        + "drbd_disk_state=\"UpToDate\",name=\"r1\",volume=\"0\"} 1.0")
                .contains("drbd_connection_state{conn_name=\"peer-1\",drbd_connection_state=\"Connected\",name=\"r1\"} 1.0")
                .doesNotContain("name=\"r0\"")
                .doesNotContain("name=\"solo\"");
    }

    @Test
    void aNewSplitBrainReportCountsAgain() {
        SplitBrainSummary second = new SplitBrainSummary(100, "discard-younger-primary", "local", 3, 4, 3);
        for (SplitBrainSummary sb : List.of(SPLIT, SPLIT, second, second)) {
            status.set(List.of(new ResourceStatus("r1", 0, 1, List.of(volume(0, 5, state(Role.SECONDARY,
                    ConnState.STANDALONE, DiskState.UP_TO_DATE, DiskState.UNKNOWN), 0, sb)))));
            scrape();
        }
        assertThat(scrape())
                .contains("drbd_peerdevice_split_brain_reports_total" + PD + "name=\"r1\",volume=\"0\"} 2.0")
                .contains("drbd_peerdevice_split_brain_discarded_bytes" + PD + "name=\"r1\",volume=\"0\"} 12288.0");
    }

    @Test
    void failingStatusKeepsTheLastValues() {
        status.set(List.of(new ResourceStatus("r0", 0, 1, List.of(volume(0, 4, state(Role.PRIMARY,
                ConnState.CONNECTED, DiskState.UP_TO_DATE, DiskState.UP_TO_DATE), 0, null)))));
        scrape();
        metrics.watch(() -> Future.failedFuture("engine stopping"));
        assertThat(scrape()).contains("drbd_resource_role{drbd_role=\"Primary\",name=\"r0\"} 1.0");
        metrics.watch(() -> {
            throw new IllegalStateException("no engine");
        });
        assertThat(scrape()).contains("drbd_resource_role{drbd_role=\"Primary\",name=\"r0\"} 1.0");
    }

    @Test
    void seriesSurviveAPeerAddedLaterAndComeBackAfterRemoval() {
        State primary = state(Role.PRIMARY, ConnState.STANDALONE, DiskState.UP_TO_DATE, DiskState.UNKNOWN);
        status.set(List.of(new ResourceStatus("r0", 0, -1, List.of(volume(0, 4, primary, 0, null)))));
        scrape();
        // new-peer after the first scrape: the resource gets a connection; its role series stay.
        status.set(List.of(new ResourceStatus("r0", 0, 1, List.of(volume(0, 4,
                primary.withConn(ConnState.WF_CONNECTION), 0, null)))));
        assertThat(scrape())
                .contains("drbd_resource_role{drbd_role=\"Primary\",name=\"r0\"} 1.0")
                .contains("drbd_connection_state{conn_name=\"peer-1\",drbd_connection_state=\"Connecting\",name=\"r0\"} 1.0");
        // down, then up again as Secondary: the series come back with the new values.
        status.set(List.of());
        assertThat(scrape()).doesNotContain("name=\"r0\"");
        status.set(List.of(new ResourceStatus("r0", 0, 1, List.of(volume(0, 4,
                primary.withRole(Role.SECONDARY), 0, null)))));
        assertThat(scrape())
                .contains("drbd_resource_role{drbd_role=\"Secondary\",name=\"r0\"} 1.0")
                .contains("drbd_resource_role{drbd_role=\"Primary\",name=\"r0\"} 0.0")
                .contains("drbd_device_state{drbd_disk_state=\"UpToDate\",minor=\"4\",name=\"r0\",volume=\"0\"} 1.0");
    }
}
