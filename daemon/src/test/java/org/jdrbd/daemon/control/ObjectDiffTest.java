package org.jdrbd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: table of before/after views of one resource's events2 objects (resource,
 * connection, devices, peer-devices, paths), each row one kind of step in a resource's life:
 * nothing, a statistic, a role change, one of two devices, connect, new-minor with a
 * connection, new-peer + new-path, down, new-resource, a split-brain report, a removed field.
 * Expectation: exactly DRBD's lines: a change only for objects whose state fields differ
 * (statistics alone are none) carrying the whole object, creates with every field in creation
 * order (resource, device, connection, peer-device, path), changes in state-change order
 * (resource, connection, device, peer-device, path), destroys with only the identity keys in
 * reverse creation order.
 * Why: events2 consumers (the OCF agent, wait scripts) act on every line; a line for an object
 * that did not change, or a missing or misordered one, is a behaviour difference from DRBD.
 */
class ObjectDiffTest {

    private static ObjectRecord res(String role) {
        return ObjectRecord.of(ObjectType.RESOURCE, "name", "r0", "node-id", "0", "role", role,
                "suspended", "no", "force-io-failures", "no");
    }

    private static ObjectRecord dev(int vol, String disk) {
        return ObjectRecord.of(ObjectType.DEVICE, "name", "r0", "volume", "" + vol, "minor", "" + (10 + vol),
                "backing_dev", disk.equals("Diskless") ? "none" : "/d" + vol, "disk", disk,
                "client", "no", "quorum", "yes");
    }

    private static ObjectRecord conn(String cstate, String role) {
        return ObjectRecord.of(ObjectType.CONNECTION, "name", "r0", "peer-node-id", "1",
                "conn-name", "b", "connection", cstate, "role", role);
    }

    private static ObjectRecord pd(int vol, String repl, String pdsk, long oos) {
        return ObjectRecord.of(ObjectType.PEER_DEVICE, "name", "r0", "peer-node-id", "1",
                "conn-name", "b", "volume", "" + vol, "replication", repl, "peer-disk", pdsk,
                "peer-client", "no", "resync-suspended", "no", "out-of-sync", "" + oos);
    }

    private static ObjectRecord path(String established) {
        return ObjectRecord.of(ObjectType.PATH, "name", "r0", "peer-node-id", "1", "conn-name", "b",
                "local", "ipv4:127.0.0.1:7000", "peer", "ipv4:127.0.0.2:7000", "established", established);
    }

    record Row(String name, List<ObjectRecord> before, List<ObjectRecord> after, List<String> lines) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        List<ObjectRecord> standAlone = List.of(res("Secondary"), conn("StandAlone", "Unknown"),
                dev(0, "UpToDate"), pd(0, "Off", "DUnknown", 0), path("no"));
        List<ObjectRecord> connected = List.of(res("Secondary"), conn("Connected", "Secondary"),
                dev(0, "UpToDate"), pd(0, "Established", "UpToDate", 0), path("yes"));
        return Stream.of(
                new Row("nothing changed", standAlone, standAlone, List.of()),
                new Row("a statistic alone is no change",
                        List.of(res("Secondary"), pd(0, "Off", "DUnknown", 0)),
                        List.of(res("Secondary"), pd(0, "Off", "DUnknown", 4096)), List.of()),
                new Row("role change: the resource only, whole",
                        List.of(res("Secondary"), dev(0, "UpToDate")),
                        List.of(res("Primary"), dev(0, "UpToDate")),
                        List.of("change resource name:r0 node-id:0 role:Primary suspended:no force-io-failures:no")),
                new Row("one of two devices changes",
                        List.of(res("Secondary"), dev(0, "UpToDate"), dev(1, "UpToDate")),
                        List.of(res("Secondary"), dev(0, "UpToDate"), dev(1, "Failed")),
                        List.of("change device name:r0 volume:1 minor:11 backing_dev:/d1 disk:Failed client:no quorum:yes")),
                new Row("connect: connection, then peer-device, then path", standAlone, connected,
                        List.of("change connection name:r0 peer-node-id:1 conn-name:b connection:Connected role:Secondary",
                                "change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Established "
                                        + "peer-disk:UpToDate peer-client:no resync-suspended:no out-of-sync:0",
                                "change path name:r0 peer-node-id:1 conn-name:b local:ipv4:127.0.0.1:7000 "
                                        + "peer:ipv4:127.0.0.2:7000 established:yes")),
                new Row("state change order: resource, connection, device, peer-device",
                        List.of(res("Secondary"), conn("Connected", "Secondary"), dev(0, "Inconsistent"),
                                pd(0, "Established", "UpToDate", 0)),
                        List.of(res("Primary"), conn("Connected", "Primary"), dev(0, "UpToDate"),
                                pd(0, "SyncSource", "Inconsistent", 0)),
                        List.of("change resource name:r0 node-id:0 role:Primary suspended:no force-io-failures:no",
                                "change connection name:r0 peer-node-id:1 conn-name:b connection:Connected role:Primary",
                                "change device name:r0 volume:0 minor:10 backing_dev:/d0 disk:UpToDate client:no quorum:yes",
                                "change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:SyncSource "
                                        + "peer-disk:Inconsistent peer-client:no resync-suspended:no out-of-sync:0")),
                new Row("new-minor with a connection: device, then its peer-device",
                        List.of(res("Secondary"), conn("StandAlone", "Unknown")),
                        List.of(res("Secondary"), conn("StandAlone", "Unknown"), dev(0, "Diskless"),
                                pd(0, "Off", "DUnknown", 0)),
                        List.of("create device name:r0 volume:0 minor:10 backing_dev:none disk:Diskless client:no quorum:yes",
                                "create peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Off "
                                        + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0")),
                new Row("new-peer and new-path: connection, peer-device, path",
                        List.of(res("Secondary"), dev(0, "UpToDate")), standAlone,
                        List.of("create connection name:r0 peer-node-id:1 conn-name:b connection:StandAlone role:Unknown",
                                "create peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Off "
                                        + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0",
                                "create path name:r0 peer-node-id:1 conn-name:b local:ipv4:127.0.0.1:7000 "
                                        + "peer:ipv4:127.0.0.2:7000 established:no")),
                new Row("down: destroys in reverse creation order, identity only",
                        List.of(res("Secondary"), conn("StandAlone", "Unknown"), dev(0, "Diskless"),
                                dev(1, "Diskless"), pd(0, "Off", "DUnknown", 0), pd(1, "Off", "DUnknown", 0),
                                path("no")),
                        List.of(),
                        List.of("destroy path name:r0 peer-node-id:1 conn-name:b local:ipv4:127.0.0.1:7000 "
                                        + "peer:ipv4:127.0.0.2:7000",
                                "destroy peer-device name:r0 peer-node-id:1 conn-name:b volume:0",
                                "destroy peer-device name:r0 peer-node-id:1 conn-name:b volume:1",
                                "destroy connection name:r0 peer-node-id:1 conn-name:b",
                                "destroy device name:r0 volume:0",
                                "destroy device name:r0 volume:1",
                                "destroy resource name:r0")),
                new Row("new-resource and new-minor seen together", List.of(),
                        List.of(res("Secondary"), dev(0, "Diskless")),
                        List.of("create resource name:r0 node-id:0 role:Secondary suspended:no force-io-failures:no",
                                "create device name:r0 volume:0 minor:10 backing_dev:none disk:Diskless client:no quorum:yes")),
                new Row("split-brain report appears: a peer-device change keeping jdrbd's fields",
                        List.of(pd(0, "Off", "DUnknown", 0)),
                        List.of(pd(0, "Off", "DUnknown", 0).with("split-brain-rule", "100")
                                .with("split-brain-victim", "local")),
                        List.of("change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Off "
                                + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0 "
                                + "split-brain-rule:100 split-brain-victim:local")),
                new Row("a state field that went away is a change",
                        List.of(pd(0, "Off", "DUnknown", 0).with("split-brain-rule", "100")),
                        List.of(pd(0, "Off", "DUnknown", 0)),
                        List.of("change peer-device name:r0 peer-node-id:1 conn-name:b volume:0 replication:Off "
                                + "peer-disk:DUnknown peer-client:no resync-suspended:no out-of-sync:0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void linesBetweenTwoViews(Row row) {
        assertThat(render(ObjectDiff.between(row.before(), row.after()))).isEqualTo(row.lines());
    }

    /** "action type key:value ..." for each entry, all fields as sent. */
    static List<String> render(List<ObjectDiff.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (ObjectDiff.Entry e : entries) {
            StringBuilder s = new StringBuilder(e.action().word()).append(' ').append(e.object().type().word());
            for (Map.Entry<String, String> f : e.object().fields().entrySet()) {
                s.append(' ').append(f.getKey()).append(':').append(f.getValue());
            }
            out.add(s.toString());
        }
        return out;
    }
}
