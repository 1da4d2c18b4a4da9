package org.jdrbd.drbdadm.setup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;

/** Fixed reply data shared by the drbdsetup tests. */
final class Fixtures {
    private Fixtures() { }

    static String resource(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** r0: Primary, UpToDate, SyncSource to "peer": 500 of 800 KiB still out of sync = 37.50 % done. */
    static List<ObjectRecord> syncingR0() {
        return List.of(
                ObjectRecord.of(ObjectType.RESOURCE, "name", "r0", "role", "Primary",
                        "suspended", "no", "force-io-failures", "no", "write-ordering", "flush"),
                ObjectRecord.of(ObjectType.DEVICE, "name", "r0", "volume", "0", "minor", "0",
                        "backing_dev", "/dev/sda", "disk", "UpToDate", "client", "no", "quorum", "yes",
                        "size", "1048508", "read", "10", "written", "20"),
                ObjectRecord.of(ObjectType.CONNECTION, "name", "r0", "peer-node-id", "1",
                        "conn-name", "peer", "connection", "Connected", "role", "Secondary"),
                ObjectRecord.of(ObjectType.PEER_DEVICE, "name", "r0", "peer-node-id", "1",
                        "conn-name", "peer", "volume", "0", "replication", "SyncSource",
                        "peer-disk", "Inconsistent", "peer-client", "no", "resync-suspended", "no",
                        "out-of-sync", "500", "_rs-total", "800", "_rs-failed", "0"),
                ObjectRecord.of(ObjectType.PATH, "name", "r0", "peer-node-id", "1", "conn-name", "peer",
                        "local", "ipv4:127.0.0.1:7789", "peer", "ipv4:127.0.0.2:7789", "established", "yes"));
    }

    /** The event sequence behind the events2 example of reference §2.7. */
    static List<EventRecord> syncExampleEvents() {
        String r = "some-resource";
        return List.of(
                EventRecord.endOfDump(0),
                ev(EventAction.CREATE, ObjectRecord.of(ObjectType.RESOURCE, "name", r, "role", "Secondary",
                        "suspended", "no", "force-io-failures", "no")),
                ev(EventAction.CREATE, ObjectRecord.of(ObjectType.DEVICE, "name", r, "volume", "0",
                        "minor", "1000", "backing_dev", "none", "disk", "Diskless", "client", "no",
                        "quorum", "yes")),
                ev(EventAction.CREATE, ObjectRecord.of(ObjectType.CONNECTION, "name", r, "peer-node-id", "1",
                        "conn-name", "some-peer", "connection", "StandAlone", "role", "Unknown")),
                ev(EventAction.CREATE, ObjectRecord.of(ObjectType.PEER_DEVICE, "name", r, "peer-node-id", "1",
                        "conn-name", "some-peer", "volume", "0", "replication", "Off",
                        "peer-disk", "DUnknown", "peer-client", "no", "resync-suspended", "no")),
                ev(EventAction.CREATE, ObjectRecord.of(ObjectType.PATH, "name", r, "peer-node-id", "1",
                        "conn-name", "some-peer", "local", "ipv4:1.2.3.4:7789", "peer", "ipv4:5.6.7.8:7790",
                        "established", "no")),
                ev(EventAction.CHANGE, ObjectRecord.of(ObjectType.DEVICE, "name", r, "volume", "0",
                        "minor", "1000", "backing_dev", "/dev/sda", "disk", "UpToDate", "client", "no",
                        "quorum", "yes")),
                ev(EventAction.CHANGE, ObjectRecord.of(ObjectType.CONNECTION, "name", r, "peer-node-id", "1",
                        "conn-name", "some-peer", "connection", "Connected", "role", "Secondary")),
                ev(EventAction.CHANGE, ObjectRecord.of(ObjectType.PEER_DEVICE, "name", r, "peer-node-id", "1",
                        "conn-name", "some-peer", "volume", "0", "replication", "SyncSource",
                        "peer-disk", "Inconsistent", "peer-client", "no", "out-of-sync", "500",
                        "_rs-total", "800", "_rs-failed", "0")));
    }

    private static EventRecord ev(EventAction a, ObjectRecord o) {
        return new EventRecord(a, o, 0);
    }
}
