package org.jdrbd.daemon.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/**
 * The daemon's Prometheus endpoint: {@code GET /metrics} on the metrics port (Micrometer).
 * Meters are created per volume by the engine.
 */
public final class DaemonMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private HttpServer server;

    /** Meters of one volume. */
    public VolumeMetrics volume(String resource, int volume, int minor) {
        return new VolumeMetrics(registry, resource, volume, minor);
    }

    /** The scrape text. */
    public String scrape() {
        return registry.scrape();
    }

    /** Serves /metrics on {@code host:port} (port 0 = any); completes with the bound port. */
    public Future<Integer> listen(Vertx vertx, String host, int port) {
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/metrics")) {
                req.response().putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(scrape());
            } else {
                req.response().setStatusCode(404).end("not found\n");
            }
        });
        return server.listen(port, host).map(HttpServer::actualPort);
    }

    public Future<Void> close() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
