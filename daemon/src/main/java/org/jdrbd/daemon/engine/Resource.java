package org.jdrbd.daemon.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdrbd.daemon.admin.AdminError;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.VolumeStatus;

/**
 * One resource, owned by exactly one Vert.x event-loop context: its volumes' state lives here and
 * is only touched on that context (asserted). Admin operations are queued and run one at a time,
 * so an attach never interleaves with a detach of the same resource.
 */
final class Resource {
    final String name;
    final int nodeId;
    final Context context;
    final Engine engine;
    final VolumeLog log;
    /** Volumes by number. */
    final TreeMap<Integer, Volume> volumes = new TreeMap<>();
    /** The peer this node keeps a bitmap slot for, -1 when none. */
    int peerNodeId = -1;
    /** The connection to the peer once it has a path (repl package), else null. */
    org.jdrbd.daemon.repl.Connection connection;
    /** Being re-adopted from the state registry: changes are not written back until done. */
    volatile boolean readopting;
    private Future<?> lastAdmin = Future.succeededFuture();
    private UsermodeHelper helper;

    Resource(String name, int nodeId, Context context, Engine engine) {
        this.name = name;
        this.nodeId = nodeId;
        this.context = context;
        this.engine = engine;
        this.log = new VolumeLog(name, -1);
    }

    /** The resource's usermode helper (handlers), made on first use. */
    UsermodeHelper helper() {
        if (helper == null) {
            helper = new UsermodeHelper(this, engine.handlerRunner, engine.usermodeHelper());
        }
        return helper;
    }

    void assertOwner() {
        var current = (io.vertx.core.internal.ContextInternal) io.vertx.core.Vertx.currentContext();
        if (current == null || current.unwrap() != ((io.vertx.core.internal.ContextInternal) context).unwrap()) {
            throw new IllegalStateException("resource " + name + " touched off its context on "
                    + Thread.currentThread().getName());
        }
    }

    /**
     * Runs {@code op} on the resource's context after every earlier admin operation finished.
     * A programmer error inside becomes ERR_INVALID_REQUEST for the caller and is logged.
     */
    <T> Future<T> admin(Supplier<Future<T>> op, Function<Throwable, T> onBug) {
        Promise<T> result = Promise.promise();
        context.runOnContext(x -> {
            Future<?> previous = lastAdmin;
            Future<T> mine = previous.transform(ignored -> {
                try {
                    return op.get();
                } catch (RuntimeException | AssertionError e) {
                    return Future.failedFuture(e);
                }
            });
            lastAdmin = mine.transform(ignored -> Future.succeededFuture());
            mine.onComplete(ar -> {
                if (ar.succeeded()) {
                    result.complete(ar.result());
                } else {
                    log.error("admin operation failed: {}", String.valueOf(ar.cause()));
                    result.complete(onBug.apply(ar.cause()));
                }
            });
        });
        return result.future();
    }

    Future<AdminResult> admin(Supplier<Future<AdminResult>> op) {
        return admin(op, e -> AdminResult.failed(AdminError.ERR_INVALID_REQUEST,
                "internal error: " + e));
    }

    /** Runs {@code op} on every volume in order; the first failure wins. */
    Future<AdminResult> eachVolume(Function<Volume, Future<AdminResult>> op) {
        assertOwner();
        Future<AdminResult> chain = Future.succeededFuture(AdminResult.success());
        for (Volume v : new ArrayList<>(volumes.values())) {
            chain = chain.compose(prev -> prev.ok() ? op.apply(v) : Future.succeededFuture(prev));
        }
        return chain;
    }

    /** What the state registry keeps of this resource. */
    org.jdrbd.daemon.registry.ResourceRecord record() {
        assertOwner();
        List<org.jdrbd.daemon.registry.ResourceRecord.VolumeRecord> vs = new ArrayList<>();
        for (Volume v : volumes.values()) {
            var a = v.attachedWith;
            vs.add(new org.jdrbd.daemon.registry.ResourceRecord.VolumeRecord(v.number, v.minor,
                    a == null ? null : a.backingDisk().toString(),
                    a == null ? null : a.metaDisk().toString(), a == null ? null : a.metaIndex()));
        }
        var c = connection;
        var peer = c == null ? null : new org.jdrbd.daemon.registry.ResourceRecord.PeerRecord(
                PeerConf.encode(c.options()), c.localAddress() == null ? null : c.localAddress().toString(),
                c.peerAddress() == null ? null : c.peerAddress().toString(), !c.standAlone());
        return new org.jdrbd.daemon.registry.ResourceRecord(name, nodeId, peerNodeId, peer, vs);
    }

    ResourceStatus status() {
        assertOwner();
        List<VolumeStatus> vs = new ArrayList<>();
        volumes.values().forEach(v -> vs.add(v.status()));
        return new ResourceStatus(name, nodeId, peerNodeId, vs,
                connection == null ? null : connection.options().peerName());
    }
}
