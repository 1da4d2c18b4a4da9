package org.jdrbd.drbdadm.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;
import org.junit.jupiter.api.Test;

/*
 * Scenario: drbdsetup's events2 formatter gets whole objects from the daemon, as jdrbdd sends
 * them: a dump, then creates, changes of one field or of a group, destroys carrying every
 * field, and handler call/response records; once more with --statistics while syncing.
 * Expectation: the text of drbd-utils 9.22's tests/v9 events2 cases: a change line repeats the
 * identity (a device also its minor) and prints only what changed — the device's
 * backing_dev/disk/client/quorum and the peer-device's replication/peer-disk/peer-client as
 * groups, other fields one by one — a resource line prints may_promote/promotion_score only
 * when they changed, a destroy line only the identity, helper lines as sent; with --statistics
 * done comes before the statistics.
 * Why: scripts parse these lines; a change line listing unchanged fields, or a destroy line
 * with state, is not what DRBD prints.
 */
class EventsTextChangeTest {
    private static final String R = "some-resource";

    private static EventRecord ev(EventAction a, ObjectRecord o) {
        return new EventRecord(a, o, 0);
    }

    private static ObjectRecord res(String role) {
        return ObjectRecord.of(ObjectType.RESOURCE, "name", R, "node-id", "0", "role", role,
                "suspended", "no", "force-io-failures", "no");
    }

    private static ObjectRecord dev(String backing, String disk) {
        return ObjectRecord.of(ObjectType.DEVICE, "name", R, "volume", "0", "minor", "1000",
                "backing_dev", backing, "disk", disk, "client", "no", "quorum", "yes");
    }

    private static ObjectRecord conn(String cstate, String role) {
        return ObjectRecord.of(ObjectType.CONNECTION, "name", R, "peer-node-id", "1",
                "conn-name", "some-peer", "connection", cstate, "role", role);
    }

    private static ObjectRecord pd(String repl, String pdsk, String oos) {
        return ObjectRecord.of(ObjectType.PEER_DEVICE, "name", R, "peer-node-id", "1",
                "conn-name", "some-peer", "volume", "0", "replication", repl, "peer-disk", pdsk,
                "peer-client", "no", "resync-suspended", "no", "out-of-sync", oos);
    }

    private static ObjectRecord path(String established) {
        return ObjectRecord.of(ObjectType.PATH, "name", R, "peer-node-id", "1", "conn-name", "some-peer",
                "local", "ipv4:1.2.3.4:7789", "peer", "ipv4:5.6.7.8:7790", "established", established);
    }

    private static String text(boolean statistics, List<EventRecord> evs) {
        EventsText t = new EventsText(statistics, false, ZoneOffset.UTC);
        StringBuilder s = new StringBuilder();
        evs.forEach(e -> s.append(t.accept(e)));
        return s.toString();
    }

    private static List<EventRecord> created() {
        List<EventRecord> evs = new ArrayList<>();
        evs.add(EventRecord.endOfDump(0));
        evs.add(ev(EventAction.CREATE, res("Secondary")));
        evs.add(ev(EventAction.CREATE, dev("none", "Diskless")));
        evs.add(ev(EventAction.CREATE, conn("StandAlone", "Unknown")));
        evs.add(ev(EventAction.CREATE, pd("Off", "DUnknown", "0")));
        evs.add(ev(EventAction.CREATE, path("no")));
        return evs;
    }

    private static final String CREATED = String.join("\n",
            "exists -",
            "create resource name:some-resource role:Secondary suspended:no force-io-failures:no may_promote:no promotion_score:0",
            "create device name:some-resource volume:0 minor:1000 backing_dev:none disk:Diskless client:no quorum:yes",
            "create connection name:some-resource peer-node-id:1 conn-name:some-peer connection:StandAlone role:Unknown",
            "create peer-device name:some-resource peer-node-id:1 conn-name:some-peer volume:0 replication:Off peer-disk:DUnknown peer-client:no resync-suspended:no",
            "create path name:some-resource peer-node-id:1 conn-name:some-peer local:ipv4:1.2.3.4:7789 peer:ipv4:5.6.7.8:7790 established:no",
            "");

    @Test
    void changeLinesPrintTheIdentityAndWhatChanged() {
        List<EventRecord> evs = created();
        evs.add(ev(EventAction.CHANGE, dev("/dev/sda", "UpToDate")));
        evs.add(ev(EventAction.CHANGE, path("yes")));
        evs.add(ev(EventAction.CHANGE, conn("Connected", "Unknown")));
        evs.add(ev(EventAction.CHANGE, pd("Established", "UpToDate", "0")));
        evs.add(ev(EventAction.CHANGE, res("Primary")));
        assertThat(text(false, evs)).isEqualTo(CREATED + String.join("\n",
                "change resource name:some-resource may_promote:yes promotion_score:10101",
                "change device name:some-resource volume:0 minor:1000 backing_dev:/dev/sda disk:UpToDate client:no quorum:yes",
                "change path name:some-resource peer-node-id:1 conn-name:some-peer local:ipv4:1.2.3.4:7789 peer:ipv4:5.6.7.8:7790 established:yes",
                "change connection name:some-resource peer-node-id:1 conn-name:some-peer connection:Connected",
                "change resource name:some-resource may_promote:yes promotion_score:10102",
                "change peer-device name:some-resource peer-node-id:1 conn-name:some-peer volume:0 replication:Established peer-disk:UpToDate peer-client:no",
                "change resource name:some-resource role:Primary may_promote:no promotion_score:10102",
                ""));
    }

    @Test
    void destroyLinesCarryOnlyTheIdentity() {
        List<EventRecord> evs = created();
        evs.add(ev(EventAction.DESTROY, path("no")));
        evs.add(ev(EventAction.DESTROY, pd("Off", "DUnknown", "0")));
        evs.add(ev(EventAction.DESTROY, conn("StandAlone", "Unknown")));
        evs.add(ev(EventAction.DESTROY, dev("none", "Diskless")));
        evs.add(ev(EventAction.DESTROY, res("Secondary")));
        assertThat(text(false, evs)).isEqualTo(CREATED + String.join("\n",
                "destroy path name:some-resource peer-node-id:1 conn-name:some-peer local:ipv4:1.2.3.4:7789 peer:ipv4:5.6.7.8:7790",
                "destroy peer-device name:some-resource peer-node-id:1 conn-name:some-peer volume:0",
                "destroy connection name:some-resource peer-node-id:1 conn-name:some-peer",
                "destroy device name:some-resource volume:0",
                "destroy resource name:some-resource",
                ""));
    }

    @Test
    void helperCallAndResponse() {
        List<EventRecord> evs = created();
        ObjectRecord call = ObjectRecord.of(ObjectType.HELPER, "name", R, "peer-node-id", "1",
                "conn-name", "some-peer", "volume", "0", "helper", "before-resync-target");
        evs.add(ev(EventAction.CALL, call));
        evs.add(ev(EventAction.RESPONSE, call.with("status", "1")));
        assertThat(text(false, evs)).isEqualTo(CREATED + String.join("\n",
                "call helper name:some-resource peer-node-id:1 conn-name:some-peer volume:0 helper:before-resync-target",
                "response helper name:some-resource peer-node-id:1 conn-name:some-peer volume:0 helper:before-resync-target status:1",
                ""));
    }

    @Test
    void syncingChangeWithStatisticsPrintsDoneBeforeTheStatistics() {
        List<EventRecord> evs = created();
        evs.add(ev(EventAction.CHANGE, dev("/dev/sda", "UpToDate")));
        evs.add(ev(EventAction.CHANGE, pd("SyncSource", "Inconsistent", "500")
                .with("_rs-total", "800").with("_rs-failed", "0")));
        String out = text(true, evs);
        assertThat(out).endsWith("change peer-device name:some-resource peer-node-id:1 conn-name:some-peer "
                + "volume:0 replication:SyncSource peer-disk:Inconsistent peer-client:no done:37.50 out-of-sync:500\n");
        assertThat(out).contains("create peer-device name:some-resource peer-node-id:1 conn-name:some-peer "
                + "volume:0 replication:Off peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0\n");
    }

    @Test
    void aChangeOfOnlyTheResyncSuspensionPrintsOnlyIt() {
        List<EventRecord> evs = created();
        evs.add(ev(EventAction.CHANGE, pd("Off", "DUnknown", "0").with("resync-suspended", "user")));
        assertThat(text(false, evs)).endsWith("change peer-device name:some-resource peer-node-id:1 "
                + "conn-name:some-peer volume:0 resync-suspended:user\n");
    }
}
