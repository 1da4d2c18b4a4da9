package org.jdrbd.statemachine.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.ConnectionTimers;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Fencing;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.MetaFlags;
import org.jdrbd.statemachine.TimerEffect;
import org.jdrbd.statemachine.TimerEvent;
import org.jdrbd.statemachine.Uuids;

/**
 * A deterministic two-node DRBD cluster (STYLE.md rule 10): virtual time in ticks, one seeded
 * random source for the workload, the faults and every UUID, no threads and no clock. Each
 * {@link #step} delivers due packets, runs the timers, the resync, the admin and one random action,
 * then checks every invariant ({@link SimInvariants}).
 */
public final class Simulator {

    /** One application write: which node, which block, and the version it replaced there. */
    record WriteRecord(long id, int node, int block, long previousVersion) {
    }

    final SimConfig config;
    final SplittableRandom random;
    final SimNetwork net;
    final SimNode[] nodes = new SimNode[2];
    final SimProtocol protocol = new SimProtocol(this);
    final SimAdmin admin = new SimAdmin(this);
    final SimInvariants invariants;
    final SimTrace traceLog = new SimTrace();
    final Map<Long, WriteRecord> writes = new HashMap<>();
    private final long[] restartAtTick = {-1, -1};
    private long now;
    private long nextWriteId = 1;

    public Simulator(SimConfig config) {
        this.config = config;
        this.random = new SplittableRandom(config.seed());
        this.net = new SimNetwork(random.split());
        this.invariants = new SimInvariants(this);
        long initial = Uuids.masked(Uuids.random(random));
        for (int i = 0; i < 2; i++) {
            SimNode n = new SimNode(i, this);
            // Both nodes start after a completed initial sync: same data, same generation.
            n.uuids = GenerationUuids.of(initial, 0, 0, 0);
            n.mdFlags = MetaFlags.MDF_CONSISTENT | MetaFlags.MDF_WAS_UP_TO_DATE;
            nodes[i] = n;
        }
        trace("config " + config);
        for (SimNode n : nodes) {
            n.restart();
        }
    }

    /** Runs {@code steps} steps; throws {@link SimViolation} at the first broken invariant. */
    public static SimResult run(SimConfig config, long steps) {
        Simulator s = new Simulator(config);
        for (long i = 0; i < steps; i++) {
            s.step();
        }
        return s.result();
    }

    long now() {
        return now;
    }

    SimNode peerOf(SimNode n) {
        return nodes[1 - n.id];
    }

    void trace(String line) {
        traceLog.add(now, line);
    }

    SimResult result() {
        return new SimResult(config.seed(), now, traceLog.hash(), invariants.stats());
    }

    /** One tick. */
    public void step() {
        now++;
        if (net.healIfDue(now)) {
            trace("link healed");
        }
        for (SimNode n : nodes) {
            if (!n.alive && restartAtTick[n.id] >= 0 && now >= restartAtTick[n.id]) {
                restartAtTick[n.id] = -1;
                trace("n" + n.id + " restarts");
                n.restart();
            }
        }
        int first = random.nextInt(2);
        deliverAll(nodes[first]);
        deliverAll(nodes[1 - first]);
        for (SimNode n : nodes) {
            if (n.alive) {
                timerTick(n);
            }
        }
        for (SimNode n : nodes) {
            if (n.alive) {
                protocol.resyncTick(n);
                admin.tick(n);
                if (n.standAloneSinceTick >= 0 && now - n.standAloneSinceTick >= 40) {
                    admin.resolveStandAlone(n);
                }
            }
        }
        randomAction();
        invariants.checkStep();
    }

    private void deliverAll(SimNode n) {
        SimNetwork.Envelope e;
        while ((e = net.pollDue(now, n.id)) != null) {
            if (n.alive && n.epoch == e.epoch() && net.alive(e.epoch())) {
                protocol.deliver(n, e.message());
            }
        }
    }

    private void timerTick(SimNode n) {
        ConnectionTimers.Step s = n.timers.step(new TimerEvent.Tick());
        n.timers = s.next();
        for (TimerEffect e : s.effects()) {
            if (e instanceof TimerEffect.SendPing) {
                send(n, new SimMessage.Ping());
            } else if (e instanceof TimerEffect.ConnectionLost c) {
                trace("n" + n.id + " " + c.message());
                dropConnection(n, c.reason(), false);
            } else if (e instanceof TimerEffect.RetryConnect) {
                tryConnect();
            }
        }
    }

    ConnectionTimers timerStep(SimNode n, TimerEvent event) {
        ConnectionTimers.Step s = n.timers.step(event);
        if (!s.effects().isEmpty()) {
            trace("n" + n.id + " timer effects " + s.effects() + " on " + event);
        }
        return s.next();
    }

    void send(SimNode from, SimMessage m) {
        if (from.epoch != 0) {
            net.send(now, from.epoch, 1 - from.id, m);
        }
    }

    /** Both sides waiting, both alive, link up: a new connection and the handshake packets. */
    private void tryConnect() {
        SimNode a = nodes[0];
        SimNode b = nodes[1];
        if (!a.alive || !b.alive || !net.linkUp() || a.state.conn() != ConnState.WF_CONNECTION
                || b.state.conn() != ConnState.WF_CONNECTION) {
            return;
        }
        long epoch = net.open();
        int holder = random.nextInt(2);
        trace("connection epoch " + epoch + ", RESOLVE_CONFLICTS on n" + holder);
        for (SimNode n : nodes) {
            n.epoch = epoch;
            n.connectCount++;
            n.resolveConflicts = n.id == holder;
            n.change(n.state.withConn(ConnState.WF_REPORT_PARAMS), ChangeFlag.NONE, "connected");
            n.timers = timerStep(n, new TimerEvent.ConnectionEstablished());
            n.stateSent = true;
        }
        for (SimNode n : nodes) {
            send(n, new SimMessage.UuidsAndState(n.myPeerUuids(), n.state));
        }
    }

    /** A failed handshake: Disconnecting, StandAlone (the operator has to reconnect). */
    void disconnect(SimNode n, String why) {
        trace("n" + n.id + " disconnects: " + why);
        dropConnection(n, ConnState.DISCONNECTING, true);
    }

    /**
     * This node's side of a lost connection: hard change to {@code reason}, unacked writes become
     * out-of-sync (and complete, unless IO is frozen), then reconnect or stay StandAlone, re-check
     * a pending two-phase change and start fencing when a Primary lost a peer with data.
     */
    void dropConnection(SimNode n, ConnState reason, boolean standAlone) {
        net.kill(n.epoch);
        n.epoch = 0;
        n.stateSent = false;
        n.resyncUnacked.clear();
        n.change(n.state.withConn(reason), ChangeFlag.FORCED, "connection lost");
        for (Map.Entry<Long, Integer> w : n.inFlight.entrySet()) {
            if (n.state.suspended()) {
                n.heldWrites.put(w.getKey(), w.getValue()); // stays in the transfer log, frozen
            } else {
                n.bitmap.add(w.getValue());
                ackWrite(w.getKey());
            }
        }
        n.inFlight.clear();
        n.timers = timerStep(n, new TimerEvent.ConnectionClosed());
        if (standAlone) {
            n.change(n.state.withConn(ConnState.STANDALONE), ChangeFlag.FORCED, "disconnect");
        } else {
            n.change(n.state.withConn(ConnState.UNCONNECTED), ChangeFlag.FORCED, "reconnect");
            n.change(n.state.withConn(ConnState.WF_CONNECTION), ChangeFlag.NONE, "reconnect");
            n.timers = timerStep(n, new TimerEvent.StartConnecting());
        }
        admin.onConnectionLost(n);
        if (Fencing.shouldFenceAfterConnectionLoss(List.of(SimAdmin.volume(n)))) {
            admin.runFencePeer(n, fenced -> trace("n" + n.id + " fenced after connection loss: " + fenced));
        }
    }

    void crash(SimNode n, String why) {
        if (!n.alive) {
            return;
        }
        trace("n" + n.id + " CRASH (" + why + ")");
        net.kill(n.epoch);
        n.crash();
        restartAtTick[n.id] = now + 10 + random.nextInt(150);
    }

    /** The client learns its write is done. */
    void ackWrite(long writeId) {
        invariants.onAck(writes.get(writeId));
    }

    /** Frozen writes complete; the peer never got them, so their blocks are out of sync. */
    void completeHeldWrites(SimNode n) {
        for (Map.Entry<Long, Integer> w : n.heldWrites.entrySet()) {
            n.bitmap.add(w.getValue());
            ackWrite(w.getKey());
        }
        n.heldWrites.clear();
    }

    /** Frozen writes go to the peer again on the new connection (acked when it acks). */
    void resendHeldWrites(SimNode n) {
        for (Map.Entry<Long, Integer> w : n.heldWrites.entrySet()) {
            n.inFlight.put(w.getKey(), w.getValue());
            n.timers = timerStep(n, new TimerEvent.RequestSent());
            send(n, new SimMessage.Data(w.getKey(), w.getValue(), w.getKey()));
        }
        n.heldWrites.clear();
    }

    /**
     * An application write on a Primary. Replicated while Connected or SyncSource (acked when the
     * peer acks, protocol C); local plus a bitmap bit while disconnected. IO waits (is not issued)
     * while frozen, during the handshake and bitmap exchange, and on a SyncTarget (DRBD interlocks
     * those writes with the resync; not modelled). Two Primaries write disjoint blocks, as a
     * cluster file system would (§10 conflict detection is not modelled).
     */
    private void write(SimNode n) {
        if (!n.isPrimary() || n.state.suspended() || n.state.disk() != DiskState.UP_TO_DATE) {
            return;
        }
        ConnState c = n.state.conn();
        boolean replicate = c == ConnState.CONNECTED || c == ConnState.SYNC_SOURCE;
        if (!replicate && !c.lt(ConnState.WF_REPORT_PARAMS)) {
            return;
        }
        int block = random.nextInt(SimConfig.BLOCKS);
        if (config.allowTwoPrimaries()) {
            block = (block & ~1) | n.id;
        }
        long id = nextWriteId++;
        writes.put(id, new WriteRecord(id, n.id, block, n.data[block]));
        n.data[block] = id;
        if (replicate) {
            n.inFlight.put(id, block);
            n.timers = timerStep(n, new TimerEvent.RequestSent());
            send(n, new SimMessage.Data(id, block, id));
        } else {
            n.bitmap.add(block);
            invariants.onDisconnectedWrite(n);
            ackWrite(id);
        }
    }

    /** The workload and the faults, one draw per tick. */
    private void randomAction() {
        int r = random.nextInt(10_000);
        SimNode n = nodes[random.nextInt(2)];
        if (r < 3000) {
            write(n);
        } else if (r < 3150) {
            trace("n" + n.id + " admin: primary");
            admin.promote(n);
        } else if (r < 3300) {
            trace("n" + n.id + " admin: secondary");
            admin.demote(n);
        } else if (r < 3315) {
            trace("admin: primary on both at once");
            admin.promote(nodes[0]);
            admin.promote(nodes[1]);
        } else if (r < 3355) {
            long until = now + 20 + random.nextInt(200);
            trace("PARTITION until " + until);
            net.partition(until);
        } else if (r < 3375) {
            trace("packet lost: connection breaks");
            net.kill(n.epoch);
        } else if (r < 3395) {
            crash(n, "fault");
        }
    }
}
