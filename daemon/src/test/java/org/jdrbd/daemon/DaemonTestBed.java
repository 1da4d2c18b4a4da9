package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.StateEvent;

/**
 * An in-process daemon for tests: Vert.x with a tight blocked-thread checker whose warnings fail
 * the test in {@link #close()}, NBD on a Unix socket in the test directory and on 127.0.0.1.
 */
final class DaemonTestBed implements AutoCloseable {
    static final long MAX_EVENT_LOOP_MS = 200;

    final Vertx vertx;
    final Daemon daemon;
    final Path dir;
    final List<StateEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> blocked = new CopyOnWriteArrayList<>();
    private final List<String> uncaught = new CopyOnWriteArrayList<>();
    private boolean stopped;

    DaemonTestBed(Path dir) throws Exception {
        this(dir, new org.jdrbd.daemon.registry.MemoryRegistry());
    }

    DaemonTestBed(Path dir, org.jdrbd.daemon.registry.StateRegistry registry) throws Exception {
        this.dir = dir;
        vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(2)
                .setBlockedThreadCheckInterval(50)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(MAX_EVENT_LOOP_MS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
        vertx.exceptionHandler(failure -> uncaught.add(failure.toString()));
        // Record where the loop was stuck, so a warning names the code that blocked it.
        ((VertxInternal) vertx).blockedThreadChecker().setThreadBlockedHandler(event ->
                blocked.add(event + " at " + java.util.Arrays.toString(event.thread().getStackTrace())));
        DaemonConfig config = DaemonConfig.of("test-node", dir.resolve("control.sock"),
                dir.resolve("state"), null, "127.0.0.1:0").withMetricsPort(0)
                // Handlers succeed without running anything (no drbd.conf here for a drbdadm).
                .withUsermodeHelper("true");
        daemon = Daemon.start(config, vertx, registry);
        daemon.admin().subscribe(events::add);
    }

    AdminOps admin() {
        return daemon.admin();
    }

    /** Waits for an admin call (never on an event loop: this is the test thread). */
    static <T> T await(Future<T> f) throws Exception {
        return f.await(60, TimeUnit.SECONDS);
    }

    AdminResult ok(Future<AdminResult> f) throws Exception {
        AdminResult r = await(f);
        assertThat(r.ok()).as(r.toString()).isTrue();
        return r;
    }

    ResourceStatus status(String resource) throws Exception {
        return await(admin().status()).stream().filter(r -> r.name().equals(resource)).findFirst()
                .orElseThrow();
    }

    String unixUri(String export) {
        return "nbd+unix:///" + export + "?socket=" + daemon.config().nbdSocket();
    }

    String tcpUri(String export) {
        return "nbd://127.0.0.1:" + daemon.nbd().tcpPort() + "/" + export;
    }

    /** Clean stop (downs every resource), as SIGTERM does. */
    void stop() {
        if (!stopped) {
            stopped = true;
            daemon.stop();
        }
    }

    @Override
    public void close() {
        stop();
        assertThat(blocked).as("Vert.x blocked-thread warnings").isEmpty();
        assertThat(uncaught).as("exceptions escaping to Vert.x").isEmpty();
    }
}
