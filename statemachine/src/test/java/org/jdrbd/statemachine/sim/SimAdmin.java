package org.jdrbd.statemachine.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ClusterWideChange;
import org.jdrbd.statemachine.ClusterWideOutcome;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.FenceApply;
import org.jdrbd.statemachine.FenceRun;
import org.jdrbd.statemachine.FenceStart;
import org.jdrbd.statemachine.FenceVerdict;
import org.jdrbd.statemachine.FenceVolume;
import org.jdrbd.statemachine.Fencing;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.PromotionPlan;
import org.jdrbd.statemachine.PromotionRetry;
import org.jdrbd.statemachine.PromotionStep;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateChangeReply;
import org.jdrbd.statemachine.StateChangeRequest;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.StateWord;
import org.jdrbd.statemachine.Transition;

/**
 * The simulated operator and handlers: {@code drbdsetup primary} with its retry rules
 * ({@link PromotionRetry}) over the two-phase protocol ({@link ClusterWideChange}), {@code secondary},
 * {@code connect [--discard-my-data]}, and the fence-peer handler, whose answer is truthful: it
 * really outdates (or shoots) the peer before reporting so, and reports "broken" when it cannot.
 */
final class SimAdmin {

    /** A running {@code drbdsetup primary}. */
    static final class Promotion {
        PromotionPlan plan;
        long retryAtTick = -1;

        Promotion(PromotionPlan plan) {
            this.plan = plan;
        }
    }

    /** A running fence-peer handler and who waits for its result. */
    static final class FenceRunState {
        final FenceRun run;
        final long doneAtTick;
        final List<Consumer<Boolean>> waiters = new ArrayList<>();

        FenceRunState(FenceRun run, long doneAtTick) {
            this.run = run;
            this.doneAtTick = doneAtTick;
        }
    }

    private final Simulator sim;

    SimAdmin(Simulator sim) {
        this.sim = sim;
    }

    /** {@code drbdadm connect}: StandAlone -> Unconnected -> WFConnection, then the connect timer. */
    void connect(SimNode n) {
        n.change(n.state.withConn(ConnState.UNCONNECTED), ChangeFlag.NONE, "connect");
        n.change(n.state.withConn(ConnState.WF_CONNECTION), ChangeFlag.NONE, "connect");
        n.timers = sim.timerStep(n, new org.jdrbd.statemachine.TimerEvent.StartConnecting());
        n.standAloneSinceTick = -1;
    }

    /**
     * The operator after a split brain (or any StandAlone): either reconnects as is, or demotes this
     * node and reconnects it with discard-my-data, so the run can go on.
     */
    void resolveStandAlone(SimNode n) {
        if (sim.random.nextBoolean()) {
            if (n.state.role() == Role.PRIMARY && !demote(n)) {
                return;
            }
            n.discardMyData = true;
            sim.trace("n" + n.id + " admin: connect --discard-my-data");
        } else {
            sim.trace("n" + n.id + " admin: connect");
        }
        connect(n);
    }

    /**
     * {@code drbdsetup secondary}; false when refused or not possible now. Like drbd_set_role it
     * waits until no write is on the fly, frozen ones included (here: it is not attempted).
     */
    boolean demote(SimNode n) {
        if (!n.alive || n.state.role() != Role.PRIMARY || !n.inFlight.isEmpty() || !n.heldWrites.isEmpty()
                || n.promotion != null) {
            return false;
        }
        Transition t = n.change(n.state.withRole(Role.SECONDARY), ChangeFlag.ORDERED, "secondary");
        if (t.committed()) {
            reportState(n);
        }
        return t.committed();
    }

    /** {@code drbdsetup primary} (without --force). */
    void promote(SimNode n) {
        if (!n.alive || n.promotion != null) {
            return;
        }
        n.promotion = new Promotion(PromotionPlan.initial());
        attempt(n);
    }

    /** One promotion request: local pre-check, then locally or through the peer. */
    private void attempt(SimNode n) {
        Promotion p = n.promotion;
        p.retryAtTick = -1;
        State ns = p.plan.proposedFrom(n.state);
        Transition probe = StateChange.propose(n.state, ns, n.ctx(), ChangeFlag.ORDERED);
        boolean peerNeeded = n.epoch != 0
                && StateChange.requiresClusterWide(n.state, probe.after(), ChangeFlag.ORDERED);
        ClusterWideChange.Step s = n.cw.request(p.plan.mask(), p.plan.val(), peerNeeded, probe.rv());
        n.cw = s.next();
        ClusterWideOutcome o = s.outcome();
        if (o instanceof ClusterWideOutcome.Refused r) {
            onResult(n, r.rv());
        } else if (o instanceof ClusterWideOutcome.ApplyLocally) {
            commit(n);
        } else if (o instanceof ClusterWideOutcome.SendRequest r) {
            sim.trace("n" + n.id + " asks peer: " + r.request());
            sim.send(n, new SimMessage.StateChangeReq(r.request()));
        } else {
            sim.trace("n" + n.id + " primary: " + o);
            n.promotion = null;
        }
    }

    private void commit(SimNode n) {
        Transition t = n.change(n.promotion.plan.proposedFrom(n.state), ChangeFlag.ORDERED, "primary");
        onResult(n, t.rv());
    }

    private void onResult(SimNode n, StateRv rv) {
        PromotionStep step = PromotionRetry.onResult(n.promotion.plan, rv, n.state, false,
                sim.config.timers().pingTimeoutTenths());
        handle(n, step);
    }

    private void handle(SimNode n, PromotionStep step) {
        Promotion p = n.promotion;
        if (step instanceof PromotionStep.Retry r) {
            p.plan = r.plan();
            attempt(n);
        } else if (step instanceof PromotionStep.RunFencePeer f) {
            p.plan = f.plan();
            runFencePeer(n, fenced -> {
                if (n.promotion == p) {
                    handle(n, PromotionRetry.afterFencePeer(f, fenced, false));
                }
            });
        } else if (step instanceof PromotionStep.WaitThenRetry w) {
            p.plan = w.plan();
            p.retryAtTick = sim.now() + w.waitTicks();
        } else {
            sim.trace("n" + n.id + " primary done: " + step);
            n.promotion = null;
            if (step instanceof PromotionStep.Promoted done && done.rv() == StateRv.SS_SUCCESS) {
                reportState(n); // P_STATE only when something changed (a stale one would mislead the peer)
            }
        }
    }

    /** Retries that waited (SS_TWO_PRIMARIES) and finished fence-peer handlers. */
    void tick(SimNode n) {
        if (n.promotion != null && n.promotion.retryAtTick >= 0 && sim.now() >= n.promotion.retryAtTick) {
            attempt(n);
        }
        if (n.fence != null && sim.now() >= n.fence.doneAtTick) {
            finishFence(n);
        }
    }

    /** The connection went away while our request waited: re-run it locally (DRBD 8.4). */
    void onConnectionLost(SimNode n) {
        ClusterWideChange.Step s = n.cw.onConnectionLost();
        n.cw = s.next();
        if (s.outcome() instanceof ClusterWideOutcome.Reevaluate && n.promotion != null) {
            attempt(n);
        }
    }

    /** P_STATE_CHG_REQ: validate in our own view, answer, and commit when we agreed. */
    void onPeerRequest(SimNode n, StateChangeRequest req) {
        State converted = convert(n.state, req);
        Transition probe = StateChange.propose(n.state, converted, n.ctx(), ChangeFlag.NONE);
        ClusterWideChange.Step s = n.cw.onPeerRequest(req, n.resolveConflicts, probe.rv());
        n.cw = s.next();
        ClusterWideOutcome.AnswerPeer a = (ClusterWideOutcome.AnswerPeer) s.outcome();
        sim.trace("n" + n.id + " answers peer request " + req.requestId() + ": " + a.reply().rv());
        sim.send(n, new SimMessage.StateChangeRep(a.reply()));
        if (a.commitLocally()) {
            n.change(converted, ChangeFlag.NONE, "peer's request");
        }
    }

    /** P_STATE_CHG_REPLY for our pending request. */
    void onPeerReply(SimNode n, StateChangeReply reply) {
        ClusterWideChange.Step s = n.cw.onReply(reply);
        n.cw = s.next();
        if (n.promotion == null) {
            return;
        }
        if (s.outcome() instanceof ClusterWideOutcome.Commit) {
            commit(n);
        } else if (s.outcome() instanceof ClusterWideOutcome.Aborted a) {
            sim.trace("n" + n.id + " " + a.message());
            onResult(n, a.rv());
        }
    }

    /** The peer's request in our view (convert_state: role/peer and disk/pdsk swap). */
    static State convert(State s, StateChangeRequest req) {
        int mask = req.mask();
        int val = req.val();
        int swapped = StateWord.ROLE_MASK | StateWord.PEER_MASK | StateWord.DISK_MASK | StateWord.PDSK_MASK;
        int cm = mask & ~swapped;
        int cv = val & ~swapped;
        cm |= move(mask, StateWord.ROLE_MASK, StateWord.ROLE_SHIFT, StateWord.PEER_SHIFT);
        cv |= move(val & mask, StateWord.ROLE_MASK, StateWord.ROLE_SHIFT, StateWord.PEER_SHIFT);
        cm |= move(mask, StateWord.PEER_MASK, StateWord.PEER_SHIFT, StateWord.ROLE_SHIFT);
        cv |= move(val & mask, StateWord.PEER_MASK, StateWord.PEER_SHIFT, StateWord.ROLE_SHIFT);
        cm |= move(mask, StateWord.DISK_MASK, StateWord.DISK_SHIFT, StateWord.PDSK_SHIFT);
        cv |= move(val & mask, StateWord.DISK_MASK, StateWord.DISK_SHIFT, StateWord.PDSK_SHIFT);
        cm |= move(mask, StateWord.PDSK_MASK, StateWord.PDSK_SHIFT, StateWord.DISK_SHIFT);
        cv |= move(val & mask, StateWord.PDSK_MASK, StateWord.PDSK_SHIFT, StateWord.DISK_SHIFT);
        return StateWord.applyMaskVal(s, cm, cv).orElseThrow();
    }

    private static int move(int word, int fieldMask, int fromShift, int toShift) {
        return ((word & fieldMask) >>> fromShift) << toShift;
    }

    /** Tells a connected peer our state after a role change (P_STATE). */
    void reportState(SimNode n) {
        if (n.state.conn().ge(ConnState.CONNECTED)) {
            sim.send(n, new SimMessage.StateReport(n.state));
        }
    }

    /** conn_try_outdate_peer: begin, maybe run the handler (it takes a few ticks), then report. */
    void runFencePeer(SimNode n, Consumer<Boolean> then) {
        if (n.fence != null) {
            n.fence.waiters.add(then);
            return;
        }
        FenceStart start = Fencing.begin(n.state.conn(), n.connectCount, List.of(volume(n)));
        if (start instanceof FenceStart.Done d) {
            sim.trace("n" + n.id + " fence-peer: " + start);
            then.accept(d.peerFenced());
            return;
        }
        FenceRun run = ((FenceStart.RunHandler) start).run();
        n.fence = new FenceRunState(run, sim.now() + 2 + sim.random.nextInt(5));
        n.fence.waiters.add(then);
    }

    private void finishFence(SimNode n) {
        FenceRunState f = n.fence;
        n.fence = null;
        int exit = handlerExitCode(n, f.run);
        FenceVerdict v = Fencing.interpret(f.run, exit, List.of(volume(n)));
        FenceApply apply = Fencing.applyIfCurrent(f.run, v, n.state.conn(), n.stateSent, n.connectCount);
        sim.trace("n" + n.id + " fence-peer exit " + exit + " -> " + apply);
        if (apply instanceof FenceApply.Apply a) {
            n.change(a.change().applyTo(n.state), ChangeFlag.NONE, "fence-peer " + exit);
        }
        boolean fenced = Fencing.peerFenced(v, List.of(volume(n)));
        for (Consumer<Boolean> w : f.waiters) {
            w.accept(fenced);
        }
    }

    /**
     * The modelled handler (e.g. crm-fence-peer): it reaches the peer through the cluster manager,
     * not the replication link, and only reports what it really did.
     */
    private int handlerExitCode(SimNode self, FenceRun run) {
        SimNode peer = sim.peerOf(self);
        if (sim.random.nextInt(100) < 5) {
            return 1; // the handler itself failed
        }
        if (!peer.alive) {
            outdateDeadPeer(peer);
            return sim.random.nextBoolean() ? 5 : 7;
        }
        if (peer.state.role() == Role.PRIMARY) {
            return 6;
        }
        if (peer.state.conn().ge(ConnState.WF_REPORT_PARAMS)) {
            return 1; // the peer still believes it is connected: nothing safe can be reported
        }
        if (run.policy() == FencingPolicy.RESOURCE_AND_STONITH && sim.random.nextInt(100) < 20) {
            sim.crash(peer, "stonith by n" + self.id);
            outdateDeadPeer(peer);
            return 7;
        }
        if (peer.state.disk().le(DiskState.INCONSISTENT)) {
            return 3;
        }
        peer.change(peer.state.withDisk(DiskState.OUTDATED), ChangeFlag.NONE, "outdated by fence-peer of n" + self.id);
        return peer.state.disk() == DiskState.OUTDATED ? 4 : 1;
    }

    /**
     * A dead peer keeps its own meta data, possibly with a stale "peer outdated" flag that would
     * let it come back UpToDate and promote on its own (DRBD's attach rule). A real fence-peer
     * handler answers 5/7 only together with a cluster-manager constraint that keeps that node
     * from being promoted before it resynced; here: its disk comes back Outdated.
     */
    private void outdateDeadPeer(SimNode peer) {
        peer.mdFlags &= ~org.jdrbd.statemachine.MetaFlags.MDF_WAS_UP_TO_DATE;
        sim.trace("n" + peer.id + " marked outdated by the cluster manager");
    }

    static FenceVolume volume(SimNode n) {
        return new FenceVolume(0, n.state, n.fencing(), n.newCurUuidPending);
    }
}
