package org.jdrbd.daemon;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.AlReplay;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;

/** Backing files with v09 internal meta data, made and inspected with the metadata module. */
final class MetaDataFiles {
    static final Placement INTERNAL = Placement.parse("internal");

    private MetaDataFiles() {
    }

    /** A sparse file of {@code sizeBytes} with fresh meta data (what create-md writes). */
    static Path create(Path file, long sizeBytes, int maxPeers) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(sizeBytes);
        }
        try (MetaArea area = MetaArea.open(file, true, MdFormat.V09, INTERNAL)) {
            area.createFresh(maxPeers, MdLayout.AL_STRIPES_DEFAULT, MdLayout.AL_STRIPE_SIZE_4K_DEFAULT,
                    1 << 20);
        }
        return file;
    }

    /** Rewrites the superblock with another al-extents value (what the AL may hold). */
    static void setAlExtents(Path file, int alExtents) throws IOException {
        try (MetaArea area = MetaArea.open(file, true, MdFormat.V09, INTERNAL)) {
            Superblock s = area.load().superblock();
            area.writeSuperblock(new Superblock(s.format(), s.magic(), s.laSizeSect(),
                    s.currentUuid(), s.deviceUuid(), s.flags(), s.mdSizeSect(), s.alOffsetSect(),
                    alExtents, s.bmOffsetSect(), s.bmBytesPerBit(), s.laPeerMaxBioSize(),
                    s.maxPeers(), s.nodeId(), s.alStripes(), s.alStripeSize4k(), s.peers(),
                    s.history()));
        }
    }

    static Superblock superblock(Path file) throws IOException {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, INTERNAL)) {
            MetaArea.Loaded loaded = area.load();
            if (!loaded.valid()) {
                throw new IOException("invalid meta data: " + loaded.check().messages());
            }
            return loaded.superblock();
        }
    }

    /** The AL as apply-al would replay it from disk. */
    static AlReplay activityLog(Path file) throws IOException {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, INTERNAL)) {
            MetaArea.Loaded loaded = area.load();
            List<ByteBuffer> blocks = new ArrayList<>();
            for (int i = 0; i < loaded.geometry().alSize4k(); i++) {
                blocks.add(area.readAlBlock(loaded.geometry(), i));
            }
            return AlReplay.of(blocks);
        }
    }

    /** Set bits of bitmap slot {@code slot} on disk. */
    static long bitsOnDisk(Path file, int slot) throws IOException {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, INTERNAL)) {
            MetaArea.Loaded loaded = area.load();
            Superblock sb = loaded.superblock();
            long sizeSect = sb.laSizeSect();
            long bytes = MdLayout.bitmapBytes(sizeSect, sb.maxPeers(), MdLayout.BM_BYTES_PER_BIT);
            Bitmap bm = new Bitmap(area.mapBitmap(loaded.geometry(), bytes, FileChannel.MapMode.READ_ONLY),
                    sb.maxPeers(), (sizeSect + 7) / 8);
            return bm.count(slot, 0, bm.bitsPerSlot());
        }
    }

    /** {@code length} bytes of the file at {@code offset}. */
    static byte[] read(Path file, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer b = ByteBuffer.allocate(length);
            ch.read(b, offset);
            return b.array();
        }
    }
}
