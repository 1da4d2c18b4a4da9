package org.jdrbd.statemachine.sim;

import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.HandlerName;
import org.jdrbd.statemachine.HandshakeDecision;
import org.jdrbd.statemachine.HandshakeInput;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.SyncHandshake;
import org.jdrbd.statemachine.TimerEvent;
import org.jdrbd.statemachine.Transition;
import org.jdrbd.statemachine.UuidLifecycle;

/**
 * What a node does with each packet: the handshake (fact sheet §3.4), the bitmap exchange and
 * sync UUID (§3.5), the resync itself, replicated writes with protocol C acks, P_STATE, pings.
 */
final class SimProtocol {

    /** Resync blocks the SyncSource pushes per tick. */
    private static final int RESYNC_BLOCKS_PER_TICK = 3;

    private final Simulator sim;

    SimProtocol(Simulator sim) {
        this.sim = sim;
    }

    void deliver(SimNode n, SimMessage m) {
        n.timers = sim.timerStep(n, new TimerEvent.PacketReceived());
        if (m instanceof SimMessage.UuidsAndState u) {
            onUuidsAndState(n, u);
        } else if (m instanceof SimMessage.Uuids u) {
            n.peerUuids = u.uuids();
        } else if (m instanceof SimMessage.StateReport s) {
            onStateReport(n, s.state());
        } else if (m instanceof SimMessage.Bitmap b) {
            onBitmap(n, b);
        } else if (m instanceof SimMessage.SyncUuid s) {
            onSyncUuid(n, s.uuid());
        } else if (m instanceof SimMessage.Data d) {
            onData(n, d);
        } else if (m instanceof SimMessage.DataAck a) {
            if (n.inFlight.remove(a.writeId()) != null) {
                n.timers = sim.timerStep(n, new TimerEvent.RequestAcked());
                sim.ackWrite(a.writeId());
            }
        } else if (m instanceof SimMessage.ResyncData r) {
            onResyncData(n, r);
        } else if (m instanceof SimMessage.ResyncAck a) {
            n.resyncUnacked.remove(a.block());
            n.bitmap.remove(a.block());
        } else if (m instanceof SimMessage.ResyncDone) {
            onResyncDone(n);
        } else if (m instanceof SimMessage.StateChangeReq r) {
            sim.admin.onPeerRequest(n, r.request());
        } else if (m instanceof SimMessage.StateChangeRep r) {
            sim.admin.onPeerReply(n, r.reply());
        } else if (m instanceof SimMessage.Ping) {
            sim.send(n, new SimMessage.PingAck());
        } else if (m instanceof SimMessage.PingAck) {
            n.timers = sim.timerStep(n, new TimerEvent.PingAckReceived());
        } else {
            throw new IllegalStateException("unhandled message " + m);
        }
    }

    /** receive_state on a new connection: drbd_sync_handshake and its consequences. */
    private void onUuidsAndState(SimNode n, SimMessage.UuidsAndState m) {
        if (n.state.conn() != ConnState.WF_REPORT_PARAMS) {
            return;
        }
        n.peerUuids = m.uuids();
        State peer = m.state();
        HandshakeDecision d;
        if (sim.config.mutation() == SimConfig.Mutation.SILENT_SYNC) {
            d = SilentSyncMutant.decide(sim, n, peer);
        } else {
            d = SyncHandshake.decide(input(n, peer));
            if (d.outcome() == HandshakeDecision.Outcome.NEEDS_DEMOTION) {
                Transition t = n.change(n.state.withRole(Role.SECONDARY), ChangeFlag.NONE, "after-sb demotion");
                d = SyncHandshake.resume(d, t.committed() && n.state.role() == Role.SECONDARY);
            }
            n.setUuids(d.comparison().self(), "uuid_compare correction");
            n.peerUuids = d.comparison().peer();
        }
        sim.trace("n" + n.id + " handshake " + d.outcome() + " rule " + d.rule() + " hg " + d.hgSteps());
        // DRBD's sample pri-lost-after-sb handler reboots the node: a Primary that lost the split
        // brain but could not demote must not go on as a SyncSource.
        boolean reboot = d.handlers().contains(HandlerName.PRI_LOST_AFTER_SB);
        sim.invariants.onHandshake(n, d, reboot);
        n.discardMyData = false;
        if (reboot) {
            sim.crash(n, "pri-lost-after-sb handler reboots the node");
            return;
        }
        if (d.failed()) {
            sim.disconnect(n, "handshake " + d.outcome());
            return;
        }
        if (d.writeFullBitmap()) {
            n.setAllBits();
        }
        DiskState peerDisk = SyncHandshake.realPeerDisk(peer.disk(), m.uuids().flags());
        ConnState next = d.nextConn().orElseThrow();
        Transition t = n.change(n.state.withConn(next).withPeer(peer.role()).withPdsk(peerDisk), ChangeFlag.NONE,
                "handshake " + d.outcome());
        n.stateSent = false;
        if (!t.committed()) {
            sim.disconnect(n, "handshake state refused: " + t.rv());
            return;
        }
        if (d.outcome() == HandshakeDecision.Outcome.NO_SYNC) {
            n.crashedPrimary = false;
        }
    }

    HandshakeInput input(SimNode n, State peer) {
        return HandshakeInput.builder(n.uuids, n.peerUuids)
                .roles(n.state.role(), peer.role())
                .resolveConflicts(n.resolveConflicts)
                .disks(n.state.disk(), peer.disk())
                .afterSb(sim.config.afterSb0priOf(n.id), sim.config.afterSb1pri(), sim.config.afterSb2pri())
                .rrConflict(sim.config.rrConflict())
                .discardMyData(n.discardMyData)
                .localCrashedPrimary(n.crashedPrimary)
                .bitmapBitsSelf(n.bitmap.size())
                .build();
    }

    /** P_STATE while connected: the peer's role and disk (a hard change, as receive_state makes it). */
    private void onStateReport(SimNode n, State peer) {
        if (n.state.conn().lt(ConnState.CONNECTED)) {
            return;
        }
        State ns = n.state.withPeer(peer.role()).withPdsk(peer.disk());
        if (!ns.equals(n.state)) {
            n.change(ns, ChangeFlag.FORCED, "P_STATE");
        }
    }

    /** §3.5: the target merges and answers, the source merges and starts the resync. */
    private void onBitmap(SimNode n, SimMessage.Bitmap m) {
        if (n.state.conn() == ConnState.WF_BITMAP_T) {
            n.bitmap.addAll(m.blocks());
            sim.send(n, new SimMessage.Bitmap(n.bitmap));
            n.change(n.state.withConn(ConnState.WF_SYNC_UUID), ChangeFlag.NONE, "bitmap received");
        } else if (n.state.conn() == ConnState.WF_BITMAP_S) {
            n.bitmap.addAll(m.blocks());
            n.resyncUnacked.clear();
            n.change(n.state.withConn(ConnState.SYNC_SOURCE).withPdsk(DiskState.INCONSISTENT), ChangeFlag.NONE,
                    "start resync as SyncSource");
        }
    }

    /** P_SYNC_UUID: current := sync UUID (the old current is dropped, by DRBD's design), then resync. */
    private void onSyncUuid(SimNode n, long syncUuid) {
        if (n.state.conn() != ConnState.WF_SYNC_UUID) {
            return;
        }
        n.setUuids(UuidLifecycle.receiveSyncUuid(n.uuids, syncUuid, n.state.role() == Role.PRIMARY),
                SimInvariants.OP_RECEIVE_SYNC_UUID);
        n.change(n.state.withConn(ConnState.SYNC_TARGET).withDisk(DiskState.INCONSISTENT), ChangeFlag.NONE,
                "start resync as SyncTarget");
        sim.invariants.onBecameSyncTarget(n);
    }

    private void onData(SimNode n, SimMessage.Data d) {
        if (n.state.conn().lt(ConnState.CONNECTED) || n.state.disk().lt(DiskState.INCONSISTENT)) {
            return;
        }
        n.data[d.block()] = d.version();
        sim.send(n, new SimMessage.DataAck(d.writeId()));
    }

    private void onResyncData(SimNode n, SimMessage.ResyncData r) {
        if (n.state.conn() != ConnState.SYNC_TARGET) {
            return;
        }
        n.data[r.block()] = r.version();
        n.bitmap.remove(r.block());
        sim.send(n, new SimMessage.ResyncAck(r.block()));
    }

    /** Once a tick: the SyncSource pushes out-of-sync blocks, and finishes when all are acked. */
    void resyncTick(SimNode n) {
        if (!n.alive || n.state.conn() != ConnState.SYNC_SOURCE) {
            return;
        }
        if (sim.config.mutation() == SimConfig.Mutation.FORGET_RESYNC_BLOCK) {
            n.bitmap.remove(0);
        }
        int sent = 0;
        for (int b : n.bitmap) {
            if (sent == RESYNC_BLOCKS_PER_TICK) {
                break;
            }
            if (n.resyncUnacked.add(b)) {
                sim.send(n, new SimMessage.ResyncData(b, n.data[b]));
                sent++;
            }
        }
        if (n.bitmap.isEmpty() && n.resyncUnacked.isEmpty()) {
            n.setUuids(UuidLifecycle.resyncFinishedAsSource(n.uuids), "resync finished as source");
            n.change(n.state.withConn(ConnState.CONNECTED).withPdsk(DiskState.UP_TO_DATE), ChangeFlag.NONE,
                    "resync finished");
            n.crashedPrimary = false;
            sim.send(n, new SimMessage.ResyncDone());
            sim.invariants.onResyncFinished(n);
        }
    }

    private void onResyncDone(SimNode n) {
        if (n.state.conn() != ConnState.SYNC_TARGET) {
            return;
        }
        GenerationUuids source = n.peerUuids.uuids();
        n.setUuids(UuidLifecycle.resyncFinishedAsTarget(n.uuids, source, n.state.role() == Role.PRIMARY),
                "resync finished as target");
        n.peerUuids = n.peerUuids.withUuids(n.uuids);
        n.change(n.state.withConn(ConnState.CONNECTED).withDisk(DiskState.UP_TO_DATE), ChangeFlag.NONE,
                "resync finished");
        n.crashedPrimary = false;
        sim.send(n, new SimMessage.StateReport(n.state));
        sim.invariants.onResyncFinished(n);
    }
}
