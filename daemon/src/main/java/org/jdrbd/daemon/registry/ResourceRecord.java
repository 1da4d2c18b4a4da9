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
 * a crash with: its identity, its configured peer with its options and path and, per volume, the
 * disk it was attached to. Stored as one line of text per resource (fields URL-encoded, so any
 * path is safe). Version 1 lines (written before the peer's options were kept) still decode.
 *
 * @param name       resource name
 * @param nodeId     own node id
 * @param peerNodeId configured peer, -1 when none
 * @param peer       the peer's connection settings, null when none or not known (version 1)
 * @param volumes    volumes by number
 */
public record ResourceRecord(String name, int nodeId, int peerNodeId, PeerRecord peer,
        List<VolumeRecord> volumes) {

    private static final String VERSION = "v2";
    private static final String VERSION_1 = "v1";

    /**
     * The connection to the peer as the administrator configured it.
     *
     * @param netConf   the net options, opaque to the registry (the engine encodes them); null
     *                  when the defaults apply
     * @param localAddr local end of the path, null when none
     * @param peerAddr  peer end of the path, null when none
     * @param connect   whether the last admin step asked for the connection (connect without a
     *                  later disconnect)
     */
    public record PeerRecord(String netConf, String localAddr, String peerAddr, boolean connect) {
    }

    /** Without peer settings. */
    public ResourceRecord(String name, int nodeId, int peerNodeId, List<VolumeRecord> volumes) {
        this(name, nodeId, peerNodeId, null, volumes);
    }

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
                .append(nodeId).append(' ').append(peerNodeId).append(' ');
        if (peer == null) {
            b.append('-');
        } else {
            b.append(enc(peer.netConf())).append(',').append(enc(peer.localAddr())).append(',')
                    .append(enc(peer.peerAddr())).append(',').append(peer.connect() ? 1 : 0);
        }
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
            boolean v1 = f.length >= 4 && f[0].equals(VERSION_1);
            if (!v1 && (f.length < 5 || !f[0].equals(VERSION))) {
                return Optional.empty();
            }
            PeerRecord peer = null;
            if (!v1 && !f[4].equals("-")) {
                String[] p = f[4].split(",", -1);
                if (p.length != 4 || !p[3].matches("[01]")) {
                    return Optional.empty();
                }
                peer = new PeerRecord(dec(p[0]), dec(p[1]), dec(p[2]), p[3].equals("1"));
            }
            List<VolumeRecord> vols = new ArrayList<>();
            for (int i = v1 ? 4 : 5; i < f.length; i++) {
                String[] v = f[i].split(",", -1);
                if (v.length != 5) {
                    return Optional.empty();
                }
                vols.add(new VolumeRecord(Integer.parseInt(v[0]), Integer.parseInt(v[1]), dec(v[2]),
                        dec(v[3]), dec(v[4])));
            }
            return Optional.of(new ResourceRecord(dec(f[1]), Integer.parseInt(f[2]),
                    Integer.parseInt(f[3]), peer, vols));
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
