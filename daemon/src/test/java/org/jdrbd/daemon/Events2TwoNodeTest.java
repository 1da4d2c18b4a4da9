package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.repl.NetOptions;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: two daemons in this JVM (a = node 0 on 127.0.0.30, b = node 1 on 127.0.0.31), one
 * 16 MiB volume each with fresh meta data; an events2 subscriber on a. a: new-peer (named b),
 * new-path, primary --force, a second minor while the connection exists; both connect; the
 * initial sync runs to the end; a disconnects, then del-peer.
 * Expectation: on a's stream: create connection (conn-name b, StandAlone) and one create
 * peer-device per volume and create path (established:no); for the minor added later create
 * device then create peer-device; on connect change connection lines up to connection:Connected
 * role:Secondary, change path established:yes, change peer-device lines through SyncSource to
 * replication:Established peer-disk:UpToDate; on disconnect change connection up to
 * StandAlone; del-peer destroys path, peer-devices and connection, in that order, while the
 * devices stay. EventsClient checks that every change really changes a state field.
 * Why: connection and peer-device lines are what the OCF agent and wait scripts read for the
 * peer's state; jdrbd printed none of them before.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class Events2TwoNodeTest {
    private static final long DISK_BYTES = 16L << 20;

    @TempDir
    Path dir;
    private DaemonTestBed a;
    private DaemonTestBed b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    private static int freePort(String host) throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    /** Net options naming the connection {@code peer} (drbdadm's --_name), retrying every second. */
    private static NetOptions named(String peer) {
        TagList net = new TagList().addString(Tags.option(Limits.Section.NET, "_name"), peer)
                .addLong(Tags.option(Limits.Section.NET, "connect-int"), 1);
        return NetOptions.fromTags(new TagList().addNested(Tags.NET_CONF, net));
    }

    private static DaemonTestBed node(Path root, String name, int id, int minor) throws Exception {
        Path home = Files.createDirectories(root.resolve(name));
        Path disk = MetaDataFiles.create(home.resolve("disk.img"), DISK_BYTES, 1);
        DaemonTestBed bed = new DaemonTestBed(home);
        bed.ok(bed.admin().newResource("r0", id));
        bed.ok(bed.admin().newMinor("r0", minor, 0));
        bed.ok(bed.admin().attach(AttachRequest.internal(minor, disk)));
        return bed;
    }

    @Test
    void connectionAndPeerDeviceLinesThroughConnectSyncDisconnectAndDelPeer() throws Exception {
        String hostA = "127.0.0.30";
        String hostB = "127.0.0.31";
        String pathA = "ipv4:" + hostA + ":" + freePort(hostA);
        String pathB = "ipv4:" + hostB + ":" + freePort(hostB);
        a = node(dir, "a", 0, 0);
        b = node(dir, "b", 1, 0);
        try (EventsClient ev = new EventsClient(a.daemon.config().controlSocket(), "r0", false)) {
            ev.awaitDump();
            a.ok(a.admin().newPeer("r0", 1, named("b")));
            ev.await(EventAction.CREATE, ObjectType.CONNECTION, "name", "r0", "peer-node-id", "1",
                    "conn-name", "b", "connection", "StandAlone", "role", "Unknown");
            ev.await(EventAction.CREATE, ObjectType.PEER_DEVICE, "conn-name", "b", "volume", "0",
                    "replication", "Off", "peer-disk", "DUnknown");
            a.ok(a.admin().newPath("r0", 1, pathA, pathB));
            ev.await(EventAction.CREATE, ObjectType.PATH, "conn-name", "b", "local", pathA, "peer", pathB,
                    "established", "no");
            a.ok(a.admin().primary("r0", true));
            ev.await(EventAction.CHANGE, ObjectType.RESOURCE, "role", "Primary");
            a.ok(a.admin().newMinor("r0", 1, 1));
            ev.await(EventAction.CREATE, ObjectType.DEVICE, "volume", "1", "minor", "1", "disk", "Diskless");
            ev.await(EventAction.CREATE, ObjectType.PEER_DEVICE, "volume", "1", "conn-name", "b");

            b.ok(b.admin().newMinor("r0", 1, 1));
            b.ok(b.admin().newPeer("r0", 0, named("a")));
            b.ok(b.admin().newPath("r0", 0, pathB, pathA));
            a.ok(a.admin().connect("r0", 1));
            ev.await(EventAction.CHANGE, ObjectType.CONNECTION, "connection", "Connecting");
            b.ok(b.admin().connect("r0", 0));
            ev.await(EventAction.CHANGE, ObjectType.PATH, "established", "yes");
            ev.await(EventAction.CHANGE, ObjectType.PEER_DEVICE, "volume", "0", "replication", "Established",
                    "peer-disk", "UpToDate");
            assertThat(ev.lines()).as("connected to a Secondary peer")
                    .anyMatch(l -> l.startsWith("change connection ") && l.contains("connection:Connected role:Secondary"));
            assertThat(ev.lines()).as("a resync towards b came before")
                    .anyMatch(l -> l.startsWith("change peer-device ") && l.contains("volume:0 replication:SyncSource"));

            a.ok(a.admin().disconnect("r0", 1, false));
            ev.await(EventAction.CHANGE, ObjectType.CONNECTION, "connection", "StandAlone");
            a.ok(a.admin().delPeer("r0", 1));
            ev.await(EventAction.DESTROY, ObjectType.CONNECTION, "name", "r0", "peer-node-id", "1",
                    "conn-name", "b");
            List<String> lines = ev.lines();
            int destroyPath = lines.indexOf("destroy path name:r0 peer-node-id:1 conn-name:b local:" + pathA
                    + " peer:" + pathB);
            assertThat(lines.subList(destroyPath, lines.size())).as(String.join("\n", lines)).containsExactly(
                    "destroy path name:r0 peer-node-id:1 conn-name:b local:" + pathA + " peer:" + pathB,
                    "destroy peer-device name:r0 peer-node-id:1 conn-name:b volume:0",
                    "destroy peer-device name:r0 peer-node-id:1 conn-name:b volume:1",
                    "destroy connection name:r0 peer-node-id:1 conn-name:b");
            assertThat(lines).as("the devices stay").noneMatch(l -> l.startsWith("destroy device"));
        }
    }
}
