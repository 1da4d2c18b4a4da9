package org.jdrbd.daemon.nbd;

import java.nio.file.Path;

/**
 * Listener addresses and the bounds every connection obeys.
 *
 * @param tcpHost              TCP listen address, or null for no TCP listener
 * @param tcpPort              TCP port; 0 picks an ephemeral port
 * @param unixSocket           Unix domain socket path, or null for none
 * @param minBlockBytes        advertised minimum block size; offsets and lengths must be multiples
 * @param preferredBlockBytes  advertised preferred block size
 * @param maxPayloadBytes      advertised maximum payload of a READ or WRITE
 * @param maxInFlightRequests  requests a connection may have at the backend at once
 * @param maxInFlightBytes     payload bytes a connection may hold in flight (soft bound: a
 *                             request is admitted while the total is below it)
 * @param maxOptionBytes       longest option payload accepted during negotiation
 * @param maxOptions           options one connection may send before it is dropped
 */
public record NbdServerOptions(
        String tcpHost, int tcpPort, Path unixSocket,
        int minBlockBytes, int preferredBlockBytes, int maxPayloadBytes,
        int maxInFlightRequests, long maxInFlightBytes,
        int maxOptionBytes, int maxOptions) {

    /** 32 MiB, what qemu-nbd and nbdkit advertise. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 32 << 20;

    public NbdServerOptions {
        if (minBlockBytes < 1 || Integer.bitCount(minBlockBytes) != 1
                || preferredBlockBytes < minBlockBytes || Integer.bitCount(preferredBlockBytes) != 1
                || maxPayloadBytes < preferredBlockBytes || maxPayloadBytes % minBlockBytes != 0) {
            throw new IllegalArgumentException("inconsistent block sizes " + minBlockBytes + "/"
                    + preferredBlockBytes + "/" + maxPayloadBytes);
        }
        if (maxInFlightRequests < 1 || maxInFlightBytes < 1 || maxOptionBytes < 8
                || maxOptions < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
    }

    /** No listener yet; block sizes 1/4096/32 MiB; 64 requests or 64 MiB in flight. */
    public static NbdServerOptions defaults() {
        return new NbdServerOptions(null, 0, null, 1, 4096, DEFAULT_MAX_PAYLOAD_BYTES,
                64, 64L << 20, 16 * 1024, 256);
    }

    public NbdServerOptions withTcp(String host, int port) {
        return new NbdServerOptions(host, port, unixSocket, minBlockBytes, preferredBlockBytes,
                maxPayloadBytes, maxInFlightRequests, maxInFlightBytes, maxOptionBytes, maxOptions);
    }

    public NbdServerOptions withUnixSocket(Path path) {
        return new NbdServerOptions(tcpHost, tcpPort, path, minBlockBytes, preferredBlockBytes,
                maxPayloadBytes, maxInFlightRequests, maxInFlightBytes, maxOptionBytes, maxOptions);
    }

    public NbdServerOptions withBlockSizes(int minBytes, int preferredBytes, int maxPayload) {
        return new NbdServerOptions(tcpHost, tcpPort, unixSocket, minBytes, preferredBytes,
                maxPayload, maxInFlightRequests, maxInFlightBytes, maxOptionBytes, maxOptions);
    }

    public NbdServerOptions withInFlight(int requests, long bytes) {
        return new NbdServerOptions(tcpHost, tcpPort, unixSocket, minBlockBytes,
                preferredBlockBytes, maxPayloadBytes, requests, bytes, maxOptionBytes, maxOptions);
    }
}
