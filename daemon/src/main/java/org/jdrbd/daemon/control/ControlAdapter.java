package org.jdrbd.daemon.control;

import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlHandler;
import org.jdrbd.netlink.transport.ReplySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control protocol's server side over the daemon's {@link AdminOps}: each request becomes one
 * admin call, its {@link AdminResult} DRBD's reply code. Commands that need peers (connections,
 * paths, resync, verify) are refused until peers exist, never faked. Never blocks: replies are
 * sent when the admin future completes.
 */
public final class ControlAdapter implements ControlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ControlAdapter.class);
    private static final String NO_PEERS = "needs peer connections, not supported by this jdrbdd yet";
    private static final String NOT_YET = "not supported by this jdrbdd yet";
    /** Commands that only make sense with a connection to a peer. */
    private static final Set<Command> PEER_COMMANDS =
            EnumSet.of(Command.NEW_PATH,
                    Command.DEL_PEER, Command.DEL_PATH,
                    Command.CONNECT, Command.DISCONNECT,
                    Command.INVALIDATE_REMOTE,
                    Command.PAUSE_SYNC,
                    Command.RESUME_SYNC,
                    Command.WAIT_CONNECT_VOLUME,
                    Command.WAIT_CONNECT_CONNECTION,
                    Command.WAIT_CONNECT_RESOURCE,
                    Command.WAIT_SYNC_VOLUME,
                    Command.WAIT_SYNC_CONNECTION,
                    Command.WAIT_SYNC_RESOURCE,
                    Command.FORGET_PEER);

    private final AdminOps admin;

    public ControlAdapter(AdminOps admin) {
        this.admin = admin;
    }

    @Override
    public void handle(Request req, ReplySink sink) {
        req.warnings().forEach(w -> LOG.warn("control request {}: {}", req.command(), w));
        try {
            dispatch(req, sink);
        } catch (RuntimeException e) {
            LOG.error("control request {} failed: {}", req.command(), e.toString());
            sink.reply(Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error"), new TagList());
        }
    }

    private void dispatch(Request req, ReplySink sink) {
        Header h = req.header();
        TagList t = req.tags();
        switch (req.command()) {
            case NEW_RESOURCE -> answer(sink, admin.newResource(h.resource(),
                    (int) t.getLong(Tags.NODE_ID, 0)));
            case NEW_MINOR -> answer(sink, admin.newMinor(h.resource(), h.minor(), h.volume()));
            case ATTACH -> reply(sink, org.jdrbd.daemon.engine.ResyncControl.attach(admin, h.minor(), t,
                    () -> admin.attach(new AttachRequest(h.minor(),
                    Path.of(t.getString(Tags.BACKING_DEV, "")), Path.of(t.getString(Tags.META_DEV, "")),
                    t.getString(Tags.META_IDX, "internal")))));
            // pause-sync, resume-sync and resync-after answer with their own ERR_* codes.
            case PAUSE_SYNC, RESUME_SYNC -> reply(sink, org.jdrbd.daemon.engine.ResyncControl.pauseSync(
                    admin, h.resource(), h.peer(), h.volume(), req.command() == Command.PAUSE_SYNC));
            case DISK_OPTIONS -> reply(sink, org.jdrbd.daemon.engine.ResyncControl.diskOptions(admin,
                    h.minor(), t));
            case DETACH -> answer(sink, admin.detach(h.minor()));
            case NEW_PEER -> answer(sink, admin.newPeer(h.resource(), h.peer(),
                    org.jdrbd.daemon.repl.NetOptions.fromTags(t)));
            case NEW_PATH -> answer(sink, admin.newPath(h.resource(), h.peer(),
                    t.getString(Tags.LOCAL_ADDR, ""), t.getString(Tags.PEER_ADDR, "")));
            case CONNECT -> answer(sink, admin.connect(h.resource(), h.peer(),
                    t.getFlag(Tags.DISCARD_MY_DATA), t.getFlag(Tags.TENTATIVE)));
            case DISCONNECT -> answer(sink, admin.disconnect(h.resource(), h.peer(), t.getFlag(Tags.FORCE)));
            case DEL_PATH -> answer(sink, admin.delPath(h.resource(), h.peer()));
            case NET_OPTIONS -> answer(sink, admin.changeNetOptions(h.resource(), h.peer(), t,
                    Tags.NET_CONF, t.getFlag(Tags.SET_DEFAULTS)));
            case PEER_DEVICE_OPTIONS -> answer(sink, admin.changeNetOptions(h.resource(), h.peer(), t,
                    Tags.PEER_DEVICE_CONF, t.getFlag(Tags.SET_DEFAULTS)));
            case DEL_PEER -> answer(sink, admin.delPeer(h.resource(), h.peer()));
            case PRIMARY -> answer(sink, admin.primary(h.resource(), t.getFlag(Tags.FORCE)));
            case SECONDARY -> answer(sink, admin.secondary(h.resource()));
            case DOWN -> answer(sink, admin.down(h.resource()));
            case DEL_MINOR -> answer(sink, admin.delMinor(h.minor()));
            case DEL_RESOURCE -> answer(sink, admin.delResource(h.resource()));
            case INVALIDATE -> answer(sink, admin.invalidate(h.minor()));
            case VERIFY -> answer(sink, admin.verify(h.resource(), h.peer(), h.volume(),
                    t.has(Tags.VERIFY_START) ? t.getLong(Tags.VERIFY_START, 0) : -1,
                    t.has(Tags.VERIFY_STOP) ? t.getLong(Tags.VERIFY_STOP, 0) : -1));
            case NEW_CURRENT_UUID -> answer(sink, admin.newCurrentUuid(h.minor(),
                    t.getFlag(Tags.CLEAR_BITMAP)));
            case SUSPEND_IO -> answer(sink, admin.suspendIo(h.minor()));
            case RESUME_IO -> answer(sink, admin.resumeIo(h.minor()));
            // drbdadm plans "outdate RES MINOR", as Debian's does.
            case OUTDATE -> answer(sink, admin.outdate(h.minor()));
            case STATUS, ROLE, CSTATE -> snapshot(sink, byResource(h.resource()));
            case SHOW -> show(sink, h.resource());
            case DSTATE -> snapshot(sink, r -> r.volumes().stream().anyMatch(v -> v.minor() == h.minor()));
            case EVENTS2 -> Events2Stream.start(admin, req, sink);
            case GET_GI, SHOW_GI -> generationInfo(sink, h);
            default -> sink.reply(Result.err(ErrCode.ERR_INVALID_REQUEST,
                    req.command().name().toLowerCase().replace('_', '-') + ": "
                            + (PEER_COMMANDS.contains(req.command()) ? NO_PEERS : NOT_YET)),
                    new TagList());
        }
    }

    private static Predicate<ResourceStatus> byResource(String res) {
        return r -> res.isEmpty() || res.equals("all") || r.name().equals(res);
    }

    private void snapshot(ReplySink sink, Predicate<ResourceStatus> which) {
        admin.status().onComplete(ar -> {
            if (ar.failed()) {
                sink.reply(Result.err(ErrCode.ERR_INVALID_REQUEST, "status failed"), new TagList());
                return;
            }
            List<ResourceStatus> picked = ar.result().stream().filter(which).toList();
            TagList data = new TagList();
            for (ResourceStatus r : picked) {
                for (ObjectRecord o : StatusRecords.of(r)) {
                    data.addNested(Tags.OBJECT, o.toTags(new TagList()));
                }
            }
            sink.reply(Result.ok(), data);
        });
    }

    /** show: the objects with paths and the options as set (drbdadm adjust compares them). */
    private void show(ReplySink sink, String res) {
        admin.objects().onComplete(ar -> {
            if (ar.failed()) {
                sink.reply(Result.err(ErrCode.ERR_INVALID_REQUEST, "show failed"), new TagList());
                return;
            }
            TagList data = new TagList();
            for (var r : ar.result()) {
                if (r.objects() != null && (res.isEmpty() || res.equals("all") || r.resource().equals(res))) {
                    for (ObjectRecord o : StatusRecords.show(r.objects())) {
                        data.addNested(Tags.OBJECT, o.toTags(new TagList()));
                    }
                }
            }
            sink.reply(Result.ok(), data);
        });
    }

    private void generationInfo(ReplySink sink, Header h) {
        admin.generationInfo(h.resource(), h.peer(), h.volume()).onComplete(ar -> {
            if (ar.failed() || !ar.result().result().ok()) {
                sink.reply(ar.failed() ? Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error")
                        : toResult(ar.result().result()), new TagList());
                return;
            }
            var gi = ar.result();
            TagList data = new TagList()
                    .addLong(Tags.CURRENT_UUID, gi.currentUuid())
                    .addLong(Tags.BITMAP_UUID, gi.bitmapUuid())
                    .addLong(Tags.HISTORY0_UUID, gi.history0())
                    .addLong(Tags.HISTORY1_UUID, gi.history1())
                    .addLong(Tags.MD_FLAGS, Integer.toUnsignedLong(gi.flags()))
                    .addLong(Tags.PEER_MD_FLAGS, Integer.toUnsignedLong(gi.peerFlags()))
                    .addLong(Tags.LA_SIZE_SECT, gi.laSizeSect())
                    .addLong(Tags.LA_MAX_BIO_BYTES, Integer.toUnsignedLong(gi.laMaxBioBytes()));
            sink.reply(Result.ok(), data);
        });
    }

    private static void reply(ReplySink sink, Future<Result> f) {
        f.onComplete(ar -> sink.reply(ar.succeeded() ? ar.result()
                : Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error"), new TagList()));
    }

    private static void answer(ReplySink sink, Future<AdminResult> f) {
        f.onComplete(ar -> sink.reply(ar.succeeded() ? toResult(ar.result())
                : Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error"), new TagList()));
    }

    /** DRBD's reply: the SS_* code of a state change, else the ERR_* code. */
    static Result toResult(AdminResult r) {
        if (r.error() == AdminError.STATE_CHANGE_REFUSED || (r.ok() && r.stateRv() != null)) {
            return Result.state(r.stateRv(), r.message());
        }
        return new Result(r.error().code(), r.message());
    }
}
