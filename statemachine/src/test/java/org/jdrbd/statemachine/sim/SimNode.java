package org.jdrbd.statemachine.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ClusterWideChange;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.ConnectionTimers;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Effect;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.MetaFlags;
import org.jdrbd.statemachine.PeerUuids;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;
import org.jdrbd.statemachine.UuidCompare;
import org.jdrbd.statemachine.UuidLifecycle;
import org.jdrbd.statemachine.Uuids;

/**
 * One simulated DRBD node. Every state change goes through {@link StateChange#propose} and the
 * node then executes the returned effects that matter here (UUIDs, bitmap, packets, thaw); that
 * is the point of the simulator: the pure pieces run together as the daemon will run them.
 *
 * <p>What survives a crash is what DRBD keeps on disk: data, UUIDs, bitmap and meta-data flags.
 */
final class SimNode {

    final int id;
    private final Simulator sim;

    boolean alive = true;
    State state = State.INITIAL;
    GenerationUuids uuids;
    final TreeSet<Integer> bitmap = new TreeSet<>();
    final long[] data = new long[SimConfig.BLOCKS];
    int mdFlags;

    boolean crashedPrimary;
    boolean newCurUuidPending;
    boolean discardMyData;
    boolean resolveConflicts;
    boolean stateSent;
    long epoch;
    long connectCount;
    PeerUuids peerUuids;
    ClusterWideChange cw = ClusterWideChange.idle();
    ConnectionTimers timers;
    /** Replicated writes waiting for the peer's ack: write id to block. */
    final Map<Long, Integer> inFlight = new LinkedHashMap<>();
    /** Unacked writes kept in the transfer log while IO is frozen (susp_fen): write id to block. */
    final Map<Long, Integer> heldWrites = new LinkedHashMap<>();
    long pendingSyncUuid;
    /** SyncSource: resync blocks sent and not yet acknowledged. */
    final TreeSet<Integer> resyncUnacked = new TreeSet<>();
    /** Ticks this node has been StandAlone (for the simulated admin). */
    long standAloneSinceTick = -1;
    SimAdmin.Promotion promotion;
    SimAdmin.FenceRunState fence;

    SimNode(int id, Simulator sim) {
        this.id = id;
        this.sim = sim;
        this.timers = ConnectionTimers.idle(sim.config.timers());
    }

    FencingPolicy fencing() {
        return sim.config.fencing();
    }

    /** The pipeline's context from what this node knows now. */
    StateContext ctx() {
        return StateContext.DEFAULTS.withFencing(fencing())
                .withAllowTwoPrimaries(sim.config.allowTwoPrimaries()
                        || sim.config.mutation() == SimConfig.Mutation.IGNORE_TWO_PRIMARIES_RULE)
                .withAgreedProtocolVersion(epoch != 0 ? UuidCompare.PRO_VERSION_MAX : 0)
                .withStateSent(stateSent)
                .withBitmapUuidZero(uuids.bitmap() == 0)
                .withCrashedPrimary(crashedPrimary)
                .withNewCurUuidPending(newCurUuidPending);
    }

    /** Proposes a change and, when committed, runs its effects. */
    Transition change(State ns, Set<ChangeFlag> flags, String why) {
        StateContext ctx = ctx();
        State os = state;
        Transition t = StateChange.propose(os, ns, ctx, flags);
        if (!t.committed()) {
            sim.trace("n" + id + " refused " + t.rv() + " (" + why + ")");
            return t;
        }
        sim.invariants.onCommit(this, t, ctx, flags);
        state = t.after();
        if (os.conn() == ConnState.WF_REPORT_PARAMS && state.conn().ge(ConnState.CONNECTED)) {
            stateSent = false; // the handshake is over: STATE_SENT no longer blocks changes
        }
        sim.trace("n" + id + " " + t.changeLog() + " [" + why + "]");
        List<Runnable> followUps = new ArrayList<>();
        for (Effect e : t.effects()) {
            runEffect(e, followUps);
        }
        if (os.role() != Role.PRIMARY && state.role() == Role.PRIMARY) {
            onPromoted();
        } else if (os.role() == Role.PRIMARY && state.role() != Role.PRIMARY) {
            setUuids(UuidLifecycle.demote(uuids), "demote");
        }
        if (state.conn() == ConnState.STANDALONE && os.conn() != ConnState.STANDALONE) {
            standAloneSinceTick = sim.now();
        }
        for (Runnable r : followUps) {
            r.run();
        }
        return t;
    }

    /** drbd_set_role's UUID step, after the role change committed. */
    private void onPromoted() {
        GenerationUuids before = uuids;
        GenerationUuids next;
        if (sim.config.mutation() == SimConfig.Mutation.SKIP_PROMOTE_NEW_UUID) {
            next = uuids.setPrimaryBit();
        } else {
            next = UuidLifecycle.promote(uuids, sim.random, state.conn(), state.pdsk(), false).uuids();
        }
        setUuids(next, "promote");
        sim.invariants.onPromotion(this, before);
    }

    private void runEffect(Effect e, List<Runnable> followUps) {
        if (e instanceof Effect.UpdateMetaFlags u) {
            mdFlags = u.applyTo(mdFlags);
        } else if (e instanceof Effect.NewCurrentUuid) {
            newCurrentUuid("new-current-uuid effect");
        } else if (e instanceof Effect.SetNewCurUuidPending) {
            newCurUuidPending = true;
        } else if (e instanceof Effect.ClearNewCurUuidPending) {
            newCurUuidPending = false;
        } else if (e instanceof Effect.NewSyncUuid) {
            UuidLifecycle.SyncUuidStart s = UuidLifecycle.generateSyncUuid(uuids, sim.random);
            setUuids(s.uuids(), "generate sync uuid");
            pendingSyncUuid = s.syncUuid();
        } else if (e instanceof Effect.SendSyncUuid) {
            sim.send(this, new SimMessage.SyncUuid(pendingSyncUuid));
        } else if (e instanceof Effect.SendUuids || e instanceof Effect.SendUuidsAndState) {
            sim.send(this, new SimMessage.Uuids(myPeerUuids()));
        } else if (e instanceof Effect.SendState) {
            sim.send(this, new SimMessage.StateReport(state));
        } else if (e instanceof Effect.SendBitmap) {
            sim.send(this, new SimMessage.Bitmap(bitmap));
        } else if (e instanceof Effect.SetAllBitmapBits) {
            setAllBits();
        } else if (e instanceof Effect.RequestConnState r) {
            followUps.add(() -> change(state.withConn(r.conn()), ChangeFlag.NONE, "requested by effect"));
        } else if (e instanceof Effect.ThawIo t) {
            followUps.add(() -> thaw(t));
        } else if (e instanceof Effect.RunHandler h) {
            sim.trace("n" + id + " handler " + h.handler());
        }
        // WriteBitmap, MdSync, ResetResyncCounters, CancelResync, ResumeDependentResyncs, StartResync:
        // the simulated meta data is always durable and the resync is driven by packets.
    }

    /**
     * _tl_restart then clear the freeze: RESEND puts the held writes on the new connection again;
     * the other restarts complete them, their blocks out of sync.
     */
    private void thaw(Effect.ThawIo t) {
        if (t.restart() == Effect.TlRestart.RESEND && epoch != 0) {
            sim.resendHeldWrites(this);
        } else {
            sim.completeHeldWrites(this);
        }
        State ns = t.suspension() == Effect.Suspension.FENCING ? state.withSuspFen(false) : state.withSuspNod(false);
        change(ns, ChangeFlag.NONE, "thaw " + t.restart());
    }

    void setAllBits() {
        for (int b = 0; b < SimConfig.BLOCKS; b++) {
            bitmap.add(b);
        }
    }

    /** drbd_uuid_new_current (or, in the mutant, a version that forgets the old current). */
    void newCurrentUuid(String why) {
        boolean primary = state.role() == Role.PRIMARY;
        if (sim.config.mutation() == SimConfig.Mutation.DROP_OLD_CURRENT) {
            setUuids(new GenerationUuids(Uuids.withRoleBit(Uuids.random(sim.random), primary), uuids.bitmap(),
                    uuids.history()), why);
            return;
        }
        setUuids(uuids.newCurrent(sim.random, primary).uuids(), why);
    }

    /** Every UUID update passes here so the history invariant sees each operation. */
    void setUuids(GenerationUuids next, String op) {
        sim.invariants.onUuidChange(this, uuids, next, op);
        if (!next.equals(uuids)) {
            sim.trace("n" + id + " uuids " + uuids + " -> " + next + " (" + op + ")");
        }
        uuids = next;
    }

    /** Our P_UUIDS: UUIDs, bitmap weight, discard-my-data and crashed-primary flags. */
    PeerUuids myPeerUuids() {
        long flags = (discardMyData ? Uuids.FLAG_DISCARD_MY_DATA : 0)
                | (crashedPrimary ? Uuids.FLAG_CRASHED_PRIMARY : 0);
        return new PeerUuids(uuids, bitmap.size(), flags);
    }

    boolean isPrimary() {
        return alive && state.role() == Role.PRIMARY;
    }

    /** Kill: everything in memory is gone; AL-covered blocks of unacked writes go to the bitmap. */
    void crash() {
        if ((mdFlags & MetaFlags.MDF_PRIMARY_IND) != 0) {
            bitmap.addAll(inFlight.values());
            bitmap.addAll(heldWrites.values());
        }
        alive = false;
        inFlight.clear();
        heldWrites.clear();
        resyncUnacked.clear();
        cw = ClusterWideChange.idle();
        timers = ConnectionTimers.idle(sim.config.timers());
        peerUuids = null;
        epoch = 0;
        stateSent = false;
        discardMyData = false;
        newCurUuidPending = false;
        promotion = null;
        fence = null;
        standAloneSinceTick = -1;
    }

    /**
     * Boot and {@code drbdadm up}: attach with the disk state the meta-data flags give (fact sheet
     * §8.4), then connect. Never Primary by itself.
     */
    void restart() {
        alive = true;
        state = State.INITIAL;
        crashedPrimary = (mdFlags & (MetaFlags.MDF_PRIMARY_IND | MetaFlags.MDF_CRASHED_PRIMARY)) != 0;
        DiskState disk = (mdFlags & MetaFlags.MDF_CONSISTENT) == 0 ? DiskState.INCONSISTENT
                : (mdFlags & MetaFlags.MDF_WAS_UP_TO_DATE) != 0 ? DiskState.CONSISTENT : DiskState.OUTDATED;
        DiskState pdsk = (mdFlags & MetaFlags.MDF_PEER_OUT_DATED) != 0 ? DiskState.OUTDATED : DiskState.UNKNOWN;
        if (disk == DiskState.CONSISTENT && (pdsk == DiskState.OUTDATED || fencing() == FencingPolicy.DONT_CARE)) {
            disk = DiskState.UP_TO_DATE;
        }
        change(state.withDisk(DiskState.ATTACHING), ChangeFlag.NONE, "attach");
        change(state.withDisk(disk).withPdsk(pdsk), ChangeFlag.NONE, "attach done");
        sim.admin.connect(this);
    }

    @Override
    public String toString() {
        return "n" + id + (alive ? "" : "(dead)") + " " + state + " uuids " + uuids + " bm" + bitmap.size()
                + (crashedPrimary ? " crashed-primary" : "");
    }
}
