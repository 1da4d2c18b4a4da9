package org.jdrbd.daemon.admin;

import java.util.List;

/**
 * A resource with everything events2 shows of it: its status, and its connection and paths
 * when {@code new-peer} made one.
 *
 * @param status   resource and volumes as status shows them
 * @param connName the connection's name (the peer's {@code _name}, else {@code peer-N}), null
 *                 when the resource has no connection object
 * @param paths    the connection's paths, empty without connection or path
 */
public record ResourceObjects(ResourceStatus status, String connName, List<PathStatus> paths) {
    public ResourceObjects {
        paths = List.copyOf(paths);
    }

    /** True when the resource has a connection object (events2 connection and peer-devices). */
    public boolean hasConnection() {
        return connName != null;
    }
}
