package org.jdrbd.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.SplitBrainSummary;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Drbd9View;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;

/**
 * Gauges of what {@code drbdsetup status} shows, set from the engine's status on every scrape
 * (the same owned-context snapshot status uses, so no meter reads a resource's state from another
 * thread): role, disk and connection states, the peer's disk, replication state, out-of-sync bytes
 * and split brain. Series of volumes and connections that are gone are removed.
 */
final class StateMetrics {
    /** Bytes per bitmap bit (4 KiB blocks). */
    private static final long BYTES_PER_BIT = 4096;

    private final MeterRegistry registry;
    private final Map<String, EnumGauge<Role>> roles = new HashMap<>();
    private final Map<String, EnumGauge<Drbd9View.Connection>> connections = new HashMap<>();
    private final Map<String, DeviceGauges> devices = new HashMap<>();
    private final Map<String, PeerDeviceGauges> peerDevices = new HashMap<>();

    StateMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Sets every gauge from {@code all}. Series of vanished objects are removed first, so a
     * series that comes back under the same labels is registered anew and not taken for the old.
     */
    synchronized void update(List<ResourceStatus> all) {
        Map<String, ResourceStatus> withVolumes = new HashMap<>();
        Set<String> connKeys = new HashSet<>();
        Set<String> devKeys = new HashSet<>();
        Set<String> pdKeys = new HashSet<>();
        for (ResourceStatus r : all) {
            if (r.volumes().isEmpty()) {
                continue;
            }
            withVolumes.put(r.name(), r);
            if (r.peerNodeId() >= 0) {
                connKeys.add(connKey(r));
            }
            for (VolumeStatus v : r.volumes()) {
                devKeys.add(devKey(r, v));
                if (r.peerNodeId() >= 0) {
                    pdKeys.add(pdKey(r, v));
                }
            }
        }
        prune(roles, withVolumes.keySet(), g -> g.remove(registry));
        prune(connections, connKeys, g -> g.remove(registry));
        prune(devices, devKeys, g -> g.remove(registry));
        prune(peerDevices, pdKeys, g -> g.remove(registry));
        for (ResourceStatus r : withVolumes.values()) {
            set(r);
        }
    }

    private void set(ResourceStatus r) {
        State first = r.volumes().get(0).state();
        roles.computeIfAbsent(r.name(), k -> new EnumGauge<>(registry, "drbd_resource_role",
                "Role of the resource (1 = current)", Tags.of("name", r.name()), "drbd_role",
                Role.class, Role::displayName, Role.SECONDARY)).set(first.role());
        boolean peered = r.peerNodeId() >= 0;
        if (peered) {
            connections.computeIfAbsent(connKey(r), k -> new EnumGauge<>(registry,
                    "drbd_connection_state", "DRBD 9 connection state towards the peer (1 = current)",
                    Tags.of("name", r.name(), "conn_name", r.connName()), "drbd_connection_state",
                    Drbd9View.Connection.class, Drbd9View.Connection::displayName,
                    Drbd9View.Connection.STANDALONE)).set(Drbd9View.connection(first.conn()));
        }
        for (VolumeStatus v : r.volumes()) {
            devices.computeIfAbsent(devKey(r, v), k -> new DeviceGauges(r.name(), v)).set(v);
            if (peered) {
                peerDevices.computeIfAbsent(pdKey(r, v), k -> new PeerDeviceGauges(r, v)).set(v);
            }
        }
    }

    private static String connKey(ResourceStatus r) {
        return r.name() + "\0" + r.connName();
    }

    private static String devKey(ResourceStatus r, VolumeStatus v) {
        return r.name() + "\0" + v.volume() + "\0" + v.minor();
    }

    private static String pdKey(ResourceStatus r, VolumeStatus v) {
        return devKey(r, v) + "\0" + r.connName();
    }

    private static <G> void prune(Map<String, G> gauges, Set<String> keep,
            java.util.function.Consumer<G> remove) {
        gauges.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            remove.accept(e.getValue());
            return true;
        });
    }

    /** The local disk of one volume. */
    private final class DeviceGauges {
        private final EnumGauge<DiskState> disk;
        private final AtomicLong sizeBytes = new AtomicLong();
        private final Gauge size;

        DeviceGauges(String resource, VolumeStatus v) {
            Tags tags = Tags.of("name", resource, "volume", Integer.toString(v.volume()),
                    "minor", Integer.toString(v.minor()));
            disk = new EnumGauge<>(registry, "drbd_device_state", "Local disk state (1 = current)",
                    tags, "drbd_disk_state", DiskState.class, DiskState::displayName, DiskState.DISKLESS);
            size = Gauge.builder("drbd_device_size_bytes", sizeBytes, AtomicLong::doubleValue)
                    .tags(tags).description("Usable size of the device in bytes").register(registry);
        }

        void set(VolumeStatus v) {
            disk.set(v.state().disk());
            sizeBytes.set(v.sizeBytes());
        }

        void remove(MeterRegistry registry) {
            disk.remove(registry);
            registry.remove(size);
        }
    }

    /** One volume towards the peer: its disk, replication, out-of-sync data, split brain. */
    private final class PeerDeviceGauges {
        private final EnumGauge<DiskState> peerDisk;
        private final EnumGauge<Drbd9View.Replication> replication;
        private final AtomicLong outOfSyncBytes = new AtomicLong();
        private final AtomicLong splitBrain = new AtomicLong();
        private final AtomicLong discardedBytes = new AtomicLong();
        private final Gauge outOfSync;
        private final Gauge splitBrainGauge;
        private final Gauge discarded;
        private final Counter splitBrainReports;
        private SplitBrainSummary lastReport;

        PeerDeviceGauges(ResourceStatus r, VolumeStatus v) {
            Tags tags = Tags.of("name", r.name(), "volume", Integer.toString(v.volume()),
                    "conn_name", r.connName());
            peerDisk = new EnumGauge<>(registry, "drbd_peerdevice_peer_disk_state",
                    "The peer's disk state as this node knows it (1 = current)", tags,
                    "drbd_disk_state", DiskState.class, DiskState::displayName, DiskState.UNKNOWN);
            replication = new EnumGauge<>(registry, "drbd_peerdevice_replication_state",
                    "DRBD 9 replication state towards the peer (1 = current)", tags,
                    "drbd_replication_state", Drbd9View.Replication.class,
                    Drbd9View.Replication::displayName, Drbd9View.Replication.OFF);
            outOfSync = Gauge.builder("drbd_peerdevice_outofsync_bytes", outOfSyncBytes,
                    AtomicLong::doubleValue).tags(tags)
                    .description("Data marked out of sync for the peer, in bytes").register(registry);
            splitBrainGauge = Gauge.builder("drbd_peerdevice_split_brain", splitBrain,
                    AtomicLong::doubleValue).tags(tags)
                    .description("1 when the last handshake with the peer met a split brain "
                            + "(kept until the connection is gone)").register(registry);
            discarded = Gauge.builder("drbd_peerdevice_split_brain_discarded_bytes", discardedBytes,
                    AtomicLong::doubleValue).tags(tags)
                    .description("Changes the last split-brain resolution throws away, in bytes")
                    .register(registry);
            splitBrainReports = Counter.builder("drbd_peerdevice_split_brain_reports").tags(tags)
                    .description("Split-brain reports seen (a new report since the previous scrape)")
                    .register(registry);
        }

        void set(VolumeStatus v) {
            peerDisk.set(v.state().pdsk());
            replication.set(Drbd9View.replication(v.state().conn()));
            outOfSyncBytes.set(v.outOfSyncBits() * BYTES_PER_BIT);
            SplitBrainSummary report = v.splitBrain();
            splitBrain.set(report == null ? 0 : 1);
            discardedBytes.set(report == null ? 0 : report.discardedBlocks() * BYTES_PER_BIT);
            if (report != null && !Objects.equals(report, lastReport)) {
                splitBrainReports.increment();
            }
            lastReport = report;
        }

        void remove(MeterRegistry registry) {
            peerDisk.remove(registry);
            replication.remove(registry);
            registry.remove(outOfSync);
            registry.remove(splitBrainGauge);
            registry.remove(discarded);
            registry.remove(splitBrainReports);
        }
    }
}
