package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdrbd.daemon.store.BackingStore;
import org.jdrbd.daemon.store.StoreExecutor;

/**
 * A running NBD server for tests: Vert.x with a tight blocked-thread checker whose warnings are
 * collected (a warning fails the test in {@link #close()}), a TCP listener on 127.0.0.1 with an
 * ephemeral port and a Unix socket in the test's temporary directory.
 */
final class NbdFixture implements AutoCloseable {

    /** An event loop busy longer than this is reported (the Vert.x default is 2 s). */
    static final long MAX_EVENT_LOOP_MS = 200;

    final Vertx vertx;
    final ExportRegistry exports = new ExportRegistry();
    final NbdServer server;
    final Path socket;
    private final List<String> blockedThreadWarnings = new CopyOnWriteArrayList<>();
    private boolean vertxStopped;
    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private final List<StoreExecutor> executors = new ArrayList<>();

    NbdFixture(Path dir) throws Exception {
        this(dir, NbdServerOptions.defaults());
    }

    NbdFixture(Path dir, NbdServerOptions base) throws Exception {
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        vertx.exceptionHandler(failure -> uncaught.add(failure.toString()));
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event ->
                blockedThreadWarnings.add(event.toString()));
        socket = dir.resolve("nbd.sock");
        server = NbdServer.start(vertx, base.withTcp("127.0.0.1", 0).withUnixSocket(socket),
                exports).await(30, TimeUnit.SECONDS);
    }

    /** Serves a store under {@code name} through its own IO executor; returns the backend. */
    Backend serve(String name, BackingStore store) {
        StoreExecutor io = new StoreExecutor(store, name.replace('/', '-'), 4, 256);
        executors.add(io);
        Backend backend = new StoreBackend(io);
        register(name, backend);
        return backend;
    }

    void register(String name, Backend backend) {
        assertThat(exports.register(new Export(name, "test export " + name, backend))).isTrue();
    }

    String tcpUri(String export) {
        return "nbd://127.0.0.1:" + server.tcpPort() + "/" + export;
    }

    String unixUri(String export) {
        return "nbd+unix:///" + export + "?socket=" + socket;
    }

    /**
     * Closes Vert.x (and with it the blocked-thread checker) and then takes the warnings it
     * raised, so that none can arrive after they were taken; {@link #close()} afterwards finds
     * nothing left to complain about.
     */
    List<String> stopAndTakeBlockedThreadWarnings() throws TimeoutException {
        stopVertx();
        List<String> taken = List.copyOf(blockedThreadWarnings);
        blockedThreadWarnings.removeAll(taken);
        return taken;
    }

    private void stopVertx() throws TimeoutException {
        if (!vertxStopped) {
            vertxStopped = true;
            server.close().await(30, TimeUnit.SECONDS);
            vertx.close().await(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws TimeoutException {
        try {
            stopVertx();
        } finally {
            executors.forEach(StoreExecutor::close);
        }
        assertThat(blockedThreadWarnings).as("Vert.x blocked-thread warnings").isEmpty();
        assertThat(uncaught).as("exceptions escaping to Vert.x").isEmpty();
    }
}
