package org.jdrbd.statemachine.sim;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.HandshakeDecision;
import org.jdrbd.statemachine.HandshakeDecision.Outcome;
import org.jdrbd.statemachine.HandshakeDecision.Stage;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.StateRules;
import org.jdrbd.statemachine.Transition;
import org.jdrbd.statemachine.Uuids;
import org.jdrbd.statemachine.Verdict;

/**
 * The checkers. Exactly what is checked:
 * <ol>
 *   <li><b>Two Primaries</b> (after every step), unless allow-two-primaries: never both Primary
 *       while both see the connection (conn &gt;= Connected on both); with fencing resource-only or
 *       resource-and-stonith never both Primary at all, since a disconnected promotion needs the
 *       (truthful) fence-peer handler to have outdated or shot the peer. With fencing dont-care two
 *       Primaries across a partition are DRBD's split brain and are allowed (and counted).</li>
 *   <li><b>New UUID on a disconnected promotion</b> (at each promotion): promoted with conn &lt;
 *       Connected and a bitmap UUID of 0 before, the masked current UUID must differ from the old
 *       one and the old one must now be the bitmap UUID. A non-zero bitmap UUID means the bitmap
 *       already tracks changes since a known generation, which is DRBD's exception.</li>
 *   <li><b>No silent sync after a split brain</b> (at each handshake): when both nodes wrote as
 *       disconnected Primaries since they were last in sync, the decision must show split-brain
 *       handling: uuid_compare gave +-100, or after-sb / discard-my-data ran, or the outcome is
 *       the split-brain disconnect. Also: the two decisions of one connection must be
 *       complementary (source/target, both no-sync, both failed), unless one side failed for a
 *       reason only it sees: rr-conflict, inconsistent-source, or a Primary that lost the split
 *       brain, could not demote and was rebooted by pri-lost-after-sb.</li>
 *   <li><b>UUID history keeps the current UUID</b> (at every UUID operation): the old current UUID
 *       (if a real generation) is still in current, bitmap or history afterwards, except on
 *       P_SYNC_UUID receipt, where DRBD drops it on purpose (the only exempt operation here; the
 *       simulator never runs skip-initial-sync).</li>
 *   <li><b>Data safety</b> (after every step, when both are alive, Connected, UpToDate/UpToDate, on
 *       the same live connection with no write or resync packet pending): both data maps are equal,
 *       the masked current UUIDs are equal, and every acknowledged write (the latest per block) is
 *       that block's version on both nodes or an ancestor of it. Acked writes that a split-brain
 *       resolution discarded (the target's side) are dropped from the check and counted.</li>
 *   <li><b>Valid states</b> (at every commit): the new state passes is_valid_state, or the old state
 *       failed it the same way (DRBD's rule), or the change was CS_HARD (counted).</li>
 * </ol>
 */
final class SimInvariants {

    /** The UUID operation DRBD defines to drop the old current UUID. */
    static final String OP_RECEIVE_SYNC_UUID = "P_SYNC_UUID received";

    private static final Set<Outcome> LOCAL_REFUSALS = EnumSet.of(Outcome.DISCONNECT_RR_CONFLICT,
            Outcome.DISCONNECT_INCONSISTENT_SOURCE);

    private final Simulator sim;
    private final Map<String, Long> stats = new TreeMap<>();
    private final int[] wroteDisconnected = new int[2];
    private final long[] decisionEpoch = new long[2];
    private final Outcome[] decisionOutcome = new Outcome[2];
    /** The decision failed for a reason only this side sees (rr-conflict, or a pri-lost reboot). */
    private final boolean[] decisionLocalFailure = new boolean[2];
    /** Block to the id of its latest acknowledged write. */
    private final Map<Integer, Long> acked = new TreeMap<>();

    SimInvariants(Simulator sim) {
        this.sim = sim;
    }

    Map<String, Long> stats() {
        return Map.copyOf(stats);
    }

    private void count(String key) {
        stats.merge(key, 1L, Long::sum);
    }

    private void fail(int invariant, String message) {
        throw new SimViolation(invariant, sim.config.seed(), sim.now(), message + "\n" + sim.nodes[0] + "\n"
                + sim.nodes[1], sim.config.toString(), sim.traceLog.tail());
    }

    /** Invariant 6. */
    void onCommit(SimNode n, Transition t, StateContext ctx, Set<ChangeFlag> flags) {
        count("commits");
        Verdict v = StateRules.isValidState(t.after(), ctx);
        if (v.isSuccess()) {
            return;
        }
        if (flags.contains(ChangeFlag.HARD)) {
            count("invalid states reached by hard changes");
            return;
        }
        if (StateRules.isValidState(t.before(), ctx).rv() != v.rv()) {
            fail(6, "n" + n.id + " soft change reached an invalid state " + t.after() + ": " + v);
        }
        count("soft changes within an already invalid state");
    }

    /** Invariant 2. */
    void onPromotion(SimNode n, GenerationUuids before) {
        count("promotions");
        if (!n.state.conn().lt(ConnState.CONNECTED)) {
            return;
        }
        count("promotions while disconnected");
        if (before.bitmap() != 0) {
            count("disconnected promotions with bitmap UUID set");
            return;
        }
        if (Uuids.sameGeneration(n.uuids.current(), before.current())
                || !Uuids.sameGeneration(n.uuids.bitmap(), before.current())) {
            fail(2, "n" + n.id + " promoted while disconnected without a new current UUID: " + before + " -> "
                    + n.uuids);
        }
    }

    /** Invariant 4. */
    void onUuidChange(SimNode n, GenerationUuids old, GenerationUuids next, String op) {
        if (old == null || old.equals(next)) {
            return;
        }
        if (OP_RECEIVE_SYNC_UUID.equals(op)) {
            count("current UUID dropped by P_SYNC_UUID");
            return;
        }
        if (!Uuids.isNoGeneration(old.current()) && !next.containsGeneration(old.current())) {
            fail(4, "n" + n.id + " lost its current UUID in '" + op + "': " + old + " -> " + next);
        }
    }

    void onDisconnectedWrite(SimNode n) {
        wroteDisconnected[n.id]++;
        count("writes while disconnected");
    }

    void onAck(Simulator.WriteRecord w) {
        acked.put(w.block(), w.id());
        count("acknowledged writes");
    }

    /** Invariant 3, complementarity, and the split-brain exemption of invariant 5. */
    void onHandshake(SimNode n, HandshakeDecision d, boolean nodeRebooted) {
        count("handshake " + d.outcome());
        boolean bothWrote = wroteDisconnected[0] > 0 && wroteDisconnected[1] > 0;
        boolean splitBrainHandled = splitBrainHandled(d);
        if (splitBrainHandled) {
            count("handshakes with split-brain handling");
        }
        if (bothWrote && !splitBrainHandled) {
            fail(3, "n" + n.id + " both nodes wrote while disconnected, but the handshake decided " + d.outcome()
                    + " by rule " + d.rule() + " hg " + d.hgSteps() + " without split-brain handling");
        }
        // A node that reboots instead of acting on its decision counts as a failed handshake.
        checkComplementary(n, d.outcome(), nodeRebooted);
        if (nodeRebooted) {
            count("pri-lost-after-sb reboots");
            return;
        }
        boolean target = d.outcome() == Outcome.BITMAP_SYNC_TARGET || d.outcome() == Outcome.FULL_SYNC_TARGET;
        if (target) {
            wroteDisconnected[n.id] = 0;
            if (splitBrainHandled) {
                discardAckedWritesOnlyOn(n);
            }
        } else if (d.outcome() == Outcome.NO_SYNC) {
            wroteDisconnected[n.id] = 0;
        }
    }

    private static boolean splitBrainHandled(HandshakeDecision d) {
        if (d.outcome() == Outcome.DISCONNECT_SPLIT_BRAIN || Math.abs(d.comparedHg()) == 100) {
            return true;
        }
        return d.hgSteps().stream().anyMatch(s -> s.stage() == Stage.AFTER_SPLIT_BRAIN
                || s.stage() == Stage.DISCARD_MY_DATA);
    }

    private void checkComplementary(SimNode n, Outcome mine, boolean rebooted) {
        decisionEpoch[n.id] = n.epoch;
        decisionOutcome[n.id] = mine;
        decisionLocalFailure[n.id] = rebooted || LOCAL_REFUSALS.contains(mine);
        int p = 1 - n.id;
        if (decisionEpoch[p] != n.epoch || decisionOutcome[p] == null) {
            return;
        }
        Outcome theirs = decisionOutcome[p];
        boolean ok;
        if (decisionLocalFailure[0] || decisionLocalFailure[1]) {
            ok = true;
        } else if (mine.isFailure() || theirs.isFailure()) {
            ok = mine.isFailure() && theirs.isFailure();
        } else {
            ok = mine == complement(theirs);
        }
        if (!ok) {
            fail(3, "handshake decisions are not complementary: n" + n.id + " " + mine + ", n" + p + " " + theirs);
        }
    }

    private static Outcome complement(Outcome o) {
        return switch (o) {
            case BITMAP_SYNC_SOURCE -> Outcome.BITMAP_SYNC_TARGET;
            case BITMAP_SYNC_TARGET -> Outcome.BITMAP_SYNC_SOURCE;
            case FULL_SYNC_SOURCE -> Outcome.FULL_SYNC_TARGET;
            case FULL_SYNC_TARGET -> Outcome.FULL_SYNC_SOURCE;
            default -> o;
        };
    }

    /** A split-brain resolution made {@code target} the SyncTarget: its own acked writes are given up. */
    private void discardAckedWritesOnlyOn(SimNode target) {
        SimNode source = sim.peerOf(target);
        acked.entrySet().removeIf(e -> {
            boolean lost = !descends(source.data[e.getKey()], e.getValue());
            if (lost) {
                count("acked writes discarded by split-brain resolution");
            }
            return lost;
        });
    }

    void onBecameSyncTarget(SimNode n) {
        wroteDisconnected[n.id] = 0;
        count("resyncs started");
    }

    void onResyncFinished(SimNode n) {
        wroteDisconnected[n.id] = 0;
        count("resyncs finished");
    }

    /** Invariants 1 and 5, after every step. */
    void checkStep() {
        SimNode a = sim.nodes[0];
        SimNode b = sim.nodes[1];
        if (a.isPrimary() && b.isPrimary()) {
            twoPrimaries(a, b);
        }
        if (settled(a, b)) {
            count("settled steps checked");
            if (!Arrays.equals(a.data, b.data)) {
                fail(5, "in sync by state, but data differs: " + Arrays.toString(a.data) + " vs "
                        + Arrays.toString(b.data));
            }
            if (!Uuids.sameGeneration(a.uuids.current(), b.uuids.current())) {
                fail(5, "in sync by state, but current UUIDs differ");
            }
            for (Map.Entry<Integer, Long> e : acked.entrySet()) {
                if (!descends(a.data[e.getKey()], e.getValue())) {
                    fail(5, "acknowledged write " + e.getValue() + " to block " + e.getKey() + " is lost (block has "
                            + a.data[e.getKey()] + ")");
                }
            }
        }
    }

    private void twoPrimaries(SimNode a, SimNode b) {
        if (sim.config.allowTwoPrimaries()) {
            count("steps with two Primaries (allowed)");
            return;
        }
        if (a.state.conn().ge(ConnState.CONNECTED) && b.state.conn().ge(ConnState.CONNECTED)) {
            fail(1, "two Primaries while connected, allow-two-primaries is off");
        }
        if (sim.config.fencing().atLeast(FencingPolicy.RESOURCE_ONLY)) {
            fail(1, "two Primaries across a partition although fencing is " + sim.config.fencing().configName());
        }
        count("steps with two Primaries across a partition (fencing dont-care)");
    }

    private boolean settled(SimNode a, SimNode b) {
        for (SimNode n : sim.nodes) {
            if (!n.alive || n.state.conn() != ConnState.CONNECTED || n.state.disk() != DiskState.UP_TO_DATE
                    || n.state.pdsk() != DiskState.UP_TO_DATE || !n.inFlight.isEmpty()) {
                return false;
            }
            for (SimMessage m : sim.net.queued(n.id)) {
                if (m instanceof SimMessage.Data || m instanceof SimMessage.ResyncData) {
                    return false;
                }
            }
        }
        return a.epoch == b.epoch && sim.net.alive(a.epoch);
    }

    /** Whether {@code version} is {@code ancestor} or was written over it (directly or not). */
    private boolean descends(long version, long ancestor) {
        long v = version;
        while (v != 0) {
            if (v == ancestor) {
                return true;
            }
            v = sim.writes.get(v).previousVersion();
        }
        return ancestor == 0;
    }
}
