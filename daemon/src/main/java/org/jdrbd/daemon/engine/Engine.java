package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.StateEvent;
import org.jdrbd.daemon.nbd.ExportRegistry;
import org.jdrbd.daemon.registry.ResourceRecord;
import org.jdrbd.daemon.registry.StateRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's resources and devices (single node): {@link AdminOps} over {@link Resource}s, each
 * on its own event-loop context. The maps here are only indexes; every state change happens on
 * the owning resource's context.
 */
public final class Engine implements AdminOps {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    final ExportRegistry exports;
    private final VertxInternal vertx;
    private final Map<String, Resource> resources = new ConcurrentHashMap<>();
    private final Map<Integer, Volume> minors = new ConcurrentHashMap<>();
    private final List<Consumer<StateEvent>> listeners = new CopyOnWriteArrayList<>();
    private final StateRegistry registry;
    /** Wraps every opened backing store; tests inject faults here. */
    java.util.function.UnaryOperator<org.jdrbd.daemon.store.BackingStore> storeDecorator = s -> s;

    final org.jdrbd.daemon.metrics.DaemonMetrics metrics;
    /** Runs every handler of this daemon (bounded pool; never on an event loop). */
    final org.jdrbd.handlers.HandlerRunner handlerRunner = new org.jdrbd.handlers.HandlerRunner(
            org.jdrbd.handlers.RunnerSettings.defaults(), org.jdrbd.handlers.HandlerEventListener.NONE);
    /** The usermode helper command (DRBD's /sbin/drbdadm), from the daemon's command line. */
    private volatile String usermodeHelper = DEFAULT_USERMODE_HELPER;

    /** DRBD's usermode helper: drbdadm on the PATH. */
    public static final String DEFAULT_USERMODE_HELPER = "drbdadm";

    /** Sets the helper command handlers are run through ({@code <helper> <handler> <resource>}). */
    public void setUsermodeHelper(String command) {
        usermodeHelper = command;
    }

    /** The kernel nbd devices (jdrbdd --kernel-nbd), null when not wanted. */
    private volatile KernelDevices kernelDevices;

    /** Attaches each minor N to /dev/nbdN while Primary (null: never). */
    public void setKernelDevices(KernelDevices devices) {
        kernelDevices = devices;
    }

    /** Status' text for minor's kernel device ("/dev/nbd0 attached"), null when none. */
    String kernelDevice(int minor, String export) {
        KernelDevices kd = kernelDevices;
        if (kd == null || kd.status(minor).state() == KernelDeviceStatus.State.NONE) {
            return null;
        }
        return kd.describe(minor, export).substring("kernel-device:".length());
    }

    String usermodeHelper() {
        return usermodeHelper;
    }

    public Engine(Vertx vertx, ExportRegistry exports, StateRegistry registry) {
        this(vertx, exports, registry, null);
    }

    /** With meters in {@code metrics} (null: none). */
    public Engine(Vertx vertx, ExportRegistry exports, StateRegistry registry,
            org.jdrbd.daemon.metrics.DaemonMetrics metrics) {
        this.metrics = metrics;
        this.vertx = (VertxInternal) vertx;
        this.exports = exports;
        this.registry = registry;
        Warmup.run();
    }

    /** Remembers {@code r} as it is now (on its context, after a successful admin change). */
    private AdminResult save(Resource r, AdminResult res) {
        r.assertOwner();
        if (res.ok() && !r.readopting && resources.get(r.name) == r) {
            registry.put(r.record());
        }
        return res;
    }

    /**
     * Brings back every resource the registry remembers (after a crash or restart): created,
     * peers configured, disks attached with the AL applied, Secondary; never promoted.
     */
    public Future<Void> readopt() {
        List<Future<AdminResult>> all = new ArrayList<>();
        for (ResourceRecord rec : registry.resources()) {
            all.add(Readoption.readopt(this, rec));
        }
        return Future.join(all).mapEmpty();
    }

    void publish(StateEvent event) {
        for (Consumer<StateEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.error("state event listener failed: {}", e.toString());
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<StateEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** events2's snapshots and helper lines. */
    final Events2Feed feed = new Events2Feed();

    @Override
    public AutoCloseable subscribeObjects(Consumer<org.jdrbd.daemon.admin.AdminEvent> listener) {
        if (feed.hookOnce()) {
            subscribe(e -> {
                Resource r = resources.get(e.resource());
                if (r != null) {
                    feed.changed(r, true);
                }
            });
        }
        return feed.add(listener);
    }

    @Override
    public Future<List<org.jdrbd.daemon.admin.AdminEvent.Objects>> objects() {
        List<Future<org.jdrbd.daemon.admin.AdminEvent.Objects>> all = new ArrayList<>();
        for (Resource r : resources.values()) {
            all.add(feed.snapshotLater(r, true));
        }
        return Future.join(all).transform(ignored -> {
            List<org.jdrbd.daemon.admin.AdminEvent.Objects> out = new ArrayList<>();
            for (Future<org.jdrbd.daemon.admin.AdminEvent.Objects> f : all) {
                if (f.succeeded()) {
                    out.add(f.result());
                }
            }
            out.sort(Comparator.comparing(org.jdrbd.daemon.admin.AdminEvent.Objects::resource));
            return Future.succeededFuture(out);
        });
    }

    /** events2: objects of {@code r} were created or removed (any thread). */
    void objectsChanged(Resource r) {
        feed.changed(r, resources.get(r.name) == r);
    }

    /** events2: a handler call or response (UsermodeHelper, on the resource's context). */
    void publishHelper(org.jdrbd.daemon.admin.HelperLine line) {
        feed.helper(line);
    }

    @Override
    public Future<AdminResult> newResource(String resource, int nodeId) {
        return createResource(resource, nodeId, false);
    }

    /**
     * new-resource; while {@code readopting}, admin changes are not written to the registry, so a
     * crash during re-adoption keeps the complete old record.
     */
    synchronized Future<AdminResult> createResource(String resource, int nodeId, boolean readopting) {
        if (resource == null || resource.isEmpty() || resource.contains("/") || nodeId < 0 || nodeId > 31) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                    "bad resource name or node-id"));
        }
        Resource existing = resources.get(resource);
        if (existing != null) {
            return Future.succeededFuture(existing.nodeId == nodeId ? AdminResult.success()
                    : AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                            "resource exists with node-id " + existing.nodeId));
        }
        Resource r = new Resource(resource, nodeId, vertx.createEventLoopContext(), this);
        r.readopting = readopting;
        resources.put(resource, r);
        objectsChanged(r);
        if (!readopting) {
            registry.put(new ResourceRecord(resource, nodeId, -1, List.of()));
        }
        r.log.info("new resource, node-id {}", nodeId);
        return Future.succeededFuture(AdminResult.success());
    }

    /** Ends re-adoption of {@code name}: from now on its changes are remembered again. */
    Future<AdminResult> endReadoption(String name, AdminResult outcome) {
        Resource r = resources.get(name);
        if (r == null) {
            return Future.succeededFuture(outcome);
        }
        return r.admin(() -> {
            r.readopting = false;
            return Future.succeededFuture(outcome.ok() ? save(r, outcome) : outcome);
        });
    }

    @Override
    public Future<AdminResult> newMinor(String resource, int minor, int volume) {
        Resource r = resources.get(resource);
        if (r == null) {
            return unknownResource(resource);
        }
        return r.admin(() -> {
            if (minor < 0 || volume < 0 || volume > 65534) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                        "bad minor or volume number"));
            }
            Volume v = new Volume(r, volume, minor);
            if (r.volumes.containsKey(volume) || minors.putIfAbsent(minor, v) != null) {
                return Future.succeededFuture(AdminResult.failed(
                        AdminError.ERR_MINOR_OR_VOLUME_EXISTS, ""));
            }
            r.volumes.put(volume, v);
            KernelDevices kd = kernelDevices;
            if (kd != null) {
                kd.configure(minor, java.nio.file.Path.of("/dev/nbd" + minor));
            }
            PeerAdmin.volumeChanged(v);
            objectsChanged(r);
            v.log.info("new minor {}", minor);
            return Future.succeededFuture(save(r, AdminResult.success()));
        });
    }

    @Override
    public Future<AdminResult> newPeer(String resource, int peerNodeId) {
        Resource r = resources.get(resource);
        if (r == null) {
            return unknownResource(resource);
        }
        return r.admin(() -> {
            if (peerNodeId < 0 || peerNodeId > 31 || peerNodeId == r.nodeId) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                        "bad peer node-id " + peerNodeId));
            }
            if (r.peerNodeId >= 0 && r.peerNodeId != peerNodeId) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                        "only one peer per resource in this version"));
            }
            r.peerNodeId = peerNodeId;
            return r.eachVolume(v -> PeerSlots.assign(v)).map(res -> save(r, res));
        });
    }

    @Override
    public Future<AdminResult> newPeer(String resource, int peerNodeId,
            org.jdrbd.daemon.repl.NetOptions options) {
        if (options.error() != null) {
            // An unknown verify-alg or csums-alg: refused before anything is created.
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                    options.error()));
        }
        return newPeer(resource, peerNodeId).compose(res -> !res.ok() ? Future.succeededFuture(res)
                : onResource(resource, r -> {
                    PeerAdmin.connection(r, options);
                    return Future.succeededFuture(res);
                }));
    }

    @Override
    public Future<AdminResult> newPath(String resource, int peer, String local, String remote) {
        return onResource(resource, r -> PeerAdmin.newPath(r, peer, local, remote));
    }

    @Override
    public Future<AdminResult> connect(String resource, int peer, boolean discardMyData,
            boolean tentative) {
        return onResource(resource, r -> PeerAdmin.connect(r, peer, discardMyData, tentative));
    }

    @Override
    public Future<AdminResult> changeNetOptions(String resource, int peer,
            org.jdrbd.netlink.msg.TagList request, org.jdrbd.netlink.schema.TagDef container,
            boolean setDefaults) {
        return onResource(resource, r -> PeerAdmin.changeOptions(r, peer, request, container,
                setDefaults));
    }

    @Override
    public Future<AdminResult> disconnect(String resource, int peer, boolean force) {
        return onResource(resource, r -> PeerAdmin.disconnect(r, peer, force));
    }

    @Override
    public Future<AdminResult> delPath(String resource, int peer) {
        return onResource(resource, r -> PeerAdmin.delPath(r, peer));
    }

    @Override
    public Future<AdminResult> delPeer(String resource, int peer) {
        return onResource(resource, r -> PeerAdmin.delPeer(r, peer));
    }

    @Override
    public Future<AdminResult> verify(String resource, int peer, int volume, long startSector,
            long stopSector) {
        return onResource(resource, r -> {
            if (r.peerNodeId != peer || r.connection == null) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                        "no connection to peer node-id " + peer));
            }
            if (!r.volumes.containsKey(volume)) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_MINOR_INVALID,
                        "no volume " + volume));
            }
            return org.jdrbd.daemon.repl.OnlineVerify.request(r.connection, volume, startSector,
                    stopSector, registry).map(Engine::verifyResult);
        });
    }

    private static AdminResult verifyResult(org.jdrbd.daemon.repl.OnlineVerify.Result v) {
        if (v.error() != null) {
            return AdminResult.failed(AdminError.ERR_INVALID_REQUEST, v.error());
        }
        return v.rv().isSuccess() ? AdminResult.changed(v.rv(), List.of())
                : AdminResult.refused(v.rv(), "");
    }

    /** The Vert.x instance (connections open sockets with it). */
    io.vertx.core.Vertx vertx() {
        return vertx;
    }

    @Override
    public Future<AdminResult> attach(AttachRequest request) {
        return onMinor(request.minor(), v -> DiskAdmin.attach(v, request)
                .compose(res -> res.ok() && v.resource.peerNodeId >= 0 ? PeerSlots.assign(v)
                        .map(res) : Future.succeededFuture(res)));
    }

    @Override
    public Future<AdminResult> detach(int minor) {
        return onMinor(minor, DiskAdmin::detach);
    }

    @Override
    public Future<AdminResult> primary(String resource, boolean force) {
        return onResource(resource, r -> r.eachVolume(v -> KernelDeviceHooks.afterPrimary(kernelDevices, v,
                VolumeOps.primary(v, force))));
    }

    @Override
    public Future<AdminResult> secondary(String resource) {
        return onResource(resource, r -> r.eachVolume(v -> KernelDeviceHooks.aroundSecondary(kernelDevices, v,
                VolumeOps::secondary)));
    }

    @Override
    public Future<AdminResult> newCurrentUuid(int minor, boolean clearBitmap) {
        return onMinor(minor, v -> VolumeOps.newCurrentUuid(v, clearBitmap));
    }

    @Override
    public Future<AdminResult> invalidate(int minor) {
        return onMinor(minor, VolumeOps::invalidate);
    }

    @Override
    public Future<AdminResult> outdate(int minor) {
        return onMinor(minor, VolumeOps::outdate);
    }

    @Override
    public Future<AdminResult> suspendIo(int minor) {
        return onMinor(minor, VolumeOps::suspendIo);
    }

    @Override
    public Future<AdminResult> resumeIo(int minor) {
        return onMinor(minor, VolumeOps::resumeIo);
    }

    @Override
    public Future<AdminResult> down(String resource) {
        Resource r = resources.get(resource);
        if (r == null) {
            return unknownResource(resource);
        }
        return r.admin(() -> PeerAdmin.close(r).compose(x -> r.eachVolume(v -> KernelDeviceHooks.aroundSecondary(
                kernelDevices, v, VolumeOps::secondary)))
                .compose(res -> res.ok() ? r.eachVolume(DiskAdmin::detach) : Future.succeededFuture(res))
                .map(res -> {
                    if (res.ok()) {
                        r.volumes.values().forEach(v -> forgetMinor(v));
                        resources.remove(resource, r);
                        registry.remove(resource);
                        r.log.info("resource down");
                    }
                    objectsChanged(r);
                    return res;
                }));
    }

    /** The minor is gone: its number is free, its kernel device no longer configured. */
    private void forgetMinor(Volume v) {
        minors.remove(v.minor, v);
        KernelDevices kd = kernelDevices;
        if (kd != null) {
            kd.forget(v.context(), v.minor);
        }
    }

    /** Downs every resource (SIGTERM); completes when all are down or refused. */
    public Future<List<AdminResult>> downAll() {
        List<Future<AdminResult>> all = new ArrayList<>();
        for (String name : new ArrayList<>(resources.keySet())) {
            all.add(down(name));
        }
        return Future.all(all).map(cf -> cf.list());
    }

    @Override
    public Future<AdminResult> delMinor(int minor) {
        Volume v = minors.get(minor);
        if (v == null) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_MINOR_INVALID,
                    "minor " + minor));
        }
        Resource r = v.resource;
        return r.admin(() -> {
            // As DRBD: only a volume without a disk and not Primary may go.
            if (v.disk != null || v.state.role() == org.jdrbd.statemachine.Role.PRIMARY) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_MINOR_CONFIGURED, ""));
            }
            r.volumes.remove(v.number, v);
            forgetMinor(v);
            objectsChanged(r);
            v.log.info("minor {} deleted", minor);
            return Future.succeededFuture(save(r, AdminResult.success()));
        });
    }

    @Override
    public Future<AdminResult> delResource(String resource) {
        Resource r = resources.get(resource);
        if (r == null) {
            return unknownResource(resource);
        }
        return r.admin(() -> {
            if (!r.volumes.isEmpty()) {
                return Future.succeededFuture(AdminResult.failed(AdminError.ERR_RES_IN_USE, ""));
            }
            resources.remove(resource, r);
            objectsChanged(r);
            registry.remove(resource);
            r.log.info("resource deleted");
            return Future.succeededFuture(AdminResult.success());
        });
    }

    @Override
    public Future<org.jdrbd.daemon.admin.GenerationInfo> generationInfo(String resource,
            int peerNodeId, int volume) {
        Resource r = resources.get(resource);
        if (r == null) {
            return Future.succeededFuture(org.jdrbd.daemon.admin.GenerationInfo.none(
                    AdminResult.failed(AdminError.ERR_RES_NOT_KNOWN, resource)));
        }
        return r.admin(() -> Future.succeededFuture(Gi.of(r, peerNodeId, volume)),
                e -> org.jdrbd.daemon.admin.GenerationInfo.none(
                        AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "internal error")));
    }

    @Override
    public Future<List<ResourceStatus>> status() {
        List<Future<ResourceStatus>> all = new ArrayList<>();
        for (Resource r : resources.values()) {
            all.add(r.admin(() -> Future.succeededFuture(r.status()), e -> null));
        }
        return Future.all(all).map(cf -> {
            List<ResourceStatus> out = new ArrayList<>();
            for (int i = 0; i < cf.size(); i++) {
                if (cf.resultAt(i) != null) {
                    out.add(cf.resultAt(i));
                }
            }
            out.sort(Comparator.comparing(ResourceStatus::name));
            return out;
        });
    }

    private Future<AdminResult> onResource(String resource, Function<Resource, Future<AdminResult>> op) {
        Resource r = resources.get(resource);
        return r == null ? unknownResource(resource)
                : r.admin(() -> op.apply(r).map(res -> save(r, res)).andThen(x -> objectsChanged(r)));
    }

    private Future<AdminResult> onMinor(int minor, Function<Volume, Future<AdminResult>> op) {
        Volume v = minors.get(minor);
        if (v == null) {
            return Future.succeededFuture(AdminResult.failed(AdminError.ERR_MINOR_INVALID,
                    "minor " + minor));
        }
        return v.resource.admin(() -> op.apply(v).map(res -> save(v.resource, res))
                .andThen(x -> objectsChanged(v.resource)));
    }

    private static Future<AdminResult> unknownResource(String name) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_RES_NOT_KNOWN, name));
    }
}
