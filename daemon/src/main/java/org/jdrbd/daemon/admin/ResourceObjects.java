package org.jdrbd.daemon.admin;

import java.util.List;
import java.util.Map;

/**
 * A resource with everything events2 shows of it: its status, and its connection and paths
 * when {@code new-peer} made one.
 *
 * @param status   resource and volumes as status shows them
 * @param connName the connection's name (the peer's {@code _name}, else {@code peer-N}), null
 *                 when the resource has no connection object
 * @param paths    the connection's paths, empty without connection or path
 * @param netOptions the connection's net options as set (keyword to value text), for show
 * @param peerDeviceOptions the peer-device options as set, for show
 */
public record ResourceObjects(ResourceStatus status, String connName, List<PathStatus> paths,
        Map<String, String> netOptions, Map<String, String> peerDeviceOptions) {
    public ResourceObjects {
        paths = List.copyOf(paths);
        netOptions = Map.copyOf(netOptions);
        peerDeviceOptions = Map.copyOf(peerDeviceOptions);
    }

    /** Without options (events2 does not show them). */
    public ResourceObjects(ResourceStatus status, String connName, List<PathStatus> paths) {
        this(status, connName, paths, Map.of(), Map.of());
    }

    /** True when the resource has a connection object (events2 connection and peer-devices). */
    public boolean hasConnection() {
        return connName != null;
    }
}
