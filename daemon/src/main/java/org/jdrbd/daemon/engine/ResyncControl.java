package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.repl.ResyncPause;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.Transition;

/**
 * The resync control commands (fact sheet §9.5): pause-sync and resume-sync (user_isp), and the
 * disk option resync-after given to attach or disk-options. Their error codes (ERR_PAUSE_IS_SET,
 * ERR_RESYNC_AFTER_CYCLE, ...) are not {@code AdminError}s yet, so these answer with the control
 * protocol's {@link Result} directly.
 */
public final class ResyncControl {
    private static final TagDef RESYNC_AFTER = Tags.option(Limits.Section.DISK, "resync-after");

    private ResyncControl() {
    }

    /** {@code pause-sync RES PEER VOL} ({@code pause}) or {@code resume-sync RES PEER VOL}. */
    public static Future<Result> pauseSync(AdminOps admin, String resource, int peer, int volume,
            boolean pause) {
        if (!(admin instanceof Engine engine)) {
            return unsupported(pause ? "pause-sync" : "resume-sync");
        }
        ResyncAfter reg = ResyncAfter.of(engine);
        Volume v = reg.volume(resource, volume);
        if (v == null) {
            return Future.succeededFuture(reg.knowsResource(resource)
                    ? Result.err(ErrCode.ERR_INVALID_REQUEST, "no volume " + volume + " in " + resource)
                    : Result.err(ErrCode.ERR_RES_NOT_KNOWN, resource));
        }
        Resource r = v.resource;
        return r.admin(() -> {
            if (r.peerNodeId != peer || r.connection == null) {
                return Future.succeededFuture(Result.err(ErrCode.ERR_INVALID_REQUEST,
                        "no connection to peer node-id " + peer));
            }
            return v.change(v.state.withUserIsp(pause), ChangeFlag.ORDERED).map(t -> userIspResult(v, t, pause));
        }, e -> Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error"));
    }

    private static Result userIspResult(Volume v, Transition t, boolean pause) {
        if (t.committed()) {
            v.log.info("{}: user_isp {}", pause ? "pause-sync" : "resume-sync", pause ? "set" : "cleared");
            return Result.state(StateRv.SS_SUCCESS, "");
        }
        if (t.rv() == StateRv.SS_NOTHING_TO_DO) {
            return Result.err(ResyncPause.unchanged(pause, v.state), "");
        }
        return Result.state(t.rv(), t.rv().message());
    }

    /**
     * {@code disk-options MINOR ...}: this version changes resync-after only; a request naming
     * other disk options is refused as a whole, so nothing is half applied.
     */
    public static Future<Result> diskOptions(AdminOps admin, int minor, TagList request) {
        if (!(admin instanceof Engine engine)) {
            return unsupported("disk-options");
        }
        TagList conf = request.getNested(Tags.DISK_CONF);
        List<String> others = new ArrayList<>();
        if (conf != null) {
            for (Tag t : conf.all()) {
                if (!t.def().equals(RESYNC_AFTER)) {
                    others.add(t.def().name());
                }
            }
        }
        if (!others.isEmpty()) {
            return Future.succeededFuture(Result.err(ErrCode.ERR_INVALID_REQUEST,
                    "disk-options: only resync-after can be changed by this jdrbdd yet, not " + others));
        }
        ResyncAfter reg = ResyncAfter.of(engine);
        Volume v = reg.volume(minor);
        if (v == null) {
            return Future.succeededFuture(Result.err(ErrCode.ERR_MINOR_INVALID, "minor " + minor));
        }
        String text = conf == null ? null : conf.getString(RESYNC_AFTER, null);
        return v.resource.admin(() -> {
            if (v.disk == null) {
                return Future.succeededFuture(Result.err(ErrCode.ERR_NO_DISK, ""));
            }
            return Future.succeededFuture(text == null ? Result.ok() : apply(reg, v, text));
        }, e -> Result.err(ErrCode.ERR_INVALID_REQUEST, "internal error"));
    }

    /**
     * {@code attach} with its disk options: resync-after is checked before the disk is opened
     * and stored once the attach succeeded.
     */
    public static Future<Result> attach(AdminOps admin, int minor, TagList request,
            Supplier<Future<AdminResult>> attach) {
        TagList conf = request.getNested(Tags.DISK_CONF);
        String text = conf == null ? null : conf.getString(RESYNC_AFTER, null);
        if (text == null || !(admin instanceof Engine engine)) {
            return attach.get().map(ResyncControl::toResult);
        }
        ResyncAfter reg = ResyncAfter.of(engine);
        Long dep = ResyncAfterRules.parse(text);
        ErrCode bad = dep == null ? ErrCode.ERR_RESYNC_AFTER : reg.check(minor, dep);
        if (bad != null) {
            return Future.succeededFuture(Result.err(bad, "resync-after " + text));
        }
        return attach.get().map(res -> {
            Volume v = reg.volume(minor);
            if (res.ok() && v != null) {
                reg.set(minor, dep);
                v.resource.log.info("minor {}: resync-after {}", minor, dep);
            }
            return toResult(res);
        });
    }

    private static Result apply(ResyncAfter reg, Volume v, String text) {
        Long dep = ResyncAfterRules.parse(text);
        ErrCode bad = dep == null ? ErrCode.ERR_RESYNC_AFTER : reg.check(v.minor, dep);
        if (bad != null) {
            v.log.warn("resync-after {} refused: {}", text, bad.text());
            return Result.err(bad, "resync-after " + text);
        }
        reg.set(v.minor, dep);
        v.log.info("resync-after {}", dep);
        return Result.ok();
    }

    /** The control protocol's view of an admin result (as the control adapter answers). */
    static Result toResult(AdminResult r) {
        if (r.error() == org.jdrbd.daemon.admin.AdminError.STATE_CHANGE_REFUSED
                || r.ok() && r.stateRv() != null) {
            return Result.state(r.stateRv(), r.message());
        }
        return new Result(r.error().code(), r.message());
    }

    private static Future<Result> unsupported(String what) {
        return Future.succeededFuture(Result.err(ErrCode.ERR_INVALID_REQUEST,
                what + ": not supported by this jdrbdd yet"));
    }
}
