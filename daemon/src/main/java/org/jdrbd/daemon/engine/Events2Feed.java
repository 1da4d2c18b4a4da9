package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jdrbd.daemon.admin.AdminEvent;
import org.jdrbd.daemon.admin.HelperLine;
import org.jdrbd.daemon.admin.PathStatus;
import org.jdrbd.daemon.admin.ResourceObjects;
import org.jdrbd.daemon.repl.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source of events2 inside the engine: snapshots of a resource's objects, taken on the
 * resource's context and numbered there, so a subscriber can tell an older snapshot from a newer
 * one whichever thread delivers them; and handler call/response lines.
 */
final class Events2Feed {
    private static final Logger LOG = LoggerFactory.getLogger(Events2Feed.class);

    private final List<Consumer<AdminEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicBoolean hooked =
            new java.util.concurrent.atomic.AtomicBoolean();

    AutoCloseable add(Consumer<AdminEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Publishes {@code r} as it is now (null objects when {@code present} is false), on its context. */
    void changed(Resource r, boolean present) {
        if (listeners.isEmpty()) {
            return;
        }
        onContext(r, () -> publish(snapshot(r, present)));
    }

    /** True exactly once: the caller then hooks the feed to the engine's state changes. */
    boolean hookOnce() {
        return hooked.compareAndSet(false, true);
    }

    void helper(HelperLine line) {
        publish(new AdminEvent.Helper(line));
    }

    /** {@code r}'s snapshot, taken on its context. */
    Future<AdminEvent.Objects> snapshotLater(Resource r, boolean present) {
        Promise<AdminEvent.Objects> p = Promise.promise();
        onContext(r, () -> {
            try {
                p.complete(snapshot(r, present));
            } catch (RuntimeException | AssertionError e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    private AdminEvent.Objects snapshot(Resource r, boolean present) {
        r.assertOwner();
        long seq = sequence.incrementAndGet();
        return new AdminEvent.Objects(r.name, seq, present ? objects(r) : null);
    }

    private static ResourceObjects objects(Resource r) {
        Connection c = r.connection;
        if (c == null) {
            return new ResourceObjects(r.status(), null, List.of());
        }
        String peerName = c.options().peerName();
        String connName = peerName.isEmpty() ? "peer-" + r.peerNodeId : peerName;
        List<PathStatus> paths = c.localAddress() == null || c.peerAddress() == null ? List.of()
                : List.of(new PathStatus(c.localAddress().toString(), c.peerAddress().toString(),
                        established(c)));
        var conf = c.options().conf();
        return new ResourceObjects(r.status(), connName, paths,
                OptionText.of(conf.getNested(org.jdrbd.netlink.schema.Tags.NET_CONF)),
                OptionText.of(conf.getNested(org.jdrbd.netlink.schema.Tags.PEER_DEVICE_CONF)));
    }

    /** Sockets paired: the handshake runs or is done. */
    private static boolean established(Connection c) {
        String phase = c.phaseName();
        return phase.equals("HANDSHAKE") || phase.equals("ESTABLISHED");
    }

    private void publish(AdminEvent e) {
        for (Consumer<AdminEvent> l : listeners) {
            deliver(l, e);
        }
    }

    private static void deliver(Consumer<AdminEvent> l, AdminEvent e) {
        try {
            l.accept(e);
        } catch (RuntimeException ex) {
            LOG.error("events2 listener failed: {}", ex.toString());
        }
    }

    /** Runs {@code action} now when on {@code r}'s context, else queued there. */
    private static void onContext(Resource r, Runnable action) {
        var current = (ContextInternal) Vertx.currentContext();
        if (current != null && current.unwrap() == ((ContextInternal) r.context).unwrap()) {
            action.run();
        } else {
            r.context.runOnContext(x -> action.run());
        }
    }
}
