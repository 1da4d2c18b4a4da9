package org.jdrbd.daemon.registry;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the kernel would keep in memory about an up resource and a user-space daemon must survive
 * a crash with: its identity, its configured peer and, per volume, the disk it was attached to.
 * Stored as one line of text per resource (fields URL-encoded, so any path is safe).
 *
 * @param name       resource name
 * @param nodeId     own node id
 * @param peerNodeId configured peer, -1 when none
 * @param volumes    volumes by number
 */
public record ResourceRecord(String name, int nodeId, int peerNodeId, List<VolumeRecord> volumes) {

    private static final String VERSION = "v1";

    /**
     * One volume.
     *
     * @param volume    volume number
     * @param minor     device minor
     * @param backingDisk attached backing disk, null when diskless
     * @param metaDisk  meta data device, null when diskless
     * @param metaIndex meta-disk index, null when diskless
     */
    public record VolumeRecord(int volume, int minor, String backingDisk, String metaDisk,
            String metaIndex) {
        /** True when the volume was attached. */
        public boolean attached() {
            return backingDisk != null;
        }
    }

    public ResourceRecord {
        Objects.requireNonNull(name, "name");
        volumes = List.copyOf(volumes);
    }

    /** The stored text. */
    public String encode() {
        StringBuilder b = new StringBuilder(VERSION).append(' ').append(enc(name)).append(' ')
                .append(nodeId).append(' ').append(peerNodeId);
        for (VolumeRecord v : volumes) {
            b.append(' ').append(v.volume()).append(',').append(v.minor()).append(',')
                    .append(enc(v.backingDisk())).append(',').append(enc(v.metaDisk())).append(',')
                    .append(enc(v.metaIndex()));
        }
        return b.toString();
    }

    /** Parses {@link #encode()}'s text; empty when it is not a record this version wrote. */
    public static Optional<ResourceRecord> decode(String text) {
        try {
            String[] f = text.split(" ");
            if (f.length < 4 || !f[0].equals(VERSION)) {
                return Optional.empty();
            }
            List<VolumeRecord> vols = new ArrayList<>();
            for (int i = 4; i < f.length; i++) {
                String[] v = f[i].split(",", -1);
                if (v.length != 5) {
                    return Optional.empty();
                }
                vols.add(new VolumeRecord(Integer.parseInt(v[0]), Integer.parseInt(v[1]), dec(v[2]),
                        dec(v[3]), dec(v[4])));
            }
            return Optional.of(new ResourceRecord(dec(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), vols));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String enc(String s) {
        return s == null ? "-" : URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return s.equals("-") ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
