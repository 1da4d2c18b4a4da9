package org.jdrbd.handlers;

import java.util.Objects;

/**
 * A node's replication address as DRBD exports it to handlers: the address family word
 * ({@code ipv4}, {@code ipv6}, {@code ssocks}, ...) and the textual address without the port.
 *
 * @param af the address family as written in DRBD_PEER_AF / DRBD_MY_AF
 * @param address the textual address as written in DRBD_PEER_ADDRESS / DRBD_MY_ADDRESS
 */
public record NetAddress(String af, String address) {

    public NetAddress {
        Objects.requireNonNull(af, "af");
        Objects.requireNonNull(address, "address");
    }
}
