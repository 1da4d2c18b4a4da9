package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.registry.MemoryRegistry;
import org.jdrbd.daemon.registry.ResourceRecord;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario A: the AL may hold only 3 extents; a Primary with a configured peer writes to 10
 * extents, first one at a time, then 10 at once (more writes in flight than AL slots).
 * Expectation: every write completes with its data; while still attached, the on-disk AL holds
 * at most 3 extents and the on-disk bitmap already has the bits of every extent that left the AL
 * (DRBD writes them before the transaction that evicts the extent); nothing deadlocks.
 * Scenario B: the registry remembers a resource whose disk is the image of a crashed Primary.
 * Expectation: the daemon brings it back by itself at start: attached, AL replayed, Secondary.
 * Why: these are the two crash-safety rules of the write path: bits outside the AL are on disk,
 * and a crashed node comes back without admin action and never Primary.
 */
class WritePathTest {
    @TempDir
    Path dir;

    @Test
    void evictedExtentsHaveTheirBitsOnDisk() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 64L << 20, 1);
        MetaDataFiles.setAlExtents(disk, 3);
        try (DaemonTestBed bed = new DaemonTestBed(dir)) {
            bed.ok(bed.admin().newResource("r0", 0));
            bed.ok(bed.admin().newMinor("r0", 0, 0));
            bed.ok(bed.admin().newPeer("r0", 1));
            bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
            bed.ok(bed.admin().primary("r0", true));
            List<String> cmds = new ArrayList<>();
            for (int e = 0; e < 10; e++) {
                cmds.add("write -P " + (e + 1) + " " + (e * 4L << 20) + " 8k");
            }
            for (int e = 0; e < 10; e++) {
                cmds.add("aio_write -P " + (e + 11) + " " + ((e * 4L << 20) + 65536) + " 4k");
            }
            cmds.add("aio_flush");
            for (int e = 0; e < 10; e++) {
                cmds.add("read -P " + (e + 1) + " " + (e * 4L << 20) + " 8k");
                cmds.add("read -P " + (e + 11) + " " + ((e * 4L << 20) + 65536) + " 4k");
            }
            QemuIo.Result r = QemuIo.run(dir, bed.unixUri("r0"), false, cmds.toArray(String[]::new));
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(r.output()).doesNotContain("failed");

            AlReplay al = MetaDataFiles.activityLog(disk);
            assertThat(al.activeExtents()).hasSizeLessThanOrEqualTo(3);
            long onDisk = MetaDataFiles.bitsOnDisk(disk, 0);
            int evicted = 10 - al.activeExtents().size();
            // 3 bits per extent (8 KiB + 4 KiB); at least those of every evicted extent are on disk.
            assertThat(onDisk).isGreaterThanOrEqualTo(3L * evicted);
            assertThat(bed.status("r0").volumes().get(0).outOfSyncBits()).isEqualTo(30);
        }
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isEqualTo(30);
    }

    @Test
    void crashedResourceIsReadoptedAsSecondary() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 64L << 20, 1);
        Path crashed = dir.resolve("crashed.img");
        try (DaemonTestBed bed = new DaemonTestBed(dir.resolve("a"))) {
            bed.ok(bed.admin().newResource("r0", 0));
            bed.ok(bed.admin().newMinor("r0", 0, 0));
            bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
            bed.ok(bed.admin().primary("r0", true));
            QemuIo.Result r = QemuIo.run(dir, bed.unixUri("r0"), false, "write -P 0x77 -f 8M 4k");
            assertThat(r.exitCode()).as(r.output()).isZero();
            Files.copy(disk, crashed);
        }
        MemoryRegistry registry = new MemoryRegistry();
        registry.put(new ResourceRecord("r9", 0, 1, List.of(new ResourceRecord.VolumeRecord(0, 3,
                crashed.toString(), crashed.toString(), "internal"))));
        try (DaemonTestBed bed = new DaemonTestBed(dir.resolve("b"), registry)) {
            var vol = bed.status("r9").volumes().get(0);
            assertThat(vol.state().role()).isEqualTo(Role.SECONDARY);
            assertThat(vol.state().disk()).isEqualTo(DiskState.UP_TO_DATE);
            assertThat(vol.minor()).isEqualTo(3);
            assertThat(MetaDataFiles.superblock(crashed).has(MdFlags.CRASHED_PRIMARY)).isTrue();
            assertThat(vol.outOfSyncBits()).as("the AL's extent for the peer").isEqualTo(1024);
            QemuIo.Result r = QemuIo.run(dir, bed.unixUri("r9"), true, "read -P 0x77 8M 4k");
            assertThat(r.exitCode()).as(r.output()).isZero();
            assertThat(registry.resources()).extracting(ResourceRecord::name).containsExactly("r9");
        }
        assertThat(registry.resources()).as("a clean stop downs and forgets").isEmpty();
    }
}
