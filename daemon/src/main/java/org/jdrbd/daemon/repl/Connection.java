package org.jdrbd.daemon.repl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jdrbd.daemon.log.LogContext;
import org.jdrbd.daemon.wire.CramHmac;
import org.jdrbd.daemon.wire.FeatureNegotiation;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireContext;
import org.jdrbd.daemon.wire.WireResult;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.ConnectionTimers;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.TimerEffect;
import org.jdrbd.statemachine.TimerEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One resource's connection to its peer (fact sheet §6.2): the connect loop, feature
 * negotiation, CRAM-HMAC and P_PROTOCOL, then one {@link PeerDevice} per volume for the
 * parameter exchange, replication and resync. Keep-alive and failure detection run on
 * {@link ConnectionTimers}, ticked every 100 ms. Everything runs on the resource's context;
 * state changes only through each volume's proposal path.
 */
public final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger("org.jdrbd.daemon.repl");

    /** Where the connection is in its life. */
    enum Phase {
        /** Not trying (StandAlone). */
        STANDALONE,
        /** Listening and connecting. */
        CONNECTING,
        /** Sockets paired, features/auth/parameters being exchanged. */
        HANDSHAKE,
        /** Parameters exchanged; volumes connected or syncing. */
        ESTABLISHED
    }

    final String resource;
    final int peerNodeId;
    final Vertx vertx;
    final Context context;
    final RandomGenerator random;
    private final Supplier<Collection<PeerVolume>> volumes;
    NetOptions options;
    PathAddress local;
    PathAddress peer;
    Phase phase = Phase.STANDALONE;
    WireContext wire = WireContext.UNNEGOTIATED;
    boolean resolveConflicts;
    Link data;
    Link meta;
    private Connector connector;
    private ConnectionTimers timers;
    private long tickTimer = -1;
    private final PeerAuthentication authentication = new PeerAuthentication(this);
    private boolean featuresDone;
    private boolean protocolDone;
    /** Our per-volume parameters are out; volume packets that came earlier wait in early. */
    private boolean paramsSent;
    /** The peer's P_PROTOCOL said discard-my-data. */
    boolean peerDiscardsData;
    /** The peer's P_PROTOCOL said dry run. */
    boolean peerDryRun;
    private final List<Packet> early = new ArrayList<>();
    final Map<Integer, PeerDevice> devices = new HashMap<>();
    final Replicator replicator;
    final Receiver receiver;
    /** connect --discard-my-data: one-shot, cleared by a completed handshake or a promotion. */
    boolean discardMyData;
    /** connect --tentative: the handshake only reports, then the connection is dropped. */
    boolean tentative;
    HelperCalls helpers = HelperCalls.NONE;
    final Fencer fencer = new Fencer(this);
    private final ClusterRequests cluster = new ClusterRequests(this);

    public Connection(String resource, int peerNodeId, NetOptions options, Vertx vertx,
            Context context, RandomGenerator random, Supplier<Collection<PeerVolume>> volumes) {
        this.resource = resource;
        this.peerNodeId = peerNodeId;
        this.options = options;
        this.vertx = vertx;
        this.context = context;
        this.random = random;
        this.volumes = volumes;
        this.timers = ConnectionTimers.idle(options.timers());
        this.replicator = new Replicator(this);
        this.receiver = new Receiver(this);
    }

    void info(String format, Object... args) {
        LogContext.run(resource, null, null, () -> LOG.info("[" + resource + "] " + format, args));
    }

    void warn(String format, Object... args) {
        LogContext.run(resource, null, null, () -> LOG.warn("[" + resource + "] " + format, args));
    }

    void error(String format, Object... args) {
        LogContext.run(resource, null, null, () -> LOG.error("[" + resource + "] " + format, args));
    }

    public NetOptions options() {
        return options;
    }

    public void setOptions(NetOptions o) {
        options = o;
        applyFencingPolicy();
        timers = timers.step(new TimerEvent.ConfigChanged(o.timers())).next();
    }

    public PathAddress localAddress() {
        return local;
    }

    public PathAddress peerAddress() {
        return peer;
    }

    /** new-path. */
    public String addPath(PathAddress l, PathAddress p) {
        if (local != null && !(local.equals(l) && peer.equals(p))) {
            return "only one path per connection in this version";
        }
        local = l;
        peer = p;
        return null;
    }

    /** del-path; refused while connecting. */
    public String deletePath() {
        if (phase != Phase.STANDALONE) {
            return "connection is active (disconnect first)";
        }
        local = null;
        peer = null;
        return null;
    }

    public boolean standAlone() {
        return phase == Phase.STANDALONE;
    }

    PeerDevice device(PeerVolume v) {
        return devices.computeIfAbsent(v.number(), n -> new PeerDevice(this, v));
    }

    PeerDevice device(int volume) {
        PeerDevice d = devices.get(volume);
        return d != null ? d : volumes.get().stream().filter(v -> v.number() == volume).findFirst()
                .map(this::device).orElse(null);
    }

    List<PeerDevice> allDevices() {
        return volumes.get().stream().map(this::device).toList();
    }

    /** A volume joined the resource (new-minor/attach): it gets the write hook. */
    public void volumeAdded(PeerVolume v) {
        v.setReplicator(device(v));
        v.setCtx(v.ctx().withFencing(options.fencing())
                .withAllowTwoPrimaries(options.splitBrain().allowTwoPrimaries()));
    }

    /** The volumes as they are now. */
    List<PeerVolume> volumesNow() {
        return new ArrayList<>(volumes.get());
    }

    /**
     * The fencing policy and allow-two-primaries are part of each volume's state context:
     * sanitize freezes IO by the one, is_valid_state refuses a second Primary by the other.
     */
    private void applyFencingPolicy() {
        for (PeerVolume v : volumes.get()) {
            v.setCtx(v.ctx().withFencing(options.fencing())
                    .withAllowTwoPrimaries(options.splitBrain().allowTwoPrimaries()));
        }
    }

    /**
     * fence-peer for a promotion (fact sheet §5.2): whether the peer is fenced afterwards.
     * Without a fencing policy the peer counts as fenced, as in DRBD.
     */
    public Future<Boolean> fencePeer() {
        return fencer.fence();
    }

    /** The usermode helper calls of this resource (handlers). */
    public void setHelpers(HelperCalls h) {
        helpers = h;
    }

    /** connect: StandAlone to Unconnected to WFConnection, then the connect loop. */
    public Future<String> connect() {
        return connect(false, false);
    }

    /** connect with DRBD's one-shot flags (see {@link #discardMyData}, {@link #tentative}). */
    public Future<String> connect(boolean discardMyData, boolean tentative) {
        if (phase == Phase.STANDALONE) {
            this.discardMyData = discardMyData;
            this.tentative = tentative;
        }
        applyFencingPolicy();
        return doConnect();
    }

    private Future<String> doConnect() {
        if (local == null) {
            return Future.succeededFuture("no path configured (new-path first)");
        }
        if (phase != Phase.STANDALONE) {
            return Future.succeededFuture(null);
        }
        if (!options.cramHmacAlg().isEmpty()) {
            WireResult<CramHmac> c = CramHmac.create(options.cramHmacAlg(), options.sharedSecret(), random);
            if (!c.isOk()) {
                return Future.succeededFuture(c.reason());
            }
        }
        phase = Phase.CONNECTING;
        startTicking();
        return changeAll(ConnState.UNCONNECTED, Phase.CONNECTING).compose(x -> startConnecting())
                .map(x -> null);
    }

    private Future<Void> startConnecting() {
        if (phase != Phase.CONNECTING) {
            return Future.succeededFuture();
        }
        timers = timers.step(new TimerEvent.StartConnecting()).next();
        return changeAll(ConnState.WF_CONNECTION, Phase.CONNECTING).map(x -> {
            if (phase != Phase.CONNECTING) {
                return null;
            }
            connector = new Connector(vertx, local, peer, options.timers().connectIntSeconds() * 1000L,
                    Math.max(100, options.timers().pingTimeoutTenths() * 100L), random, LOG, this::paired);
            connector.start();
            return null;
        });
    }

    /** disconnect: graceful while established unless forced ({@link GracefulDisconnect}). */
    public Future<StateRv> disconnect(boolean force) {
        if (force || !readyForRequests()) {
            return disconnect().map(StateRv.SS_SUCCESS);
        }
        return new GracefulDisconnect(this, vertx).run(volumesNow())
                .compose(rv -> rv.isSuccess() ? disconnect().map(rv) : Future.succeededFuture(rv));
    }

    /** disconnect: Disconnecting, sockets closed, StandAlone. */
    public Future<Void> disconnect() {
        if (phase == Phase.STANDALONE) {
            return Future.succeededFuture();
        }
        phase = Phase.STANDALONE;
        tearDown("disconnect");
        return changeAll(ConnState.DISCONNECTING).compose(x -> changeAll(ConnState.STANDALONE));
    }

    private void startTicking() {
        if (tickTimer < 0) {
            tickTimer = vertx.setPeriodic(org.jdrbd.statemachine.Tick.MILLIS, t -> tick());
        }
    }

    private void stopTicking() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
            tickTimer = -1;
        }
    }

    private void tick() {
        ConnectionTimers.Step s = timers.step(new TimerEvent.Tick());
        timers = s.next();
        for (TimerEffect e : s.effects()) {
            if (e instanceof TimerEffect.SendPing) {
                if (meta != null) {
                    meta.send(Packet.of(PacketType.P_PING, Payload.Empty.INSTANCE));
                }
            } else if (e instanceof TimerEffect.ConnectionLost lost) {
                lose(lost.reason(), lost.message());
            } else if (e instanceof TimerEffect.KoCountDecremented ko) {
                warn("peer slow to answer: ko-count {} left", ko.remaining());
            }
        }
        if (phase == Phase.ESTABLISHED) {
            devices.values().forEach(PeerDevice::tick);
        }
    }

    void timerEvent(TimerEvent e) {
        timers = timers.step(e).next();
    }

    private void paired(Link d, Link m, boolean rc) {
        if (phase != Phase.CONNECTING) {
            d.close();
            m.close();
            return;
        }
        data = d;
        meta = m;
        resolveConflicts = rc;
        wire = WireContext.UNNEGOTIATED;
        featuresDone = false;
        protocolDone = false;
        paramsSent = false;
        early.clear();
        phase = Phase.HANDSHAKE;
        fencer.connected();
        info("connection established with {} (data and meta sockets){}", peer,
                rc ? ", we resolve conflicts" : "");
        timers = timers.step(new TimerEvent.ConnectionEstablished()).next();
        data.useContext(() -> wire);
        meta.useContext(() -> wire);
        // Ours first: a peer's features packet already waiting would switch us to h100.
        d.send(FeatureNegotiation.oursPacket());
        d.deliverTo(p -> onPacket(d, p), r -> protocolError(r), () -> onClosed(d));
        // A packet that came early may already have ended this connection (an incompatible peer).
        if (data == d) {
            m.deliverTo(p -> onPacket(m, p), r -> protocolError(r), () -> onClosed(m));
        }
    }

    private void onClosed(Link l) {
        if (l == data || l == meta) {
            lose(ConnState.BROKEN_PIPE, "sock was shut down by peer");
        }
    }

    void protocolError(String reason) {
        error("protocol error: {}", reason);
        lose(ConnState.PROTOCOL_ERROR, reason);
    }

    /**
     * The connection failed: sockets closed, the reason state, then Unconnected and a new
     * connect loop (as DRBD retries), unless it is a configuration failure.
     */
    void lose(ConnState reason, String why) {
        if (phase != Phase.HANDSHAKE && phase != Phase.ESTABLISHED) {
            return;
        }
        // After an approved TearDown (the peer's graceful disconnect) the closed socket is expected.
        ConnState state = volumes.get().stream().anyMatch(v -> v.state().conn() == ConnState.TEAR_DOWN)
                ? ConnState.TEAR_DOWN : reason;
        warn("connection lost ({}): {}", state.displayName(), why);
        phase = Phase.CONNECTING;
        tearDown(why);
        // An admin disconnect may come while these changes are applied: it owns the state then.
        changeAll(state).compose(x -> changeAll(ConnState.UNCONNECTED, Phase.CONNECTING))
                .compose(x -> {
                    // Like DRBD's asynchronous fence-peer: the connect loop does not wait for it.
                    fencer.afterConnectionLoss();
                    return startConnecting();
                });
    }

    /** Gives up: Disconnecting, then StandAlone (wrong secret, incompatible peer, split brain). */
    void giveUp(String why) {
        if (phase == Phase.STANDALONE) {
            return;
        }
        error("{}; discarding network configuration (StandAlone)", why);
        phase = Phase.STANDALONE;
        tearDown(why);
        changeAll(ConnState.DISCONNECTING).compose(x -> changeAll(ConnState.STANDALONE));
    }

    private void tearDown(String why) {
        if (connector != null) {
            connector.stop();
            connector = null;
        }
        if (data != null) {
            data.close();
        }
        if (meta != null) {
            meta.close();
        }
        data = null;
        meta = null;
        wire = WireContext.UNNEGOTIATED;
        timers = timers.step(new TimerEvent.ConnectionClosed()).next();
        replicator.connectionLost();
        receiver.reset();
        cluster.connectionLost();
        devices.values().forEach(PeerDevice::connectionLost);
        if (phase == Phase.STANDALONE) {
            stopTicking();
        }
    }

    /** Changes conn of every volume (hard: the node itself decided). */
    Future<Void> changeAll(ConnState conn) {
        return changeAll(conn, null);
    }

    /**
     * Changes conn of every volume while the connection is still in phase {@code expected}
     * (null: unconditionally). Each volume's change is proposed only after the previous one
     * committed, so an admin disconnect in between would otherwise be overwritten.
     */
    Future<Void> changeAll(ConnState conn, Phase expected) {
        Future<Void> chain = Future.succeededFuture();
        for (PeerVolume v : volumes.get()) {
            chain = chain.compose(x -> {
                if (expected != null && phase != expected) {
                    return Future.succeededFuture();
                }
                if (conn == ConnState.UNCONNECTED || conn == ConnState.STANDALONE) {
                    v.setCtx(v.ctx().withNetConfigured(conn != ConnState.STANDALONE)
                            .withAgreedProtocolVersion(0));
                }
                return v.change(v.state().withConn(conn), ChangeFlag.FORCED).mapEmpty();
            });
        }
        return chain;
    }

    private void onPacket(Link from, Packet p) {
        if (from != data && from != meta) {
            return;
        }
        timers = timers.step(new TimerEvent.PacketReceived()).next();
        switch (p.type()) {
            case P_PING -> meta.send(Packet.of(PacketType.P_PING_ACK, Payload.Empty.INSTANCE));
            case P_PING_ACK -> timers = timers.step(new TimerEvent.PingAckReceived()).next();
            case P_CONNECTION_FEATURES -> onFeatures(p);
            case P_AUTH_CHALLENGE -> authentication.onChallenge(p);
            case P_AUTH_RESPONSE -> authentication.onResponse(p);
            case P_PROTOCOL -> onProtocol((Payload.Protocol) p.payload());
            case P_STATE_CHG_REQ -> cluster.onRequest(p);
            case P_STATE_CHG_REPLY -> cluster.onReply((Payload.StateChangeReply) p.payload());
            case P_BARRIER_ACK, P_RECV_ACK, P_WRITE_ACK, P_NEG_ACK -> replicator.onAck(p);
            case P_DATA, P_BARRIER, P_ZEROES -> receiver.onPacket(p);
            default -> onVolumePacket(p);
        }
    }

    private void onVolumePacket(Packet p) {
        if (!protocolDone) {
            protocolError("unexpected " + p.type() + " before P_PROTOCOL");
            return;
        }
        if (!paramsSent) {
            early.add(p);
            return;
        }
        PeerDevice d = device(p.volume());
        if (d == null) {
            protocolError(p.type() + " for unknown volume " + p.volume());
            return;
        }
        d.onPacket(p);
    }

    private void onFeatures(Packet p) {
        if (featuresDone) {
            protocolError("second P_CONNECTION_FEATURES");
            return;
        }
        WireResult<FeatureNegotiation.Agreement> a = FeatureNegotiation.negotiate(
                FeatureNegotiation.ours(), p);
        if (!a.isOk()) {
            giveUp(a.reason());
            return;
        }
        featuresDone = true;
        wire = a.value().context();
        info("handshake successful: agreed network protocol version {}, features 0x{}",
                wire.apv(), Integer.toHexString(wire.features()));
        authentication.start();
    }

    void sendProtocol() {
        data.send(ProtocolSettings.ours(options, discardMyData, tentative));
    }

    private void onProtocol(Payload.Protocol p) {
        if (!featuresDone || protocolDone) {
            protocolError("unexpected P_PROTOCOL");
            return;
        }
        ProtocolSettings.Verdict v = ProtocolSettings.check(options, discardMyData, p);
        if (v.badPacket() != null) {
            protocolError(v.badPacket());
            return;
        }
        peerDiscardsData = v.peerDiscardsData();
        peerDryRun = v.peerDryRun();
        if (v.incompatible() != null) {
            giveUp(v.incompatible());
            return;
        }
        protocolDone = true;
        phase = Phase.ESTABLISHED;
        Link ours = data;
        changeAll(ConnState.WF_REPORT_PARAMS, Phase.ESTABLISHED).onComplete(x -> {
            if (data != ours) {
                return;
            }
            for (PeerDevice d : allDevices()) {
                d.volume.setCtx(d.volume.ctx().withAgreedProtocolVersion(wire.apv()));
                d.sendParameters();
            }
            paramsSent = true;
            List<Packet> waiting = new ArrayList<>(early);
            early.clear();
            waiting.forEach(this::onVolumePacket);
        });
    }

    /**
     * A volume's state changed on this node (admin or effect): role and disk changes are told
     * to the peer with P_UUIDS and P_STATE, as DRBD's after_state_ch does.
     */
    public void localChange(int volume, State before, State after) {
        if (after.role() == org.jdrbd.statemachine.Role.PRIMARY) {
            discardMyData = false;
        }
        PeerDevice changed = devices.get(volume);
        if (changed != null) {
            changed.noteConsiderResync(before, after);
        }
        if (phase != Phase.ESTABLISHED || !paramsSent || !after.conn().ge(ConnState.CONNECTED)) {
            return;
        }
        if (before.role() != after.role() || before.disk() != after.disk()) {
            PeerDevice d = device(volume);
            if (d != null) {
                d.sendUuids();
                d.sendState();
            }
        }
    }

    /** Asks the peer to approve a change of a volume (§1.6); see {@link ClusterRequests#request}. */
    public Future<java.util.Optional<StateRv>> requestClusterWide(int volume, State from, State to) {
        return cluster.request(volume, from, to);
    }

    /** Whether the parameters are exchanged, so the peer can answer a cluster-wide request. */
    boolean readyForRequests() {
        return phase == Phase.ESTABLISHED && paramsSent && meta != null;
    }

    /** Sends on the socket the packet type belongs to. */
    Future<Void> send(Packet p) {
        Link l = p.type().channel() == org.jdrbd.daemon.wire.Channel.META ? meta : data;
        return l == null ? Future.failedFuture("not connected") : l.send(p);
    }

    /** Status of the connection for drbdsetup. */
    public String phaseName() {
        return phase.name();
    }

    /** The peer device of a volume for status (null when none). */
    public PeerDevice.Progress progress(int volume) {
        PeerDevice d = devices.get(volume);
        return d == null ? null : d.progress();
    }

    /** The last split-brain verdict of a volume, for status (null when none). */
    public SplitBrainReport splitBrain(int volume) {
        PeerDevice d = devices.get(volume);
        return d == null ? null : d.splitBrain();
    }

    /** del-peer / down: everything closed. */
    public void close() {
        phase = Phase.STANDALONE;
        tearDown("closed");
        stopTicking();
        for (PeerVolume v : volumes.get()) {
            v.setReplicator(null);
        }
    }
}
