package org.jdrbd.daemon.admin;

import java.util.List;

/**
 * A resource as {@code status} shows it.
 *
 * @param name     resource name
 * @param nodeId   own node id in this resource
 * @param peerNodeId configured peer's node id, -1 when none
 * @param volumes  its volumes by number
 */
public record ResourceStatus(String name, int nodeId, int peerNodeId, List<VolumeStatus> volumes,
        String connName) {
    public ResourceStatus {
        volumes = List.copyOf(volumes);
        if (connName == null || connName.isEmpty()) {
            connName = "peer-" + peerNodeId;
        }
    }

    /** With DRBD's default connection name (peer-N). */
    public ResourceStatus(String name, int nodeId, int peerNodeId, List<VolumeStatus> volumes) {
        this(name, nodeId, peerNodeId, volumes, null);
    }
}
