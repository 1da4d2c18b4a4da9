package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: over the control socket, three resources r0..r2 with minors 0..2 are attached;
 * minor 1 with --resync-after=0 at attach. Then disk-options set resync-after on minors 2 and
 * 0 (one closing a cycle), with bad values, for an unknown minor and together with another disk
 * option (al-extents); pause-sync/resume-sync on a resource without a peer, an unknown resource, and one
 * with a peer (not connected) twice each.
 * Expectation: a setting that closes a cycle (0 -> 1 -> 0, 0 -> 2 -> 1 -> 0) is refused with
 * ERR_RESYNC_AFTER_CYCLE and an attach with one never opens the disk; non-numbers and minors out
 * of range give ERR_RESYNC_AFTER, an unknown minor ERR_MINOR_INVALID, another disk option
 * ERR_INVALID_REQUEST. pause-sync without a connection is refused, for an unknown resource
 * ERR_RES_NOT_KNOWN; with a peer it sets user_isp (SS_SUCCESS), again ERR_PAUSE_IS_SET;
 * resume-sync clears it, again ERR_PAUSE_IS_CLEAR.
 * Why: these are DRBD's answers to the resync control commands (fact sheet §9.5); drbdsetup's
 * exit codes and messages come from them.
 */
class ResyncControlCommandsTest {
    private static final org.jdrbd.netlink.schema.TagDef RESYNC_AFTER =
            Tags.option(Limits.Section.DISK, "resync-after");

    @TempDir
    Path dir;
    private DaemonTestBed bed;
    private ControlClient client;

    @BeforeEach
    void start() throws Exception {
        bed = new DaemonTestBed(dir);
        ControlClient.Connect c = ControlClient.connect(bed.daemon.config().controlSocket());
        client = ((ControlClient.Connect.Connected) c).client();
    }

    @AfterEach
    void stop() {
        client.close();
        bed.close();
    }

    private Result call(Command cmd, String res, int minor, int peer, int volume, TagList tags) {
        Header h = new Header(MsgType.REQUEST, cmd, 0, client.nextSeq(), res, minor, peer, volume);
        assertThat(client.send(new Message(h, tags))).isNull();
        ControlClient.Received r = client.receive();
        assertThat(r).isInstanceOf(ControlClient.Received.Got.class);
        return Result.from(((ControlClient.Received.Got) r).message().tags());
    }

    private static TagList after(String value) {
        return new TagList().addNested(Tags.DISK_CONF, new TagList().addString(RESYNC_AFTER, value));
    }

    private Result attach(int minor, TagList options) throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("d" + minor + ".img"), 4L << 20, 1);
        return call(Command.ATTACH, "", minor, -1, -1, options
                .addString(Tags.BACKING_DEV, disk.toString()).addString(Tags.META_DEV, disk.toString())
                .addString(Tags.META_IDX, "internal"));
    }

    private void resource(String name, int minor, TagList attachOptions) throws Exception {
        assertThat(call(Command.NEW_RESOURCE, name, -1, -1, -1, new TagList().addLong(Tags.NODE_ID, 0))
                .isSuccess()).isTrue();
        assertThat(call(Command.NEW_MINOR, name, minor, -1, 0, new TagList()).isSuccess()).isTrue();
        Result a = attach(minor, attachOptions);
        assertThat(a.isSuccess()).as(a.toString()).isTrue();
    }

    private Result diskOptions(int minor, String value) {
        return call(Command.DISK_OPTIONS, "", minor, -1, -1, after(value));
    }

    @Test
    void resyncAfterIsCheckedForCyclesAndRange() throws Exception {
        resource("r0", 0, new TagList());
        resource("r1", 1, after("0"));
        resource("r2", 2, new TagList());

        assertThat(diskOptions(0, "1").code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER_CYCLE.code());
        assertThat(diskOptions(2, "1").isSuccess()).isTrue();
        assertThat(diskOptions(0, "2").code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER_CYCLE.code());
        assertThat(diskOptions(0, "x").code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER.code());
        assertThat(diskOptions(0, "1048576").code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER.code());
        assertThat(diskOptions(0, "-2").code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER.code());
        assertThat(diskOptions(9, "0").code()).isEqualTo(ErrCode.ERR_MINOR_INVALID.code());
        // Dropping minor 1's dependency breaks the would-be cycle.
        assertThat(diskOptions(1, "-1").isSuccess()).isTrue();
        assertThat(diskOptions(0, "2").isSuccess()).isTrue();
        Result mixed = call(Command.DISK_OPTIONS, "", 1, -1, -1, new TagList().addNested(Tags.DISK_CONF,
                new TagList().addString(RESYNC_AFTER, "2")
                        .addLong(Tags.option(Limits.Section.DISK, "al-extents"), 1237)));
        assertThat(mixed.code()).isEqualTo(ErrCode.ERR_INVALID_REQUEST.code());
        assertThat(mixed.text()).contains("al-extents");

        assertThat(call(Command.NEW_RESOURCE, "r3", -1, -1, -1, new TagList().addLong(Tags.NODE_ID, 0))
                .isSuccess()).isTrue();
        assertThat(call(Command.NEW_MINOR, "r3", 3, -1, 0, new TagList()).isSuccess()).isTrue();
        assertThat(diskOptions(3, "0").code()).as("disk-options needs a disk")
                .isEqualTo(ErrCode.ERR_NO_DISK.code());
        assertThat(diskOptions(2, "3").isSuccess()).isTrue();
        // 0 -> 2 -> 3: an attach of 3 after 0 is a cycle, refused before the disk opens.
        Result cyclic = attach(3, after("0"));
        assertThat(cyclic.code()).isEqualTo(ErrCode.ERR_RESYNC_AFTER_CYCLE.code());
        assertThat(bed.status("r3").volumes().get(0).backingDisk()).isNull();
    }

    @Test
    void pauseAndResumeSetAndClearUserIsp() throws Exception {
        resource("r0", 0, new TagList());
        Result noPeer = call(Command.PAUSE_SYNC, "r0", -1, 1, 0, new TagList());
        assertThat(noPeer.code()).isEqualTo(ErrCode.ERR_INVALID_REQUEST.code());
        assertThat(call(Command.PAUSE_SYNC, "nope", -1, 1, 0, new TagList()).code())
                .isEqualTo(ErrCode.ERR_RES_NOT_KNOWN.code());

        bed.ok(bed.admin().newPeer("r0", 1, org.jdrbd.daemon.repl.NetOptions.defaults()));
        Result paused = call(Command.PAUSE_SYNC, "r0", -1, 1, 0, new TagList());
        assertThat(paused.isSuccess()).as(paused.toString()).isTrue();
        assertThat(volume().state().userIsp()).isTrue();
        assertThat(call(Command.PAUSE_SYNC, "r0", -1, 1, 0, new TagList()).code())
                .isEqualTo(ErrCode.ERR_PAUSE_IS_SET.code());
        assertThat(call(Command.RESUME_SYNC, "r0", -1, 1, 0, new TagList()).isSuccess()).isTrue();
        assertThat(volume().state().userIsp()).isFalse();
        assertThat(call(Command.RESUME_SYNC, "r0", -1, 1, 0, new TagList()).code())
                .isEqualTo(ErrCode.ERR_PAUSE_IS_CLEAR.code());
        assertThat(call(Command.PAUSE_SYNC, "r0", -1, 1, 7, new TagList()).code())
                .isEqualTo(ErrCode.ERR_INVALID_REQUEST.code());
    }

    private VolumeStatus volume() throws Exception {
        return bed.status("r0").volumes().get(0);
    }
}
