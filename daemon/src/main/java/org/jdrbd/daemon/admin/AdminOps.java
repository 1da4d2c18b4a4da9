package org.jdrbd.daemon.admin;

import io.vertx.core.Future;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon's admin interface: what drbdsetup asks of the kernel module, as typed calls. The
 * control-protocol server translates requests into these calls and the results back into DRBD's
 * reply codes. Every call may be made from any thread; results complete on the owning
 * resource's context. Failures are {@link AdminResult}s, never failed futures.
 */
public interface AdminOps {

    /** {@code new-resource NAME NODE_ID}. */
    Future<AdminResult> newResource(String resource, int nodeId);

    /** {@code new-minor RES MINOR VOLUME}. */
    Future<AdminResult> newMinor(String resource, int minor, int volume);

    /**
     * The peer this node keeps a bitmap slot for ({@code new-peer} without the connection, which
     * comes in the next issue): from now on, local writes are out of sync for it.
     */
    Future<AdminResult> newPeer(String resource, int peerNodeId);

    /** {@code attach}. */
    Future<AdminResult> attach(AttachRequest request);

    /** {@code detach MINOR}. */
    Future<AdminResult> detach(int minor);

    /** {@code primary RES [--force]}. */
    Future<AdminResult> primary(String resource, boolean force);

    /** {@code secondary RES}. */
    Future<AdminResult> secondary(String resource);

    /** {@code new-current-uuid MINOR [--clear-bitmap]}. */
    Future<AdminResult> newCurrentUuid(int minor, boolean clearBitmap);

    /** {@code invalidate MINOR}. */
    Future<AdminResult> invalidate(int minor);

    /** {@code outdate MINOR}. */
    Future<AdminResult> outdate(int minor);

    /** {@code suspend-io MINOR}. */
    Future<AdminResult> suspendIo(int minor);

    /** {@code resume-io MINOR}. */
    Future<AdminResult> resumeIo(int minor);

    /** {@code down RES}: demote, detach every volume, forget the resource. */
    Future<AdminResult> down(String resource);

    /** {@code del-minor MINOR}: forgets a Diskless, Secondary volume. */
    Future<AdminResult> delMinor(int minor);

    /** {@code del-resource RES}: forgets a resource without volumes. */
    Future<AdminResult> delResource(String resource);

    /** {@code get-gi RES PEER VOL}: UUIDs and flags of a volume towards one peer. */
    Future<GenerationInfo> generationInfo(String resource, int peerNodeId, int volume);

    /** {@code new-peer RES PEER} with net options (protocol, shared secret, timers...). */
    default Future<AdminResult> newPeer(String resource, int peerNodeId,
            org.jdrbd.daemon.repl.NetOptions options) {
        return newPeer(resource, peerNodeId);
    }

    /** {@code new-path RES PEER LOCAL REMOTE}. */
    default Future<AdminResult> newPath(String resource, int peerNodeId, String local, String remote) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /** {@code connect RES PEER}. */
    default Future<AdminResult> connect(String resource, int peerNodeId) {
        return connect(resource, peerNodeId, false, false);
    }

    /**
     * {@code connect RES PEER [--discard-my-data] [--tentative]}: discard-my-data gives this
     * node's data up should the handshake find a split brain it cannot resolve otherwise;
     * tentative only reports what the handshake would decide.
     */
    default Future<AdminResult> connect(String resource, int peerNodeId, boolean discardMyData,
            boolean tentative) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /**
     * {@code net-options RES PEER ...} and {@code peer-device-options RES PEER VOL ...}: the
     * options named in {@code request}'s {@code container} change, the rest stay (or go back to
     * their defaults with {@code setDefaults}).
     */
    default Future<AdminResult> changeNetOptions(String resource, int peerNodeId,
            org.jdrbd.netlink.msg.TagList request, org.jdrbd.netlink.schema.TagDef container,
            boolean setDefaults) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /** {@code disconnect RES PEER [--force]}. */
    default Future<AdminResult> disconnect(String resource, int peerNodeId, boolean force) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /** {@code del-path RES PEER LOCAL REMOTE}. */
    default Future<AdminResult> delPath(String resource, int peerNodeId) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /** {@code del-peer RES PEER}. */
    default Future<AdminResult> delPeer(String resource, int peerNodeId) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /**
     * {@code verify RES PEER VOL [--start S] [--stop S]}: online verify towards the peer, or a
     * new stop for a verify this node runs already. Sectors; -1 for an option not given (no
     * start: resume where the last verify stopped).
     */
    default Future<AdminResult> verify(String resource, int peerNodeId, int volume, long startSector,
            long stopSector) {
        return Future.succeededFuture(AdminResult.failed(AdminError.ERR_INVALID_REQUEST, "not supported"));
    }

    /** Every resource, sorted by name. */
    Future<List<ResourceStatus>> status();

    /** State changes from now on; close the handle to stop. */
    AutoCloseable subscribe(Consumer<StateEvent> listener);

    /**
     * events2's source from now on: a resource's objects after each state change and whenever
     * objects are created or removed, and handler calls and responses; close the handle to stop.
     * Listeners are called on the resource's context and must not block.
     */
    default AutoCloseable subscribeObjects(Consumer<AdminEvent> listener) {
        return () -> { };
    }

    /** Every resource with its events2 objects, sorted by name (the events2 initial dump). */
    default Future<List<AdminEvent.Objects>> objects() {
        return status().map(all -> all.stream().map(r -> new AdminEvent.Objects(r.name(), 0,
                new ResourceObjects(r, r.peerNodeId() >= 0 ? "peer-" + r.peerNodeId() : null,
                        List.of()))).toList());
    }
}
