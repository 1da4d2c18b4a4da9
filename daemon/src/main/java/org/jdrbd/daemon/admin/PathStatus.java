package org.jdrbd.daemon.admin;

/**
 * One network path of a connection as events2 shows it.
 *
 * @param local       this node's address, {@code ipv4:HOST:PORT}
 * @param peer        the peer's address, {@code ipv4:HOST:PORT}
 * @param established the sockets of this path are connected
 */
public record PathStatus(String local, String peer, boolean established) {
}
