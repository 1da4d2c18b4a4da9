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
import org.jdrbd.daemon.wire.CramHmac;
import org.jdrbd.daemon.wire.FeatureNegotiation;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.daemon.wire.WireContext;
import org.jdrbd.daemon.wire.WireResult;
import org.jdrbd.statemachine.AfterSbPolicy;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.ConnectionTimers;
import org.jdrbd.statemachine.ProtocolCompat;
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
    /** P_PROTOCOL conn_flags: the sender discards its data in a split brain. */
    static final int CF_DISCARD_MY_DATA = 1;
    /** P_PROTOCOL conn_flags: the sender only tries the handshake. */
    static final int CF_DRY_RUN = 2;

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
    private CramHmac auth;
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
    /** Our cluster-wide state change waiting for the peer's reply (one at a time), else null. */
    private io.vertx.core.Promise<org.jdrbd.statemachine.StateRv> clusterRequest;

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

    Logger log() {
        return LOG;
    }

    void info(String format, Object... args) {
        LOG.info("[" + resource + "] " + format, args);
    }

    void warn(String format, Object... args) {
        LOG.warn("[" + resource + "] " + format, args);
    }

    void error(String format, Object... args) {
        LOG.error("[" + resource + "] " + format, args);
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
        if (d == null) {
            for (PeerVolume v : volumes.get()) {
                if (v.number() == volume) {
                    return device(v);
                }
            }
        }
        return d;
    }

    List<PeerDevice> allDevices() {
        List<PeerDevice> out = new ArrayList<>();
        for (PeerVolume v : volumes.get()) {
            out.add(device(v));
        }
        return out;
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
        data.send(FeatureNegotiation.oursPacket());
        data.deliverTo(p -> onPacket(d, p), r -> protocolError(r), () -> onClosed(d));
        meta.deliverTo(p -> onPacket(m, p), r -> protocolError(r), () -> onClosed(m));
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
        warn("connection lost ({}): {}", reason.displayName(), why);
        phase = Phase.CONNECTING;
        tearDown(why);
        // An admin disconnect may come while these changes are applied: it owns the state then.
        changeAll(reason).compose(x -> changeAll(ConnState.UNCONNECTED, Phase.CONNECTING))
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
        if (clusterRequest != null) {
            // The peer can no longer answer: the requester re-evaluates locally.
            io.vertx.core.Promise<org.jdrbd.statemachine.StateRv> waiting = clusterRequest;
            clusterRequest = null;
            waiting.fail("connection lost while the peer was asked");
        }
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
            case P_AUTH_CHALLENGE -> onAuthChallenge(p);
            case P_AUTH_RESPONSE -> onAuthResponse(p);
            case P_PROTOCOL -> onProtocol((Payload.Protocol) p.payload());
            case P_STATE_CHG_REQ -> onClusterRequest(p);
            case P_STATE_CHG_REPLY -> onClusterReply((Payload.StateChangeReply) p.payload());
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
        if (options.cramHmacAlg().isEmpty()) {
            sendProtocol();
            return;
        }
        auth = CramHmac.create(options.cramHmacAlg(), options.sharedSecret(), random).value();
        data.send(auth.challenge());
    }

    private void onAuthChallenge(Packet p) {
        if (auth == null) {
            giveUp("peer wants authentication, but no cram-hmac-alg is configured");
            return;
        }
        WireResult<Packet> r = auth.onPeerChallenge(p);
        if (!r.isOk()) {
            giveUp(r.reason());
            return;
        }
        data.send(r.value());
    }

    private void onAuthResponse(Packet p) {
        if (auth == null) {
            protocolError("unexpected P_AUTH_RESPONSE");
            return;
        }
        WireResult<Void> r = auth.onPeerResponse(p);
        auth = null;
        if (!r.isOk()) {
            giveUp(r.reason());
            return;
        }
        info("peer authenticated using {} bytes HMAC", options.cramHmacAlg().length());
        sendProtocol();
    }

    private void sendProtocol() {
        NetOptions.SplitBrain sb = options.splitBrain();
        int flags = (discardMyData ? CF_DISCARD_MY_DATA : 0) | (tentative ? CF_DRY_RUN : 0);
        data.send(Packet.of(PacketType.P_PROTOCOL, new Payload.Protocol(options.wireProtocol(),
                sb.afterSb0pri().wireValue(), sb.afterSb1pri().wireValue(), sb.afterSb2pri().wireValue(),
                flags, sb.allowTwoPrimaries(), "")));
    }

    private void onProtocol(Payload.Protocol p) {
        if (!featuresDone || protocolDone) {
            protocolError("unexpected P_PROTOCOL");
            return;
        }
        NetOptions.SplitBrain sb = options.splitBrain();
        ProtocolCompat.Settings mine = new ProtocolCompat.Settings(options.wireProtocol(),
                sb.afterSb0pri(), sb.afterSb1pri(), sb.afterSb2pri(), discardMyData,
                sb.allowTwoPrimaries(), "");
        AfterSbPolicy p0 = AfterSbPolicy.fromWireValue(p.afterSb0p());
        AfterSbPolicy p1 = AfterSbPolicy.fromWireValue(p.afterSb1p());
        AfterSbPolicy p2 = AfterSbPolicy.fromWireValue(p.afterSb2p());
        if (p0 == null || p1 == null || p2 == null) {
            protocolError("P_PROTOCOL with unknown after-sb values " + p.afterSb0p() + "/"
                    + p.afterSb1p() + "/" + p.afterSb2p());
            return;
        }
        peerDiscardsData = (p.connFlags() & CF_DISCARD_MY_DATA) != 0;
        peerDryRun = (p.connFlags() & CF_DRY_RUN) != 0;
        ProtocolCompat.Settings theirs = new ProtocolCompat.Settings(p.wireProtocol(), p0, p1, p2,
                peerDiscardsData, p.twoPrimaries(), p.integrityAlg());
        ProtocolCompat.Result r = ProtocolCompat.check(mine, theirs);
        if (!r.compatible()) {
            giveUp(r.message());
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
    public void localChange(int volume, org.jdrbd.statemachine.State before,
            org.jdrbd.statemachine.State after) {
        if (after.role() == org.jdrbd.statemachine.Role.PRIMARY) {
            discardMyData = false;
        }
        if (before.disk() == org.jdrbd.statemachine.DiskState.INCONSISTENT
                && before.pdsk() == org.jdrbd.statemachine.DiskState.INCONSISTENT
                && before.peer() == org.jdrbd.statemachine.Role.SECONDARY
                && after.peer() == org.jdrbd.statemachine.Role.PRIMARY) {
            // DRBD's CONSIDER_RESYNC: the peer was forced to Primary/UpToDate while both were
            // Inconsistent (its cluster-wide request may already have set our pdsk UpToDate).
            PeerDevice d = devices.get(volume);
            if (d != null) {
                d.considerResync = true;
            }
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

    /**
     * Asks the peer to approve a change of volume {@code volume} (fact sheet §1.6) and completes
     * with its SS_ code. Empty when there is nobody to ask (not connected, or the connection went
     * away while waiting): the caller then decides locally, as DRBD re-evaluates.
     */
    public Future<java.util.Optional<org.jdrbd.statemachine.StateRv>> requestClusterWide(int volume,
            org.jdrbd.statemachine.State from, org.jdrbd.statemachine.State to) {
        if (phase != Phase.ESTABLISHED || !paramsSent || meta == null) {
            return Future.succeededFuture(java.util.Optional.empty());
        }
        if (clusterRequest != null) {
            return Future.succeededFuture(java.util.Optional.of(
                    org.jdrbd.statemachine.StateRv.SS_CONCURRENT_ST_CHG));
        }
        org.jdrbd.statemachine.PeerRequestView.Converted req =
                org.jdrbd.statemachine.PeerRequestView.diff(from, to);
        io.vertx.core.Promise<org.jdrbd.statemachine.StateRv> reply = io.vertx.core.Promise.promise();
        clusterRequest = reply;
        info("asking the peer to approve {}", org.jdrbd.statemachine.ClusterWidePredicate.reason(from, to)
                .orElse("a state change"));
        send(new Packet(PacketType.P_STATE_CHG_REQ, volume, new Payload.StateChange(req.mask(), req.val())));
        return reply.future().map(java.util.Optional::of);
    }

    private void onClusterReply(Payload.StateChangeReply r) {
        io.vertx.core.Promise<org.jdrbd.statemachine.StateRv> waiting = clusterRequest;
        if (waiting == null) {
            protocolError("P_STATE_CHG_REPLY without a request");
            return;
        }
        clusterRequest = null;
        org.jdrbd.statemachine.StateRv rv = org.jdrbd.statemachine.StateRv.fromCode(r.retcode());
        waiting.complete(rv == null ? org.jdrbd.statemachine.StateRv.SS_CW_FAILED_BY_PEER : rv);
    }

    /**
     * The peer asks us to approve its change: converted to our view, applied with full
     * validation, and our verdict sent back. While our own request is out, the node holding
     * RESOLVE_CONFLICTS refuses, so exactly one of two simultaneous requests wins.
     */
    private void onClusterRequest(Packet p) {
        Payload.StateChange req = (Payload.StateChange) p.payload();
        if (clusterRequest != null && resolveConflicts) {
            replyCluster(org.jdrbd.statemachine.StateRv.SS_CONCURRENT_ST_CHG);
            return;
        }
        PeerDevice d = device(p.volume());
        if (d == null) {
            protocolError("P_STATE_CHG_REQ for unknown volume " + p.volume());
            return;
        }
        org.jdrbd.statemachine.PeerRequestView.Converted mine =
                org.jdrbd.statemachine.PeerRequestView.convert(req.mask(), req.val());
        PeerVolume v = d.volume;
        var ns = org.jdrbd.statemachine.StateWord.applyMaskVal(v.state(), mine.mask(), mine.val());
        if (ns.isEmpty()) {
            protocolError(String.format("P_STATE_CHG_REQ with a bad state word 0x%08x/0x%08x",
                    req.mask(), req.val()));
            return;
        }
        Link ours = meta;
        v.change(ns.get(), ChangeFlag.NONE).onComplete(ar -> {
            if (meta != ours) {
                return;
            }
            org.jdrbd.statemachine.StateRv rv = ar.succeeded() ? ar.result().rv()
                    : org.jdrbd.statemachine.StateRv.SS_UNKNOWN_ERROR;
            if (!rv.isSuccess()) {
                info("refused the peer's state change: {}", rv.message());
            }
            replyCluster(rv);
        });
    }

    private void replyCluster(org.jdrbd.statemachine.StateRv rv) {
        send(Packet.of(PacketType.P_STATE_CHG_REPLY, new Payload.StateChangeReply(rv.code())));
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
