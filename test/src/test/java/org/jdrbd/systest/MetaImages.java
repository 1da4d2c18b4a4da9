package org.jdrbd.systest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.Placement;
import org.jdrbd.metadata.Superblock;

/** Backing files with v09 internal meta data, made and read with the metadata module. */
final class MetaImages {
    static final Placement INTERNAL = Placement.parse("internal");

    private MetaImages() {
    }

    /** A sparse file with fresh meta data for {@code maxPeers} peers (what create-md writes). */
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

    static Superblock superblock(Path file) throws IOException {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, INTERNAL)) {
            return area.load().superblock();
        }
    }

    /** Whether bit {@code bit} (4 KiB block) of bitmap slot {@code slot} is set on disk. */
    static boolean bitOnDisk(Path file, int slot, long bit) throws IOException {
        try (MetaArea area = MetaArea.open(file, false, MdFormat.V09, INTERNAL)) {
            MetaArea.Loaded loaded = area.load();
            Superblock sb = loaded.superblock();
            long sizeSect = sb.laSizeSect();
            long bytes = MdLayout.bitmapBytes(sizeSect, sb.maxPeers(), MdLayout.BM_BYTES_PER_BIT);
            Bitmap bm = new Bitmap(area.mapBitmap(loaded.geometry(), bytes,
                    FileChannel.MapMode.READ_ONLY), sb.maxPeers(), (sizeSect + 7) / 8);
            return bm.test(slot, bit);
        }
    }
}
