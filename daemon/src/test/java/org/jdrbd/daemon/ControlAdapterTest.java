package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlClient;
import org.jdrbd.statemachine.StateRv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a client speaks the control protocol over the daemon's Unix socket: new-resource,
 * new-minor, attach, primary without and with --force, status, and commands the single-node
 * daemon cannot serve (connect) or that name unknown objects.
 * Expectation: the socket is owner-only (0600); each reply carries DRBD's code: NO_ERROR or the
 * SS_* of the state change (SS_NO_UP_TO_DATE_DISK for the unforced promotion), ERR_RES_NOT_KNOWN
 * for an unknown resource, a refusal (never a fake success) for connect; status returns the
 * events2 objects with role Primary and disk UpToDate.
 * Why: this adapter is how drbdsetup reaches the engine; its codes decide drbdsetup's exit codes.
 */
class ControlAdapterTest {
    @TempDir
    Path dir;
    private DaemonTestBed bed;
    private ControlClient client;

    @BeforeEach
    void start() throws Exception {
        bed = new DaemonTestBed(dir);
        ControlClient.Connect c = ControlClient.connect(bed.daemon.config().controlSocket());
        assertThat(c).isInstanceOf(ControlClient.Connect.Connected.class);
        client = ((ControlClient.Connect.Connected) c).client();
    }

    @AfterEach
    void stop() {
        client.close();
        bed.close();
    }

    private record Reply(Result result, TagList tags) {
    }

    private Reply call(Command cmd, String res, int minor, int volume, TagList tags) {
        return call(cmd, res, minor, -1, volume, tags);
    }

    private Reply call(Command cmd, String res, int minor, int peer, int volume, TagList tags) {
        Header h = new Header(MsgType.REQUEST, cmd, 0, client.nextSeq(), res, minor, peer, volume);
        assertThat(client.send(new Message(h, tags))).isNull();
        ControlClient.Received r = client.receive();
        assertThat(r).isInstanceOf(ControlClient.Received.Got.class);
        Message m = ((ControlClient.Received.Got) r).message();
        assertThat(m.header().seq()).isEqualTo(h.seq());
        return new Reply(Result.from(m.tags()), m.tags());
    }

    @Test
    void drivesTheEngineWithDrbdCodes() throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                bed.daemon.config().controlSocket()))).isEqualTo("rw-------");
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 16L << 20, 1);

        assertThat(call(Command.NEW_RESOURCE, "r0", -1, -1, new TagList().addLong(Tags.NODE_ID, 0))
                .result().isSuccess()).isTrue();
        assertThat(call(Command.NEW_MINOR, "r0", 5, 0, new TagList()).result().isSuccess()).isTrue();
        Reply attach = call(Command.ATTACH, "", 5, -1, new TagList()
                .addString(Tags.BACKING_DEV, disk.toString()).addString(Tags.META_DEV, disk.toString())
                .addString(Tags.META_IDX, "internal"));
        assertThat(attach.result().isSuccess()).as(attach.result().toString()).isTrue();

        Reply refused = call(Command.PRIMARY, "r0", -1, -1, new TagList());
        assertThat(refused.result().code()).isEqualTo(StateRv.SS_NO_UP_TO_DATE_DISK.code());
        Reply forced = call(Command.PRIMARY, "r0", -1, -1, new TagList().addFlag(Tags.FORCE, true));
        assertThat(forced.result().isSuccess()).as(forced.result().toString()).isTrue();

        Reply status = call(Command.STATUS, "r0", -1, -1, new TagList());
        List<ObjectRecord> objects = new ArrayList<>();
        for (Tag t : status.tags().findAll(Tags.OBJECT)) {
            objects.add(ObjectRecord.fromTags((TagList) t.value()));
        }
        assertThat(objects).anyMatch(o -> o.type() == ObjectType.RESOURCE
                && "Primary".equals(o.get("role")) && "r0".equals(o.get("name")));
        assertThat(objects).anyMatch(o -> o.type() == ObjectType.DEVICE
                && "UpToDate".equals(o.get("disk")) && "5".equals(o.get("minor")));

        Reply gi = call(Command.GET_GI, "r0", -1, 1, 0, new TagList());
        assertThat(gi.result().isSuccess()).as(gi.result().toString()).isTrue();
        assertThat(gi.tags().getLong(Tags.CURRENT_UUID, 0))
                .isEqualTo(bed.status("r0").volumes().get(0).currentUuid());
        assertThat(gi.tags().getLong(Tags.MD_FLAGS, 0) & org.jdrbd.metadata.MdFlags.PRIMARY_IND)
                .isNotZero();

        Reply unknown = call(Command.SECONDARY, "nope", -1, -1, new TagList());
        assertThat(unknown.result().code()).isEqualTo(ErrCode.ERR_RES_NOT_KNOWN.code());
        Reply connect = call(Command.CONNECT, "r0", -1, -1, new TagList());
        assertThat(connect.result().isSuccess()).isFalse();

        assertThat(call(Command.DOWN, "r0", -1, -1, new TagList()).result().isSuccess()).isTrue();
        assertThat(call(Command.STATUS, "r0", -1, -1, new TagList()).tags().findAll(Tags.OBJECT)).isEmpty();
    }
}
