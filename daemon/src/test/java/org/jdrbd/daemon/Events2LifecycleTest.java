package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: an events2 subscriber on a running daemon's control socket while one node's
 * resource lives its life: new-resource, new-minor, attach, primary --force, secondary,
 * detach, del-minor, del-resource; a second resource taken away by down; a subscriber for one
 * resource only; events2 --now on a live resource.
 * Expectation: DRBD's lines in DRBD's order: create resource, create device (Diskless), changes
 * of the device through attach (ending Inconsistent on the attached backing file), change
 * resource role:Primary and change device disk:UpToDate, change resource role:Secondary, change
 * device disk:Diskless, destroy device (name and volume only), destroy resource; down ends with
 * destroy device before destroy resource; no connection or peer-device line without a peer;
 * every change differs from what was shown (EventsClient checks each event); --now prints the
 * dump and ends with NO_ERROR.
 * Why: the OCF agent and wait scripts react to these lines; today's daemon only printed changes
 * of the resource and device, and nothing when objects came or went.
 */
class Events2LifecycleTest {
    private static final long DISK_BYTES = 16L << 20;

    @TempDir
    Path dir;
    private DaemonTestBed bed;

    @BeforeEach
    void start() throws Exception {
        bed = new DaemonTestBed(dir);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private EventsClient subscribe(String resource) throws Exception {
        EventsClient c = new EventsClient(bed.daemon.config().controlSocket(), resource, false);
        c.awaitDump();
        return c;
    }

    @Test
    void singleNodeLifeCycleCreatesChangesAndDestroys() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), DISK_BYTES, 1);
        try (EventsClient ev = subscribe("all")) {
            bed.ok(bed.admin().newResource("r0", 0));
            ev.await(EventAction.CREATE, ObjectType.RESOURCE, "name", "r0", "role", "Secondary",
                    "suspended", "no");
            bed.ok(bed.admin().newMinor("r0", 3, 0));
            ev.await(EventAction.CREATE, ObjectType.DEVICE, "name", "r0", "volume", "0", "minor", "3",
                    "backing_dev", "none", "disk", "Diskless");

            bed.ok(bed.admin().attach(AttachRequest.internal(3, disk)));
            ev.await(EventAction.CHANGE, ObjectType.DEVICE, "name", "r0", "backing_dev", disk.toString(),
                    "disk", "Inconsistent");

            bed.ok(bed.admin().primary("r0", true));
            ev.await(EventAction.CHANGE, ObjectType.RESOURCE, "name", "r0", "role", "Primary");
            ev.await(EventAction.CHANGE, ObjectType.DEVICE, "name", "r0", "disk", "UpToDate");

            bed.ok(bed.admin().secondary("r0"));
            ev.await(EventAction.CHANGE, ObjectType.RESOURCE, "name", "r0", "role", "Secondary");

            bed.ok(bed.admin().detach(3));
            ev.await(EventAction.CHANGE, ObjectType.DEVICE, "name", "r0", "disk", "Diskless",
                    "backing_dev", "none");

            bed.ok(bed.admin().delMinor(3));
            ev.await(EventAction.DESTROY, ObjectType.DEVICE, "name", "r0", "volume", "0");
            bed.ok(bed.admin().delResource("r0"));
            ev.await(EventAction.DESTROY, ObjectType.RESOURCE, "name", "r0");

            List<String> lines = ev.lines();
            assertThat(lines).as("no peer, no connection lines")
                    .noneMatch(l -> l.contains(" connection ") || l.contains(" peer-device ") || l.contains(" path "));
            assertThat(lines).filteredOn(l -> l.startsWith("change resource"))
                    .as("one line per role change, nothing else changed on the resource")
                    .hasSize(2);
            assertThat(lines.indexOf("destroy device name:r0 volume:0"))
                    .isLessThan(lines.indexOf("destroy resource name:r0"));
        }
    }

    @Test
    void downDestroysDevicesThenTheResourceAndAFilteredSubscriberSeesOnlyItsResource() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r1.img"), DISK_BYTES, 1);
        bed.ok(bed.admin().newResource("r1", 0));
        bed.ok(bed.admin().newMinor("r1", 4, 0));
        bed.ok(bed.admin().attach(AttachRequest.internal(4, disk)));
        bed.ok(bed.admin().primary("r1", true));
        try (EventsClient onlyR0 = subscribe("r0"); EventsClient r1 = subscribe("r1")) {
            assertThat(r1.lines()).startsWith(
                    "exists resource name:r1 node-id:0 role:Primary suspended:no force-io-failures:no");
            assertThat(r1.lines()).contains("exists device name:r1 volume:0 minor:4 backing_dev:"
                    + disk + " disk:UpToDate client:no quorum:yes");
            bed.ok(bed.admin().newResource("r0", 0));
            onlyR0.await(EventAction.CREATE, ObjectType.RESOURCE, "name", "r0");

            bed.ok(bed.admin().down("r1"));
            r1.await(EventAction.DESTROY, ObjectType.RESOURCE, "name", "r1");
            List<String> lines = r1.lines();
            int demoted = lines.indexOf("change resource name:r1 node-id:0 role:Secondary suspended:no "
                    + "force-io-failures:no");
            int destroyDevice = lines.indexOf("destroy device name:r1 volume:0");
            assertThat(demoted).as(String.join("\n", lines)).isPositive();
            assertThat(lines.stream().filter(l -> l.startsWith("change device") && l.contains("disk:Diskless")))
                    .as("detached before it went").hasSize(1);
            assertThat(destroyDevice).isGreaterThan(demoted)
                    .isEqualTo(lines.size() - 2);
            assertThat(lines).as("no line of r0 on r1's stream").noneMatch(l -> l.contains("name:r0"));

            bed.ok(bed.admin().delResource("r0"));
            onlyR0.await(EventAction.DESTROY, ObjectType.RESOURCE, "name", "r0");
            assertThat(onlyR0.lines()).as("no line of r1 on r0's stream").noneMatch(l -> l.contains("name:r1"));
        }
    }

    @Test
    void nowPrintsTheDumpAndEnds() throws Exception {
        bed.ok(bed.admin().newResource("r2", 0));
        bed.ok(bed.admin().newMinor("r2", 5, 0));
        try (EventsClient now = new EventsClient(bed.daemon.config().controlSocket(), "r2", true)) {
            Result r = now.awaitReply();
            assertThat(r.isSuccess()).as(String.valueOf(r)).isTrue();
            assertThat(now.seen()).extracting(EventRecord::action).containsOnly(EventAction.EXISTS);
            assertThat(now.lines()).containsExactly(
                    "exists resource name:r2 node-id:0 role:Secondary suspended:no force-io-failures:no",
                    "exists device name:r2 volume:0 minor:5 backing_dev:none disk:Diskless client:no quorum:yes",
                    "exists -");
        }
    }
}
