package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.function.Supplier;
import org.jdrbd.daemon.wire.Channel;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.SocketSetup;
import org.jdrbd.daemon.wire.WireContext;
import org.slf4j.Logger;

/**
 * The connect loop of fact sheet §6.2 step 1 over {@link SocketSetup}, asynchronously: listen on
 * our address, connect to the peer's; an outgoing socket that gives no pair yet is followed by a
 * wait for the peer's connection (connect-int, with jitter) before the next attempt. Once both
 * sockets exist they must survive a short check (ping-timeout) before they are handed over.
 * Runs on the resource's context.
 */
final class Connector {
    /** Receives the pair. */
    interface Paired {
        void paired(Link data, Link meta, boolean resolveConflicts);
    }

    private final Vertx vertx;
    private final PathAddress local;
    private final PathAddress peer;
    private final long connectIntMs;
    private final long checkMs;
    private final RandomGenerator random;
    private final Logger log;
    private final Paired paired;
    private final Supplier<WireContext> unnegotiated = () -> WireContext.UNNEGOTIATED;
    private final SocketSetup setup = new SocketSetup();
    private final Map<Long, Link> links = new HashMap<>();
    private NetServer server;
    private NetClient client;
    private long nextId = 1;
    private boolean connecting;
    private boolean stopped;
    private long timer = -1;
    private long checkTimer = -1;

    Connector(Vertx vertx, PathAddress local, PathAddress peer, long connectIntMs, long checkMs,
            RandomGenerator random, Logger log, Paired paired) {
        this.vertx = vertx;
        this.local = local;
        this.peer = peer;
        this.connectIntMs = connectIntMs;
        this.checkMs = checkMs;
        this.random = random;
        this.log = log;
        this.paired = paired;
    }

    /**
     * Servers still closing, by local address. A connection that was just lost starts a new
     * connect loop at once; its listener waits for the old one to let go of the address instead
     * of failing with "address in use" and waiting connect-int.
     */
    private static final Map<PathAddress, Future<Void>> CLOSING = new ConcurrentHashMap<>();
    /** An accepted socket gets this many ping-timeouts to send its first packet (as DRBD). */
    private static final int FIRST_PACKET_CHECKS = 4;

    void start() {
        CLOSING.getOrDefault(local, Future.succeededFuture()).onComplete(x -> {
            if (!stopped) {
                listen();
            }
        });
    }

    private void listen() {
        client = vertx.createNetClient(new NetClientOptions().setLocalAddress(local.host())
                .setConnectTimeout((int) Math.min(connectIntMs, 10_000)).setTcpNoDelay(true));
        server = vertx.createNetServer(new NetServerOptions().setHost(local.host())
                .setPort(local.port()).setReuseAddress(true).setTcpNoDelay(true));
        server.connectHandler(this::accepted);
        server.listen().onComplete(ar -> {
            if (stopped) {
                return;
            }
            if (ar.failed()) {
                // Address still in use (e.g. a previous incarnation's socket): try again after
                // connect-int, as DRBD's connect loop would, without a busy loop of new sockets.
                log.warn("cannot listen on {}: {}; retrying in {} ms", local, ar.cause().getMessage(),
                        connectIntMs);
                closeServer();
                timer = vertx.setTimer(connectIntMs, t -> {
                    timer = -1;
                    if (!stopped) {
                        start();
                    }
                });
                return;
            }
            step();
        });
    }

    /** Ends the loop and closes every socket it made, the handed-over pair included. */
    void stop() {
        stopped = true;
        cancelTimers();
        links.values().forEach(Link::close);
        links.clear();
        closeServer();
    }

    private void closeServer() {
        if (server != null) {
            Future<Void> closed = server.close();
            CLOSING.put(local, closed);
            closed.onComplete(x -> CLOSING.remove(local, closed));
            server = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void step() {
        if (stopped || connecting) {
            return;
        }
        if (setup.paired()) {
            checkPair();
            return;
        }
        if (server == null) {
            // Listening failed (address still in use): the retry timer restarts the loop.
            return;
        }
        connecting = true;
        client.connect(peer.port(), peer.host()).onComplete(ar -> {
            connecting = false;
            if (stopped) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.succeeded()) {
                outgoing(ar.result());
            } else {
                log.debug("connect to {} failed: {}", peer, ar.cause().getMessage());
            }
            if (setup.paired()) {
                checkPair();
            } else {
                waitAccept();
            }
        });
    }

    private void outgoing(NetSocket s) {
        long id = nextId++;
        Optional<Packet> first = setup.onConnected(id);
        if (first.isEmpty()) {
            s.close();
            return;
        }
        Channel ch = first.get().type() == PacketType.P_INITIAL_DATA ? Channel.DATA : Channel.META;
        Link link = new Link(id, s, unnegotiated, ch);
        track(link);
        link.send(first.get());
    }

    private void accepted(NetSocket s) {
        if (stopped) {
            s.close();
            return;
        }
        long id = nextId++;
        Link link = new Link(id, s, unnegotiated, null);
        boolean[] seen = {false};
        vertx.setTimer(FIRST_PACKET_CHECKS * checkMs, t -> {
            if (!seen[0] && links.containsKey(id)) {
                log.warn("Error receiving initial packet from {} (for {}): timed out", s.remoteAddress(), local);
                link.close();
            }
        });
        link.reader.expectFirstPacket(first -> {
            seen[0] = true;
            onFirstPacket(link, first);
        });
        track(link);
    }

    private void track(Link link) {
        links.put(link.id, link);
        link.onClose(() -> {
            links.remove(link.id);
            setup.onDead(link.id);
        });
        link.start();
    }

    private void onFirstPacket(Link link, java.nio.ByteBuffer first) {
        if (stopped) {
            link.close();
            return;
        }
        var type = SocketSetup.readFirstPacket(first.duplicate());
        SocketSetup.AcceptOutcome o = setup.onAccepted(link.id, first, random.nextBoolean());
        if (o.log() != null) {
            log.info("{}", o.log());
        }
        for (long id : o.close()) {
            Link dead = links.remove(id);
            if (dead != null) {
                dead.close();
            }
        }
        if (type.isOk() && !o.close().contains(link.id)) {
            link.reader.setChannel(type.value() == PacketType.P_INITIAL_DATA ? Channel.DATA : Channel.META);
        }
        if (setup.paired()) {
            checkPair();
        } else if (o.next() == SocketSetup.Next.CONNECT) {
            cancelTimers();
            step();
        } else {
            waitAccept();
        }
    }

    private void waitAccept() {
        if (stopped) {
            return;
        }
        cancelTimer();
        long jitter = connectIntMs / 7;
        long wait = Math.max(100, connectIntMs - jitter + (jitter > 0 ? random.nextLong(2 * jitter + 1) : 0));
        timer = vertx.setTimer(wait, t -> {
            timer = -1;
            step();
        });
    }

    /** Both sockets exist: hand them over if both are still alive after the check time. */
    private void checkPair() {
        if (checkTimer >= 0) {
            return;
        }
        cancelTimer();
        checkTimer = vertx.setTimer(checkMs, t -> {
            checkTimer = -1;
            if (stopped) {
                return;
            }
            Link data = links.get(setup.dataSocket().orElse(-1));
            Link meta = links.get(setup.metaSocket().orElse(-1));
            if (data == null || meta == null || data.closed() || meta.closed()) {
                if (data == null || data.closed()) {
                    setup.dataSocket().ifPresent(setup::onDead);
                }
                if (meta == null || meta.closed()) {
                    setup.metaSocket().ifPresent(setup::onDead);
                }
                step();
                return;
            }
            stopped = true;
            links.remove(data.id);
            links.remove(meta.id);
            links.values().forEach(Link::close);
            links.clear();
            // The server and client stay open: closing them would close the pair's sockets
            // too. Later connection attempts by the peer are refused (stopped).
            data.onClose(() -> { });
            meta.onClose(() -> { });
            paired.paired(data, meta, setup.resolveConflicts());
        });
    }

    private void cancelTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void cancelTimers() {
        cancelTimer();
        if (checkTimer >= 0) {
            vertx.cancelTimer(checkTimer);
            checkTimer = -1;
        }
    }
}
