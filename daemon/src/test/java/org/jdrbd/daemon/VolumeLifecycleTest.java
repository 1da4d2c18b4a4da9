package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.daemon.DaemonTestBed.await;

import java.nio.file.Path;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.Superblock;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.Uuids;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: one node, one volume on a 64 MiB file with fresh v09 internal meta data and a
 * configured peer (node-id 1, never connected). attach → Inconsistent; primary is refused without
 * --force and succeeds with it; qemu-io writes through NBD; demote, detach, re-attach.
 * Expectation: DRBD's rules and durability order as seen on disk: the forced promotion's new
 * current UUID is in the superblock when primary returns; the written extent is in the on-disk
 * AL before the write completes; every written 4 KiB block is out of sync for the peer; after
 * detach the meta data is clean (AL_CLEAN) with the bits flushed; re-attach finds UpToDate data.
 * Why: this is the whole single-node write path and admin surface of issue 5 on real files.
 */
class VolumeLifecycleTest {
    private static final long DISK_BYTES = 64L << 20;

    @TempDir
    Path dir;
    private DaemonTestBed bed;
    private Path disk;

    @BeforeEach
    void start() throws Exception {
        disk = MetaDataFiles.create(dir.resolve("r0.img"), DISK_BYTES, 1);
        bed = new DaemonTestBed(dir);
        bed.ok(bed.admin().newResource("r0", 0));
        bed.ok(bed.admin().newMinor("r0", 0, 0));
        bed.ok(bed.admin().newPeer("r0", 1));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private VolumeStatus volume() throws Exception {
        return bed.status("r0").volumes().get(0);
    }

    @Test
    void forcedPrimaryWritesAreLoggedAndTrackedAndDetachIsClean() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        assertThat(volume().state().disk()).isEqualTo(DiskState.INCONSISTENT);

        AdminResult refused = await(bed.admin().primary("r0", false));
        assertThat(refused.error()).isEqualTo(AdminError.STATE_CHANGE_REFUSED);
        assertThat(refused.stateRv()).isEqualTo(StateRv.SS_NO_UP_TO_DATE_DISK);
        assertThat(volume().state().role()).isEqualTo(Role.SECONDARY);

        AdminResult forced = bed.ok(bed.admin().primary("r0", true));
        assertThat(forced.warnings()).contains("Forced to consider local data as UpToDate!");
        Superblock sb = MetaDataFiles.superblock(disk);
        assertThat(sb.currentUuid()).isNotEqualTo(MdLayout.UUID_JUST_CREATED)
                .isEqualTo(volume().currentUuid());
        assertThat(sb.currentUuid() & Uuids.PRIMARY_BIT).as("primary bit").isEqualTo(1L);
        assertThat(sb.bitmapUuid(1)).as("old current kept as bitmap UUID")
                .isEqualTo(MdLayout.UUID_JUST_CREATED);
        assertThat(sb.has(MdFlags.PRIMARY_IND | MdFlags.CONSISTENT | MdFlags.WAS_UP_TO_DATE)).isTrue();
        assertThat(sb.has(MdFlags.AL_CLEAN)).as("in use").isFalse();

        QemuIo.Result w = QemuIo.run(dir, bed.unixUri("r0"), false,
                "write -P 0xab -f 8M 64k", "read -P 0xab 8M 64k");
        assertThat(w.exitCode()).as(w.output()).isZero();
        assertThat(w.output()).doesNotContain("failed");
        byte[] onDisk = MetaDataFiles.read(disk, 8L << 20, 65536);
        assertThat(onDisk).containsOnly((byte) 0xab);
        AlReplay al = MetaDataFiles.activityLog(disk);
        assertThat(al.activeExtents()).containsExactly(2);
        assertThat(volume().outOfSyncBits()).isEqualTo(16);

        bed.ok(bed.admin().secondary("r0"));
        assertThat(MetaDataFiles.superblock(disk).has(MdFlags.PRIMARY_IND)).isFalse();
        assertThat(MetaDataFiles.superblock(disk).currentUuid() & Uuids.PRIMARY_BIT).isZero();
        bed.ok(bed.admin().detach(0));
        Superblock clean = MetaDataFiles.superblock(disk);
        assertThat(clean.has(MdFlags.AL_CLEAN)).isTrue();
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isEqualTo(16);
        assertThat(MetaDataFiles.activityLog(disk).updateTransactions()).isZero();

        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        VolumeStatus again = volume();
        assertThat(again.state().disk()).isEqualTo(DiskState.UP_TO_DATE);
        assertThat(again.state().role()).isEqualTo(Role.SECONDARY);
        assertThat(again.outOfSyncBits()).isEqualTo(16);
        assertThat(again.currentUuid()).isEqualTo(clean.currentUuid());
        assertThat(bed.events).anyMatch(e -> e.change().contains("role( Secondary -> Primary )"));
    }

    @Test
    void secondaryServesReadOnly() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        QemuIo.Result w = QemuIo.run(dir, bed.unixUri("r0/0"), false, "write -P 0xab 0 4k");
        assertThat(w.exitCode()).isNotZero();
        assertThat(w.output()).contains("Permission denied");
        QemuIo.Result r = QemuIo.run(dir, bed.tcpUri("r0"), true, "read -P 0 0 4k");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(MetaDataFiles.activityLog(disk).updateTransactions()).isZero();
    }

    @Test
    void uncleanMetaDataIsRecoveredFromTheActivityLog() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        bed.ok(bed.admin().primary("r0", true));
        QemuIo.Result w = QemuIo.run(dir, bed.unixUri("r0"), false,
                "write -P 0x5a -f 12M 4k", "write -P 0x5b -f 20M 4k");
        assertThat(w.exitCode()).as(w.output()).isZero();
        // The image of a node that died right now: Primary, AL not clean, bits only in memory.
        Path crashed = dir.resolve("crashed.img");
        java.nio.file.Files.copy(disk, crashed);
        assertThat(MetaDataFiles.superblock(crashed).isClean()).isFalse();

        bed.ok(bed.admin().newResource("r1", 0));
        bed.ok(bed.admin().newMinor("r1", 1, 0));
        bed.ok(bed.admin().attach(AttachRequest.internal(1, crashed)));
        Superblock recovered = MetaDataFiles.superblock(crashed);
        assertThat(recovered.has(MdFlags.CRASHED_PRIMARY)).isTrue();
        // Extents 3 (12 MiB) and 5 (20 MiB) were active: all 1024 bits of each, in the one slot.
        assertThat(MetaDataFiles.bitsOnDisk(crashed, 0)).isEqualTo(2 * 1024);
        assertThat(MetaDataFiles.read(crashed, 20L << 20, 4096)).containsOnly((byte) 0x5b);
        assertThat(bed.status("r1").volumes().get(0).state().disk()).isEqualTo(DiskState.UP_TO_DATE);
    }

    @Test
    void invalidateOutdateAndNewCurrentUuid() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        bed.ok(bed.admin().primary("r0", true));
        bed.ok(bed.admin().secondary("r0"));

        bed.ok(bed.admin().outdate(0));
        assertThat(volume().state().disk()).isEqualTo(DiskState.OUTDATED);
        Superblock outdated = MetaDataFiles.superblock(disk);
        assertThat(outdated.has(MdFlags.CONSISTENT)).isTrue();
        assertThat(outdated.has(MdFlags.WAS_UP_TO_DATE)).isFalse();

        long before = volume().currentUuid();
        bed.ok(bed.admin().newCurrentUuid(0, false));
        Superblock rotated = MetaDataFiles.superblock(disk);
        assertThat(rotated.currentUuid()).isNotEqualTo(before);
        assertThat(rotated.bitmapUuid(1)).isEqualTo(before);

        bed.ok(bed.admin().invalidate(0));
        assertThat(volume().state().disk()).isEqualTo(DiskState.INCONSISTENT);
        long allBits = (DISK_BYTES / 4096);
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isBetween(allBits / 2, allBits);
        assertThat(MetaDataFiles.superblock(disk).has(MdFlags.CONSISTENT)).isFalse();

        bed.ok(bed.admin().newCurrentUuid(0, true));
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isZero();

        AdminResult unknown = await(bed.admin().outdate(7));
        assertThat(unknown.error()).isEqualTo(AdminError.ERR_MINOR_INVALID);
        AdminResult twice = await(bed.admin().attach(AttachRequest.internal(0, disk)));
        assertThat(twice.error()).isEqualTo(AdminError.ERR_DISK_CONFIGURED);
    }

    @Test
    void downOnStopLeavesCleanMetaData() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        bed.ok(bed.admin().primary("r0", true));
        QemuIo.Result w = QemuIo.run(dir, bed.unixUri("r0"), false, "write -P 0x11 0 1M");
        assertThat(w.exitCode()).as(w.output()).isZero();
        bed.stop();
        Superblock sb = MetaDataFiles.superblock(disk);
        assertThat(sb.has(MdFlags.AL_CLEAN)).isTrue();
        assertThat(sb.has(MdFlags.PRIMARY_IND)).isFalse();
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isEqualTo(256);
        assertThat(MetaDataFiles.read(disk, 0, 16)).containsOnly((byte) 0x11);
    }

    @Test
    void suspendAndResumeIoFlipTheAdminSuspendFlag() throws Exception {
        bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
        bed.ok(bed.admin().primary("r0", true));
        bed.ok(bed.admin().suspendIo(0));
        assertThat(volume().state().susp()).isTrue();
        assertThat(bed.events).anyMatch(e -> e.change().contains("susp( 0 -> 1 )"));
        bed.ok(bed.admin().resumeIo(0));
        assertThat(volume().state().susp()).isFalse();
        QemuIo.Result w = QemuIo.run(dir, bed.unixUri("r0"), false, "write -P 0x42 -f 0 4k");
        assertThat(w.exitCode()).as(w.output()).isZero();
        assertThat(MetaDataFiles.read(disk, 0, 4096)).containsOnly((byte) 0x42);
    }
}
