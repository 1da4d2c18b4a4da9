package org.jdrbd.systest;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** sha256 of part of a file (a backing file's data area), to compare replicas in system tests. */
public final class FileHashes {
    private FileHashes() {
    }

    /** sha256 of the first {@code bytes} of a file, hex. */
    public static String sha256(Path file, long bytes) throws Exception {
        return sha256(file, 0, bytes);
    }

    /** sha256 of {@code bytes} from {@code offset} of a file (fewer at its end), hex. */
    public static String sha256(Path file, long offset, long bytes) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            long left = bytes;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                md.update(buf, 0, n);
                left -= n;
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
