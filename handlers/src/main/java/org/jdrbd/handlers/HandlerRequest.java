package org.jdrbd.handlers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.jdrbd.statemachine.HandlerName;

/**
 * Everything needed to run one handler: which handler, for which resource/volume/peer, the
 * command from the local config, and the connection epoch the result will be tagged with.
 *
 * <p>{@code command} is empty when the local config defines no such handler; the runner then
 * answers at once as drbdadm does (exit code 0 without running anything). It is never filled
 * from peer data (see {@link HandlerCommand}).
 *
 * @param handler which handler
 * @param resource the resource name (DRBD_RESOURCE, {@code name:} in events2)
 * @param command the locally configured shell command, empty when not configured
 * @param confFile the config file path for DRBD_CONF, {@code null} when unknown
 * @param volumes this node's volumes of the resource, in volume order
 * @param deviceVnr the volume a device-level call is about; empty for a resource-level call
 * @param peer the peer a connection/peer-device call is about; empty otherwise
 * @param myAddress this node's replication address, {@code null} when not configured
 * @param myNodeId this node's node id, -1 when the config has none
 * @param nodeNames host names per node id, for DRBD_NODE_ID_&lt;n&gt;
 * @param peerHostNames the host names of every peer of the resource (DRBD_PEERS)
 * @param upToDateNodesMask bit n set = node n has UpToDate data (UP_TO_DATE_NODES)
 * @param connectionEpoch the connection epoch when the handler was started
 * @param timeout how long the handler may run; empty = the runner's default
 */
public record HandlerRequest(HandlerName handler, String resource, Optional<HandlerCommand> command,
        String confFile, List<VolumeInfo> volumes, OptionalInt deviceVnr, Optional<PeerInfo> peer,
        NetAddress myAddress, int myNodeId, Map<Integer, List<String>> nodeNames,
        List<String> peerHostNames, long upToDateNodesMask, long connectionEpoch,
        Optional<Duration> timeout) {

    public HandlerRequest {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(deviceVnr, "deviceVnr");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(timeout, "timeout");
        if (resource == null || resource.isEmpty()) {
            throw new IllegalArgumentException("handler request without resource name");
        }
        volumes = List.copyOf(volumes);
        nodeNames = Collections.unmodifiableMap(new TreeMap<>(nodeNames));
        peerHostNames = List.copyOf(peerHostNames);
        if (deviceVnr.isPresent() && volumeByVnr(volumes, deviceVnr.getAsInt()).isEmpty()) {
            throw new IllegalArgumentException("device volume " + deviceVnr.getAsInt()
                    + " is not a volume of resource " + resource);
        }
    }

    /** Starts a request for a handler of a resource; everything else is optional. */
    public static Builder builder(HandlerName handler, String resource) {
        return new Builder(handler, resource);
    }

    /** The volume a device-level call is about. */
    public Optional<VolumeInfo> device() {
        return deviceVnr.isPresent() ? volumeByVnr(volumes, deviceVnr.getAsInt()) : Optional.empty();
    }

    private static Optional<VolumeInfo> volumeByVnr(List<VolumeInfo> volumes, int vnr) {
        return volumes.stream().filter(v -> v.vnr() == vnr).findFirst();
    }

    /** Step-by-step construction; unset parts stay absent. */
    public static final class Builder {
        private final HandlerName handler;
        private final String resource;
        private HandlerCommand command;
        private String confFile;
        private final List<VolumeInfo> volumes = new ArrayList<>();
        private Integer deviceVnr;
        private PeerInfo peer;
        private NetAddress myAddress;
        private int myNodeId = -1;
        private final Map<Integer, List<String>> nodeNames = new TreeMap<>();
        private final List<String> peerHostNames = new ArrayList<>();
        private long upToDateNodesMask;
        private long connectionEpoch;
        private Duration timeout;

        private Builder(HandlerName handler, String resource) {
            this.handler = handler;
            this.resource = resource;
        }

        /** The command from the local config; not calling this means "not configured". */
        public Builder command(HandlerCommand c) {
            this.command = c;
            return this;
        }

        public Builder confFile(String path) {
            this.confFile = path;
            return this;
        }

        public Builder volume(VolumeInfo v) {
            volumes.add(v);
            return this;
        }

        /** Makes this a device-level call about volume {@code vnr}. */
        public Builder device(int vnr) {
            this.deviceVnr = vnr;
            return this;
        }

        public Builder peer(PeerInfo p) {
            this.peer = p;
            return this;
        }

        public Builder myAddress(NetAddress a) {
            this.myAddress = a;
            return this;
        }

        public Builder myNodeId(int id) {
            this.myNodeId = id;
            return this;
        }

        /** Host names of node {@code id} (this node and peers alike). */
        public Builder nodeNames(int id, List<String> names) {
            nodeNames.put(id, List.copyOf(names));
            return this;
        }

        public Builder peerHostName(String name) {
            peerHostNames.add(name);
            return this;
        }

        public Builder upToDateNodesMask(long mask) {
            this.upToDateNodesMask = mask;
            return this;
        }

        public Builder connectionEpoch(long epoch) {
            this.connectionEpoch = epoch;
            return this;
        }

        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        public HandlerRequest build() {
            return new HandlerRequest(handler, resource, Optional.ofNullable(command), confFile,
                    volumes, deviceVnr == null ? OptionalInt.empty() : OptionalInt.of(deviceVnr),
                    Optional.ofNullable(peer), myAddress, myNodeId, nodeNames, peerHostNames,
                    upToDateNodesMask, connectionEpoch, Optional.ofNullable(timeout));
        }
    }
}
