package org.jdrbd.daemon.nbd;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embeddable NBD server (seed 004): TCP and/or Unix-socket listeners serving the exports of
 * one {@link ExportRegistry}. Keeps references to its Vert.x servers for its whole life (Vert.x
 * 5 closes unreferenced servers when they are garbage collected).
 */
public final class NbdServer {

    private final Vertx vertx;
    private final NbdServerOptions options;
    private final ExportRegistry exports;
    private final List<NetServer> listeners = new ArrayList<>();
    private final Set<NbdConnection> connections = ConcurrentHashMap.newKeySet();
    private volatile int tcpPort = -1;

    private NbdServer(Vertx vertx, NbdServerOptions options, ExportRegistry exports) {
        this.vertx = vertx;
        this.options = options;
        this.exports = exports;
    }

    /** Starts the listeners the options name; fails if any of them cannot listen. */
    public static Future<NbdServer> start(Vertx vertx, NbdServerOptions options,
            ExportRegistry exports) {
        NbdServer server = new NbdServer(vertx, options, exports);
        Future<Void> started = Future.succeededFuture();
        if (options.tcpHost() != null) {
            started = started.compose(v -> server.listenTcp());
        }
        if (options.unixSocket() != null) {
            started = started.compose(v -> server.listenUnix());
        }
        return started.map(server).recover(failure -> server.close().transform(
                closed -> Future.failedFuture(failure)));
    }

    /** The bound TCP port (useful with port 0), or -1 without a TCP listener. */
    public int tcpPort() {
        return tcpPort;
    }

    /** The Unix socket path, or null. */
    public Path unixSocket() {
        return options.unixSocket();
    }

    public ExportRegistry exports() {
        return exports;
    }

    /** Connections currently open. */
    public int connectionCount() {
        return connections.size();
    }

    private Future<Void> listenTcp() {
        NetServer net = newNetServer();
        return net.listen(options.tcpPort(), options.tcpHost()).map(bound -> {
            tcpPort = bound.actualPort();
            return null;
        });
    }

    private Future<Void> listenUnix() {
        Path path = options.unixSocket();
        return vertx.executeBlocking(() -> {
            removeStaleSocketBlocking(path);
            return null;
        }).compose(v -> newNetServer().listen(SocketAddress.domainSocketAddress(path.toString())))
                .mapEmpty();
    }

    private NetServer newNetServer() {
        NetServer net = vertx.createNetServer(new NetServerOptions().setTcpNoDelay(true));
        net.connectHandler(socket -> {
            NbdConnection[] self = new NbdConnection[1];
            self[0] = new NbdConnection(socket, exports, options,
                    () -> connections.remove(self[0]));
            connections.add(self[0]);
            self[0].start();
        });
        listeners.add(net);
        return net;
    }

    /** A socket file left by a crashed server would make bind fail; anything else is kept. */
    private static void removeStaleSocketBlocking(Path path) throws IOException {
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isOther()) {
                throw new IOException(path + " exists and is not a socket");
            }
            Files.delete(path);
        }
    }

    /** Stops listening, drops every connection and removes the Unix socket file. */
    public Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>();
        for (NetServer net : listeners) {
            closing.add(net.close());
        }
        for (NbdConnection connection : connections) {
            connection.closeFromAnyThread("server shutting down");
        }
        Path socket = options.unixSocket();
        return Future.join(closing).compose(v -> socket == null ? Future.succeededFuture()
                : vertx.executeBlocking(() -> Files.deleteIfExists(socket))).mapEmpty();
    }
}
