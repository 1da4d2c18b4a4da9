package org.jdrbd.daemon;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.AdminResult;
import org.jdrbd.daemon.control.ControlAdapter;
import org.jdrbd.daemon.engine.Engine;
import org.jdrbd.daemon.nbd.ExportRegistry;
import org.jdrbd.daemon.nbd.NbdServer;
import org.jdrbd.daemon.nbd.NbdServerOptions;
import org.jdrbd.daemon.registry.ChronicleRegistry;
import org.jdrbd.daemon.registry.StateRegistry;
import org.jdrbd.netlink.transport.SocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running daemon: Vert.x, the resource engine and the NBD server. {@link #stop} downs every
 * resource (bitmap flushed, AL_CLEAN committed) before closing the listeners.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final long STOP_TIMEOUT_S = 60;

    private final DaemonConfig config;
    private final Vertx vertx;
    private final Engine engine;
    private final NbdServer nbd;
    private final StateRegistry registry;
    private final SocketServer control;
    private final org.jdrbd.daemon.metrics.DaemonMetrics metrics;
    private final int metricsPort;

    private Daemon(DaemonConfig config, Vertx vertx, Engine engine, NbdServer nbd,
            StateRegistry registry, SocketServer control,
            org.jdrbd.daemon.metrics.DaemonMetrics metrics, int metricsPort) {
        this.control = control;
        this.metrics = metrics;
        this.metricsPort = metricsPort;
        this.config = config;
        this.vertx = vertx;
        this.engine = engine;
        this.nbd = nbd;
        this.registry = registry;
    }

    /**
     * Starts with Vert.x defaults and the persisted state registry, re-adopting the resources it
     * remembers. Blocking; not for event loops.
     */
    public static Daemon start(DaemonConfig config) throws Exception {
        Files.createDirectories(config.stateDir());
        StateRegistry registry = ChronicleRegistry.openBlocking(config.stateDir());
        return start(config, Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)), registry);
    }

    /** Starts on the given Vert.x and registry (tests pass a strict blocked-thread checker). */
    public static Daemon start(DaemonConfig config, Vertx vertx, StateRegistry registry)
            throws Exception {
        Files.createDirectories(config.stateDir());
        ExportRegistry exports = new ExportRegistry();
        NbdServerOptions options = NbdServerOptions.defaults().withUnixSocket(config.nbdSocket());
        if (config.nbdHost() != null) {
            options = options.withTcp(config.nbdHost(), config.nbdPort());
        }
        NbdServer nbd = NbdServer.start(vertx, options, exports).await(30, TimeUnit.SECONDS);
        org.jdrbd.daemon.metrics.DaemonMetrics metrics = new org.jdrbd.daemon.metrics.DaemonMetrics();
        int metricsPort = -1;
        if (config.metricsPort() >= 0) {
            metricsPort = metrics.listen(vertx, "0.0.0.0", config.metricsPort())
                    .await(30, TimeUnit.SECONDS);
            LOG.info("metrics on port {} (/metrics)", metricsPort);
        }
        Engine engine = new Engine(vertx, exports, registry, metrics);
        engine.setUsermodeHelper(config.usermodeHelper());
        metrics.watch(engine::status);
        if (config.kernelNbd()) {
            engine.setKernelDevices(org.jdrbd.daemon.engine.KernelDevices.system(
                    org.jdrbd.daemon.engine.NbdEndpoint.unix(config.nbdSocket())));
        }
        LOG.info("jdrbdd started: node {}, state dir {}, NBD on {}{}", config.nodeName(),
                config.stateDir(), config.nbdSocket(),
                nbd.tcpPort() > 0 ? " and " + config.nbdHost() + ":" + nbd.tcpPort() : "");
        // The control socket first: if it cannot be served, nothing has been re-adopted (and so
        // nothing downed and forgotten); the next start finds the registry as it was.
        SocketServer control;
        try {
            control = SocketServer.start(config.controlSocket(), new ControlAdapter(engine));
        } catch (java.io.IOException e) {
            nbd.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            metrics.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            throw new java.io.IOException("control socket " + config.controlSocket() + ": "
                    + e.getMessage(), e);
        }
        engine.readopt().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
        LOG.info("control socket {} (owner only)", config.controlSocket());
        return new Daemon(config, vertx, engine, nbd, registry, control, metrics, metricsPort);
    }

    public AdminOps admin() {
        return engine;
    }

    public NbdServer nbd() {
        return nbd;
    }

    public DaemonConfig config() {
        return config;
    }

    /** The bound metrics port, -1 without an endpoint. */
    public int metricsPort() {
        return metricsPort;
    }

    public org.jdrbd.daemon.metrics.DaemonMetrics metrics() {
        return metrics;
    }

    /**
     * Downs every resource (which also forgets them in the registry, as a clean {@code down}
     * does: only a crash leaves resources to re-adopt), then closes the NBD server, Vert.x and the
     * registry. Blocking.
     */
    public void stop() {
        LOG.info("stopping: downing all resources");
        try {
            control.close();
            List<AdminResult> results = engine.downAll().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            for (AdminResult r : results) {
                if (!r.ok()) {
                    LOG.error("down refused during stop: {}", r);
                }
            }
            nbd.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            metrics.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
            vertx.close().await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.error("stop did not complete: {}", e.toString());
        } finally {
            registry.close();
        }
        LOG.info("jdrbdd stopped");
    }
}
