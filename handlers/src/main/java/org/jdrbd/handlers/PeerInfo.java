package org.jdrbd.handlers;

import java.util.List;
import java.util.Objects;

/**
 * The peer a connection- or peer-device-level handler is about.
 *
 * @param nodeId the peer's node id (DRBD_PEER_NODE_ID), or -1 when the config has none (8.4 style)
 * @param hostNames the peer's host names from the local config (DRBD_PEER is the first)
 * @param connectionName the connection name shown as {@code conn-name:} in events2
 * @param address the peer's replication address, {@code null} when not configured
 * @param connState the connection state word at the time of the call (DRBD_CSTATE)
 */
public record PeerInfo(int nodeId, List<String> hostNames, String connectionName,
        NetAddress address, String connState) {

    public PeerInfo {
        hostNames = List.copyOf(hostNames);
        Objects.requireNonNull(connectionName, "connectionName");
        Objects.requireNonNull(connState, "connState");
    }

    /** Whether the config gave this peer a node id. */
    public boolean hasNodeId() {
        return nodeId >= 0;
    }
}
