package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import java.util.List;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.nbd.Export;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Transition;

/**
 * attach and detach of one volume (fact sheet §8.4): open and validate the meta data, recover
 * from an unclean stop, derive the disk state from the flags, serve the volume over NBD; on
 * detach, drain writes, flush the bitmap and commit AL_CLEAN.
 */
final class DiskAdmin {
    private DiskAdmin() {
    }

    static Future<AdminResult> attach(Volume v, AttachRequest req) {
        v.assertOwner();
        if (v.disk != null || v.state.disk() != DiskState.DISKLESS) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_DISK_CONFIGURED, ""));
        }
        MetaIo io = new MetaIo(v.resource.name + "-" + v.number, v.context());
        int nodeId = v.resource.nodeId;
        String ioName = v.resource.name + "-" + v.number;
        var decorate = v.resource.engine.storeDecorator;
        return io.submit(() -> AttachedDisk.openBlocking(req, nodeId, ioName, decorate))
                .transform(ar -> {
                    if (ar.failed()) {
                        io.close();
                        return Future.succeededFuture(openFailed(v, ar.cause()));
                    }
                    return attached(v, io, ar.result(), req);
                });
    }

    private static AdminResult openFailed(Volume v, Throwable cause) {
        if (cause instanceof DiskOpenFailure f) {
            v.log.error("attach failed: {} {}", f.error, f.getMessage());
            return AdminResult.failed(f.error, f.getMessage());
        }
        v.log.error("attach failed: {}", cause.toString());
        return AdminResult.failed(AdminError.ERR_IO_MD_DISK, String.valueOf(cause.getMessage()));
    }

    private static Future<AdminResult> attached(Volume v, MetaIo io, AttachedDisk d,
            AttachRequest req) {
        v.mdIo = io;
        v.disk = d;
        v.writes.reset();
        logRecovery(v, d);
        int f = d.flagsAtAttach;
        DiskState disk = !MdFlags.has(f, MdFlags.CONSISTENT) ? DiskState.INCONSISTENT
                : MdFlags.has(f, MdFlags.WAS_UP_TO_DATE) ? DiskState.CONSISTENT : DiskState.OUTDATED;
        // fencing dont-care (no peer, no fencing policy yet): Consistent counts as UpToDate.
        if (disk == DiskState.CONSISTENT) {
            disk = DiskState.UP_TO_DATE;
        }
        boolean crashed = MdFlags.has(f, MdFlags.PRIMARY_IND) || MdFlags.has(f, MdFlags.CRASHED_PRIMARY);
        v.ctx = v.ctx.withAttachResult(disk, DiskState.UNKNOWN, true).withCrashedPrimary(crashed)
                .withOnIoError(req.onIoError()).withIoErrorPending(false);
        DiskState target = disk;
        return v.change(v.state.withDisk(DiskState.ATTACHING), ChangeFlag.FORCED)
                .compose(t -> t.isSuccess() ? v.change(v.state.withDisk(target), ChangeFlag.FORCED)
                        : Future.succeededFuture(t))
                .compose(t -> {
                    if (!t.isSuccess()) {
                        return closeAfterRefusal(v, t);
                    }
                    serve(v, d);
                    v.attachedWith = req;
                    return Future.succeededFuture(AdminResult.changed(t.rv(), List.of()));
                });
    }

    private static void logRecovery(Volume v, AttachedDisk d) {
        if (!MdFlags.has(d.flagsAtAttach, MdFlags.AL_CLEAN)) {
            v.log.warn("meta data was not cleanly shut down: AL replayed, {} extents active, "
                    + "{} bits marked out of sync, {} corrupt AL blocks",
                    d.recovery.activeExtents().size(), d.recovery.bitsMarked(),
                    d.recovery.corruptBlocks());
        }
        v.log.info("attached {} ({} bytes of data), flags {}", d.backingDisk, d.sizeBytes,
                org.jdrbd.statemachine.MetaFlags.describe(d.flagsAtAttach));
    }

    private static Future<AdminResult> closeAfterRefusal(Volume v, Transition t) {
        AttachedDisk d = v.disk;
        v.state = v.state.withDisk(DiskState.DISKLESS);
        return closeDisk(v, d).map(x -> AdminResult.refused(t.rv(), ""));
    }

    /** Registers {@code RES/VOL}, and {@code RES} for volume 0. */
    static void serve(Volume v, AttachedDisk d) {
        VolumeBackend backend = new VolumeBackend(v, d.data, d.sizeBytes);
        var exports = v.resource.engine.exports;
        exports.register(new Export(v.exportName(), "jdrbd volume " + v.exportName(), backend));
        if (v.number == 0) {
            exports.register(new Export(v.resource.name, "jdrbd volume " + v.exportName(), backend));
        }
    }

    private static void unserve(Volume v) {
        var exports = v.resource.engine.exports;
        exports.unregister(v.exportName());
        if (v.number == 0) {
            exports.unregister(v.resource.name);
        }
    }

    static Future<AdminResult> detach(Volume v) {
        v.assertOwner();
        if (v.disk == null) {
            return Future.succeededFuture(AdminResult.changed(
                    org.jdrbd.statemachine.StateRv.SS_NOTHING_TO_DO, List.of()));
        }
        return v.change(v.state.withDisk(DiskState.FAILED), ChangeFlag.ORDERED).compose(t -> {
            if (!t.isSuccess()) {
                return Future.succeededFuture(AdminResult.refused(t.rv(), ""));
            }
            v.writable = false;
            unserve(v);
            AttachedDisk d = v.disk;
            return v.writes.drain()
                    .compose(x -> closeDisk(v, d))
                    .compose(x -> v.change(v.state.withDisk(DiskState.DISKLESS), ChangeFlag.FORCED))
                    .map(x -> AdminResult.changed(t.rv(), List.of()));
        });
    }

    /**
     * After a local IO error with on-io-error detach (or call-local-io-error): the disk goes
     * Failed (forced, as DRBD does), the volume stops serving, writes drain, the meta data is
     * closed (bitmap flushed, so AL_CLEAN is true to what was written) and the disk is Diskless.
     */
    static Future<Void> failDisk(Volume v) {
        v.assertOwner();
        if (v.disk == null || v.state.disk().le(DiskState.FAILED)) {
            return Future.succeededFuture();
        }
        v.ctx = v.ctx.withIoErrorPending(true);
        return v.change(v.state.withDisk(DiskState.FAILED), ChangeFlag.FORCED).compose(t -> {
            if (!t.committed()) {
                return Future.succeededFuture();
            }
            v.writable = false;
            unserve(v);
            AttachedDisk d = v.disk;
            return v.writes.drain()
                    .compose(x -> closeDisk(v, d))
                    .compose(x -> v.change(v.state.withDisk(DiskState.DISKLESS), ChangeFlag.FORCED))
                    .mapEmpty();
        });
    }

    /** Clean close: bitmap flushed, AL re-initialized, AL_CLEAN committed. */
    private static Future<Void> closeDisk(Volume v, AttachedDisk d) {
        var sb = d.superblock;
        MetaIo io = v.mdIo;
        v.disk = null;
        v.attachedWith = null;
        v.mdDirty = false;
        return io.<Void>submit(() -> {
            d.closeCleanBlocking(sb);
            return null;
        }).onComplete(ar -> {
            io.close();
            if (ar.failed()) {
                v.log.error("detach: meta data not closed cleanly: {}", ar.cause().toString());
            } else {
                v.log.info("detached {}: meta data clean", d.backingDisk);
            }
        });
    }
}
