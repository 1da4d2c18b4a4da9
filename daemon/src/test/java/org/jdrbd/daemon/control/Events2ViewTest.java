package org.jdrbd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdrbd.daemon.admin.AdminEvent;
import org.jdrbd.daemon.admin.HelperLine;
import org.jdrbd.daemon.admin.PathStatus;
import org.jdrbd.daemon.admin.ResourceObjects;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.SplitBrainSummary;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.api.Test;

/*
 * Scenario: one subscriber's view is fed numbered snapshots of resources (as the engine takes
 * them on each resource's context) and handler lines, before and after its initial dump, in
 * order and out of order, for the wanted resource and another one.
 * Expectation: the dump is "exists" per object then "exists -"; afterwards each snapshot yields
 * lines only for the objects that changed; a snapshot older than what was shown is ignored;
 * what arrived while the dump was taken is replayed after "exists -" when newer than the dump,
 * dropped when not; other resources are filtered; a removed resource is destroyed object by
 * object; handler runs become "call helper" / "response helper" with DRBD's keys; the
 * connection's name and paths come from the snapshot.
 * Why: a subscriber is fed from several event loops at once; without the sequence check it
 * would show a state going back in time, without the early buffer lose a change.
 */
class Events2ViewTest {
    private long clock;

    private Events2View view(String wanted) {
        return new Events2View(wanted::equals, () -> ++clock);
    }

    private static ResourceObjects r0(State s, boolean withConnection) {
        VolumeStatus v = new VolumeStatus(0, 7, s, s.disk() == DiskState.DISKLESS ? null : "/dev/x",
                1 << 20, 0, 0);
        ResourceStatus st = new ResourceStatus("r0", 0, withConnection ? 1 : -1, List.of(v));
        return withConnection ? new ResourceObjects(st, "beta",
                List.of(new PathStatus("ipv4:127.0.0.1:7000", "ipv4:127.0.0.2:7000",
                        s.conn() == ConnState.CONNECTED)))
                : new ResourceObjects(st, null, List.of());
    }

    private static AdminEvent.Objects snap(String res, long seq, ResourceObjects o) {
        return new AdminEvent.Objects(res, seq, o);
    }

    private static final State SECONDARY_UP = State.INITIAL.withDisk(DiskState.UP_TO_DATE);

    private static List<String> text(List<EventRecord> evs) {
        List<String> out = new ArrayList<>();
        for (EventRecord e : evs) {
            StringBuilder s = new StringBuilder(e.action().word()).append(' ').append(e.object().type().word());
            for (Map.Entry<String, String> f : e.object().fields().entrySet()) {
                s.append(' ').append(f.getKey()).append(':').append(f.getValue());
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void dumpThenOnlyChangedObjects() {
        Events2View v = view("r0");
        assertThat(text(v.dump(List.of(snap("r0", 5, r0(SECONDARY_UP, true)))))).containsExactly(
                "exists resource name:r0 node-id:0 role:Secondary suspended:no force-io-failures:no",
                "exists connection name:r0 peer-node-id:1 conn-name:beta connection:StandAlone role:Unknown",
                "exists device name:r0 volume:0 minor:7 backing_dev:/dev/x disk:UpToDate client:no quorum:yes",
                "exists peer-device name:r0 peer-node-id:1 conn-name:beta volume:0 replication:Off "
                        + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0",
                "exists path name:r0 peer-node-id:1 conn-name:beta local:ipv4:127.0.0.1:7000 "
                        + "peer:ipv4:127.0.0.2:7000 established:no",
                "exists -");
        State connected = SECONDARY_UP.withConn(ConnState.CONNECTED).withPeer(Role.SECONDARY)
                .withPdsk(DiskState.UP_TO_DATE);
        assertThat(text(v.accept(snap("r0", 6, r0(connected, true))))).containsExactly(
                "change connection name:r0 peer-node-id:1 conn-name:beta connection:Connected role:Secondary",
                "change peer-device name:r0 peer-node-id:1 conn-name:beta volume:0 replication:Established "
                        + "peer-disk:UpToDate peer-client:no resync-suspended:no out-of-sync:0",
                "change path name:r0 peer-node-id:1 conn-name:beta local:ipv4:127.0.0.1:7000 "
                        + "peer:ipv4:127.0.0.2:7000 established:yes");
        assertThat(v.accept(snap("r0", 7, r0(connected, true)))).as("same state again").isEmpty();
        assertThat(text(v.accept(snap("r0", 8, r0(connected.withRole(Role.PRIMARY), true)))))
                .containsExactly("change resource name:r0 node-id:0 role:Primary suspended:no force-io-failures:no");
    }

    @Test
    void anOlderSnapshotArrivingLateIsIgnored() {
        Events2View v = view("r0");
        v.dump(List.of(snap("r0", 1, r0(SECONDARY_UP, false))));
        assertThat(v.accept(snap("r0", 3, r0(SECONDARY_UP.withRole(Role.PRIMARY), false)))).hasSize(1);
        assertThat(v.accept(snap("r0", 2, r0(SECONDARY_UP, false)))).as("seq 2 after seq 3").isEmpty();
        assertThat(text(v.accept(snap("r0", 4, r0(SECONDARY_UP, false)))))
                .containsExactly("change resource name:r0 node-id:0 role:Secondary suspended:no force-io-failures:no");
    }

    @Test
    void whatCameDuringTheDumpIsReplayedWhenNewerDroppedWhenNot() {
        Events2View v = view("r0");
        assertThat(v.accept(snap("r0", 2, r0(SECONDARY_UP, false)))).isEmpty();
        assertThat(v.accept(snap("r0", 9, r0(SECONDARY_UP.withDisk(DiskState.OUTDATED), false)))).isEmpty();
        assertThat(v.accept(new AdminEvent.Helper(new HelperLine("r0", false, "fence-peer", 1, "beta", -1, 0))))
                .isEmpty();
        List<String> lines = text(v.dump(List.of(snap("r0", 5, r0(SECONDARY_UP, false)))));
        assertThat(lines).containsExactly(
                "exists resource name:r0 node-id:0 role:Secondary suspended:no force-io-failures:no",
                "exists device name:r0 volume:0 minor:7 backing_dev:/dev/x disk:UpToDate client:no quorum:yes",
                "exists -",
                "change device name:r0 volume:0 minor:7 backing_dev:/dev/x disk:Outdated client:no quorum:yes",
                "call helper name:r0 peer-node-id:1 conn-name:beta helper:fence-peer");

        Events2View stale = view("r0");
        stale.accept(snap("r0", 2, r0(SECONDARY_UP.withDisk(DiskState.OUTDATED), false)));
        assertThat(text(stale.dump(List.of(snap("r0", 5, r0(SECONDARY_UP, false))))))
                .as("the dump is newer than what came early").endsWith("exists -");
    }

    @Test
    void otherResourcesAreFilteredAndAResourceComesAndGoes() {
        Events2View v = view("r0");
        v.dump(List.of(snap("r1", 1, r0(SECONDARY_UP, false))));
        assertThat(v.accept(snap("r1", 2, r0(SECONDARY_UP.withRole(Role.PRIMARY), false)))).isEmpty();
        assertThat(text(v.accept(snap("r0", 3, r0(State.INITIAL, true))))).containsExactly(
                "create resource name:r0 node-id:0 role:Secondary suspended:no force-io-failures:no",
                "create device name:r0 volume:0 minor:7 backing_dev:none disk:Diskless client:no quorum:yes",
                "create connection name:r0 peer-node-id:1 conn-name:beta connection:StandAlone role:Unknown",
                "create peer-device name:r0 peer-node-id:1 conn-name:beta volume:0 replication:Off "
                        + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0",
                "create path name:r0 peer-node-id:1 conn-name:beta local:ipv4:127.0.0.1:7000 "
                        + "peer:ipv4:127.0.0.2:7000 established:no");
        assertThat(text(v.accept(snap("r0", 4, null)))).containsExactly(
                "destroy path name:r0 peer-node-id:1 conn-name:beta local:ipv4:127.0.0.1:7000 "
                        + "peer:ipv4:127.0.0.2:7000",
                "destroy peer-device name:r0 peer-node-id:1 conn-name:beta volume:0",
                "destroy connection name:r0 peer-node-id:1 conn-name:beta",
                "destroy device name:r0 volume:0",
                "destroy resource name:r0");
        assertThat(text(v.accept(snap("r0", 5, r0(State.INITIAL, false))))).as("made again").hasSize(2)
                .allMatch(l -> l.startsWith("create "));
    }

    @Test
    void helperLinesCarryDrbdsKeys() {
        Events2View v = view("r0");
        v.dump(List.of());
        assertThat(text(v.accept(new AdminEvent.Helper(
                new HelperLine("r0", false, "before-resync-target", 1, "beta", 0, 0))))).containsExactly(
                "call helper name:r0 peer-node-id:1 conn-name:beta volume:0 helper:before-resync-target");
        assertThat(text(v.accept(new AdminEvent.Helper(
                new HelperLine("r0", true, "before-resync-target", 1, "beta", 0, 1))))).containsExactly(
                "response helper name:r0 peer-node-id:1 conn-name:beta volume:0 helper:before-resync-target status:1");
        assertThat(text(v.accept(new AdminEvent.Helper(
                new HelperLine("r0", true, "local-io-error", -1, null, 0, 0))))).containsExactly(
                "response helper name:r0 volume:0 helper:local-io-error status:0");
        assertThat(v.accept(new AdminEvent.Helper(new HelperLine("r9", false, "split-brain", -1, null, -1, 0))))
                .as("another resource").isEmpty();
    }

    @Test
    void splitBrainFieldsOfThePeerDeviceStay() {
        Events2View v = view("r0");
        ResourceObjects o = r0(SECONDARY_UP, true);
        VolumeStatus vol = o.status().volumes().get(0);
        VolumeStatus withSb = new VolumeStatus(0, 7, vol.state(), vol.backingDisk(), vol.sizeBytes(), 0, 12,
                new SplitBrainSummary(100, "after-sb-0pri discard-zero-changes", "local", 3, 5, 3));
        ResourceObjects sb = new ResourceObjects(new ResourceStatus("r0", 0, 1, List.of(withSb)),
                "beta", o.paths());
        v.dump(List.of(snap("r0", 1, o)));
        assertThat(text(v.accept(snap("r0", 2, sb)))).containsExactly(
                "change peer-device name:r0 peer-node-id:1 conn-name:beta volume:0 replication:Off "
                        + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:48 "
                        + "split-brain-rule:100 split-brain-victim:local split-brain-discarded-blocks:3 "
                        + "split-brain-changed-here:3 split-brain-changed-peer:5");
    }
}
