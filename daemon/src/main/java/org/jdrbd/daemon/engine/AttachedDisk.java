package org.jdrbd.daemon.engine;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.store.FileStore;
import org.jdrbd.daemon.store.StoreExecutor;
import org.jdrbd.metadata.ActivityLog;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.BitmapWriter;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;

/**
 * An attached backing device: its meta data area with the in-core superblock, bitmap and
 * activity log, and the bounded IO executor of its data. The in-core fields are touched only on
 * the owning resource's context; every blocking step runs on {@link MetaIo} or the data
 * executor.
 */
final class AttachedDisk {
    /** DRBD's default queue depth bound for the data executor. */
    private static final int DATA_THREADS = 4;
    private static final int DATA_QUEUE = 1024;

    final Path backingDisk;
    final MetaArea area;
    final MdGeometry geometry;
    final Bitmap bitmap;
    final BitmapWriter bitmapWriter;
    final ActivityLog activityLog;
    final StoreExecutor data;
    final long sizeBytes;
    /** Flags as found at attach, before the attach changed them. */
    final int flagsAtAttach;
    final AlRecovery.Outcome recovery;
    /** The in-core superblock; written by {@link #writeSuperblockBlocking}. */
    Superblock superblock;

    private AttachedDisk(Path backingDisk, MetaArea area, MdGeometry geometry, Bitmap bitmap,
            ActivityLog activityLog, StoreExecutor data, long sizeBytes, Superblock superblock,
            int flagsAtAttach, AlRecovery.Outcome recovery) {
        this.backingDisk = backingDisk;
        this.area = area;
        this.geometry = geometry;
        this.bitmap = bitmap;
        this.bitmapWriter = new BitmapWriter(area.io(), geometry.bmOffsetBytes());
        this.activityLog = activityLog;
        this.data = data;
        this.sizeBytes = sizeBytes;
        this.superblock = superblock;
        this.flagsAtAttach = flagsAtAttach;
        this.recovery = recovery;
    }

    /**
     * Opens and validates the meta data, recovers from an unclean stop, opens the data and
     * commits "in use" (AL_CLEAN cleared) to the superblock. Blocking.
     */
    static AttachedDisk openBlocking(AttachRequest req, int nodeId, String ioName,
            java.util.function.UnaryOperator<org.jdrbd.daemon.store.BackingStore> decorate)
            throws DiskOpenFailure {
        Placement placement = Placement.parse(req.metaIndex());
        if (placement == null || placement.kind() == Placement.Kind.INDEXED) {
            throw new DiskOpenFailure(AdminError.ERR_INVALID_REQUEST,
                    "meta-disk index '" + req.metaIndex() + "' not supported (internal, "
                            + "flex-internal or flex-external)");
        }
        MetaArea area;
        try {
            area = MetaArea.open(req.metaDisk(), true, MdFormat.V09, placement);
        } catch (IOException e) {
            throw new DiskOpenFailure(AdminError.ERR_OPEN_MD_DISK, req.metaDisk() + ": " + e.getMessage());
        }
        try {
            return openOn(area, req, nodeId, ioName, decorate);
        } catch (DiskOpenFailure | RuntimeException e) {
            closeQuietly(area);
            throw e;
        } catch (IOException e) {
            closeQuietly(area);
            throw new DiskOpenFailure(AdminError.ERR_IO_MD_DISK, e.getMessage());
        }
    }

    private static AttachedDisk openOn(MetaArea area, AttachRequest req, int nodeId, String ioName,
            java.util.function.UnaryOperator<org.jdrbd.daemon.store.BackingStore> decorate)
            throws IOException, DiskOpenFailure {
        MetaArea.Loaded loaded = area.load();
        if (!loaded.valid()) {
            throw new DiskOpenFailure(AdminError.ERR_MD_INVALID, req.metaDisk() + ": "
                    + String.join("; ", loaded.check().messages()));
        }
        Superblock sb = loaded.superblock();
        MdGeometry g = loaded.geometry();
        if (sb.nodeId() >= 0 && sb.nodeId() != nodeId) {
            throw new DiskOpenFailure(AdminError.ERR_INVALID_REQUEST, "meta data belongs to node-id "
                    + sb.nodeId() + ", this resource is node-id " + nodeId);
        }
        long sizeBytes = dataSizeBytes(req, g, sb);
        long sizeSect = sizeBytes / MdLayout.SECTOR_BYTES;
        Bitmap bitmap = mapBitmap(area, g, sb, sizeSect);
        AlRecovery.Outcome recovery = new AlRecovery.Outcome(0, java.util.List.of(), 0, false);
        if (!sb.isClean()) {
            recovery = AlRecovery.replayBlocking(area, g, sb, bitmap);
            if (recovery.refused()) {
                throw new DiskOpenFailure(AdminError.ERR_MD_UNCLEAN, recovery.corruptBlocks()
                        + " corrupt AL transactions and no valid one after a Primary stop");
            }
        }
        // A fresh ring every attach: old transactions must never look newer than new ones.
        area.initActivityLog(g);
        int flagsAtAttach = sb.flags();
        int flags = sb.flags() & ~MdFlags.AL_CLEAN;
        if (MdFlags.has(flagsAtAttach, MdFlags.PRIMARY_IND)) {
            flags |= MdFlags.CRASHED_PRIMARY;
        }
        Superblock inUse = sb.withFlags(flags).withMagic(MdFormat.V09.magic())
                .withLaSizeSect(sizeSect);
        inUse = withNodeId(inUse, nodeId);
        FileStore whole;
        try {
            whole = FileStore.openBlocking(req.backingDisk(), false);
        } catch (IOException e) {
            throw new DiskOpenFailure(AdminError.ERR_OPEN_DISK, req.backingDisk() + ": " + e.getMessage());
        }
        if (whole.sizeBytes() < sizeBytes) {
            whole.close();
            throw new DiskOpenFailure(AdminError.ERR_DISK_TOO_SMALL, req.backingDisk() + " has "
                    + whole.sizeBytes() + " bytes, the meta data records " + sizeBytes);
        }
        area.writeSuperblock(inUse);
        StoreExecutor data = new StoreExecutor(decorate.apply(new LimitedStore(whole, sizeBytes)), ioName,
                DATA_THREADS, DATA_QUEUE);
        int alExtents = Math.max(1, Math.min(sb.alNrExtents(),
                (g.alSize4k() - 1) * MdLayout.AL_CONTEXT_PER_TR));
        ActivityLog al = new ActivityLog(alExtents, g.alStripes(), g.alStripeSize4k(), 0);
        return new AttachedDisk(req.backingDisk(), area, g, bitmap, al, data, sizeBytes, inUse,
                flagsAtAttach, recovery);
    }

    /** The last agreed size if recorded, else all the device offers. */
    private static long dataSizeBytes(AttachRequest req, MdGeometry g, Superblock sb)
            throws IOException, DiskOpenFailure {
        long available;
        if (g.placement().isInternal()) {
            available = g.usableSizeSect() * MdLayout.SECTOR_BYTES;
        } else {
            long backing;
            try (FileStore probe = FileStore.openBlocking(req.backingDisk(), true)) {
                backing = probe.sizeBytes();
            } catch (IOException e) {
                throw new DiskOpenFailure(AdminError.ERR_OPEN_DISK, req.backingDisk() + ": " + e.getMessage());
            }
            available = Math.min(backing, g.usableSizeSect() * MdLayout.SECTOR_BYTES);
        }
        available = MdLayout.alignDown(available, MdLayout.BM_BYTES_PER_BIT);
        long recorded = sb.laSizeSect() * MdLayout.SECTOR_BYTES;
        if (recorded > available) {
            throw new DiskOpenFailure(AdminError.ERR_DISK_TOO_SMALL, "device offers " + available
                    + " bytes, the meta data records " + recorded);
        }
        if (available <= 0) {
            throw new DiskOpenFailure(AdminError.ERR_DISK_TOO_SMALL, "no room for data");
        }
        return recorded > 0 ? recorded : available;
    }

    private static Bitmap mapBitmap(MetaArea area, MdGeometry g, Superblock sb, long sizeSect)
            throws IOException {
        long bits = (sizeSect + 7) / 8;
        long bytes = Math.min(MdLayout.bitmapBytes(sizeSect, sb.maxPeers(), MdLayout.BM_BYTES_PER_BIT),
                g.bmAreaBytes());
        return new Bitmap(area.mapBitmap(g, bytes, FileChannel.MapMode.PRIVATE), sb.maxPeers(), bits);
    }

    private static Superblock withNodeId(Superblock sb, int nodeId) {
        return new Superblock(sb.format(), sb.magic(), sb.laSizeSect(), sb.currentUuid(),
                sb.deviceUuid(), sb.flags(), sb.mdSizeSect(), sb.alOffsetSect(), sb.alNrExtents(),
                sb.bmOffsetSect(), sb.bmBytesPerBit(), sb.laPeerMaxBioSize(), sb.maxPeers(), nodeId,
                sb.alStripes(), sb.alStripeSize4k(), sb.peers(), sb.history());
    }

    /** Commits {@code sb} (validated, one aligned write, fdatasync). */
    void writeSuperblockBlocking(Superblock sb) throws IOException {
        area.writeSuperblock(sb);
    }

    /**
     * Clean stop: bitmap pages flushed, AL re-initialized, AL_CLEAN committed, then everything
     * closed. Called after the data executor has drained.
     */
    void closeCleanBlocking(Superblock finalSb) throws IOException {
        try {
            bitmapWriter.flush(bitmap, bitmap.takeDirtyPages());
            area.initActivityLog(geometry);
            area.writeSuperblock(finalSb.withFlags(finalSb.flags() | MdFlags.AL_CLEAN));
        } finally {
            data.close();
            area.close();
        }
    }

    private static void closeQuietly(MetaArea area) {
        try {
            area.close();
        } catch (IOException e) {
            // The attach already failed; the close error adds nothing for the user.
        }
    }
}
