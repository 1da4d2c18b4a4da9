package org.jdrbd.daemon.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * Where online verify of one peer device stands, kept in the state registry so it survives a
 * daemon restart (beyond DRBD, whose position lives in kernel memory only). A later
 * {@code drbdsetup verify} without {@code --start} begins at {@code positionSector}.
 *
 * @param resource resource name
 * @param peerNodeId the peer verified against
 * @param volume volume number
 * @param positionSector first sector not verified yet (a multiple of 8)
 * @param stopSector where the run was told to stop, -1 for the end of the device
 * @param finished the run ended (at its stop sector); false: it was interrupted
 */
public record VerifyCheckpoint(String resource, int peerNodeId, int volume, long positionSector,
        long stopSector, boolean finished) {

    private static final String VERSION = "ov1";
    /**
     * Prefix of a checkpoint's registry key. A resource name never contains '/', so these keys
     * cannot collide with resource records.
     */
    static final String KEY_PREFIX = "verify/";

    public VerifyCheckpoint {
        Objects.requireNonNull(resource, "resource");
        if (positionSector < 0 || stopSector < -1) {
            throw new IllegalArgumentException("bad verify checkpoint position " + positionSector
                    + " / stop " + stopSector);
        }
    }

    /** The registry key of this checkpoint. */
    public String key() {
        return key(resource, peerNodeId, volume);
    }

    /** The registry key of a peer device's checkpoint. */
    public static String key(String resource, int peerNodeId, int volume) {
        return resourcePrefix(resource) + peerNodeId + "/" + volume;
    }

    /** The common start of every checkpoint key of {@code resource}. */
    public static String resourcePrefix(String resource) {
        return KEY_PREFIX + resource + "/";
    }

    /** Whether a registry key belongs to a checkpoint (not to a resource record). */
    public static boolean isKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /** The stored text. */
    public String encode() {
        return VERSION + " " + positionSector + " " + stopSector + " " + (finished ? 1 : 0);
    }

    /** Parses {@link #encode()}'s text stored under {@code key}; empty when unreadable. */
    public static Optional<VerifyCheckpoint> decode(String key, String text) {
        try {
            String[] k = key.split("/");
            String[] f = text.split(" ");
            if (k.length != 4 || !isKey(key) || f.length != 4 || !f[0].equals(VERSION)) {
                return Optional.empty();
            }
            return Optional.of(new VerifyCheckpoint(k[1], Integer.parseInt(k[2]),
                    Integer.parseInt(k[3]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    f[3].equals("1")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
