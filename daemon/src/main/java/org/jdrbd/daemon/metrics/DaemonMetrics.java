package org.jdrbd.daemon.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.function.Supplier;
import org.jdrbd.daemon.admin.ResourceStatus;

/**
 * The daemon's Prometheus endpoint: {@code GET /metrics} on the metrics port (Micrometer).
 * Meters are created per volume by the engine; state gauges are refreshed from the status source
 * (see {@link #watch}) on every scrape. Metric names: docs/monitoring.md.
 */
public final class DaemonMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StateMetrics state = new StateMetrics(registry);
    private volatile Supplier<Future<List<ResourceStatus>>> statusSource;
    private HttpServer server;

    /** Meters of one volume. */
    public VolumeMetrics volume(String resource, int volume, int minor) {
        return new VolumeMetrics(registry, resource, volume, minor);
    }

    /**
     * Where the state gauges come from: called once per scrape (the engine's {@code status()};
     * its future may complete on any thread). Without a source there are no state gauges.
     */
    public void watch(Supplier<Future<List<ResourceStatus>>> source) {
        statusSource = source;
    }

    /** The scrape text as the meters are now (state gauges as of the last refresh). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * State gauges refreshed from the status source, then the scrape text. When status fails, the
     * gauges keep their last values: a scrape never fails because of it.
     */
    public Future<String> scrapeFresh() {
        Supplier<Future<List<ResourceStatus>>> source = statusSource;
        if (source == null) {
            return Future.succeededFuture(scrape());
        }
        Future<List<ResourceStatus>> status;
        try {
            status = source.get();
        } catch (RuntimeException e) {
            return Future.succeededFuture(scrape());
        }
        return status.transform(ar -> {
            if (ar.succeeded()) {
                state.update(ar.result());
            }
            return Future.succeededFuture(scrape());
        });
    }

    /** Serves /metrics on {@code host:port} (port 0 = any); completes with the bound port. */
    public Future<Integer> listen(Vertx vertx, String host, int port) {
        server = vertx.createHttpServer().requestHandler(req -> {
            if (req.path().equals("/metrics")) {
                scrapeFresh().onComplete(text -> req.response()
                        .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(text.succeeded() ? text.result() : scrape()));
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
