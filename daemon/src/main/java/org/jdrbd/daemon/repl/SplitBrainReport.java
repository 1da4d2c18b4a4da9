package org.jdrbd.daemon.repl;

import org.jdrbd.statemachine.HandshakeDecision;
import org.jdrbd.statemachine.HandshakeInput;
import org.jdrbd.statemachine.UuidCompare;

/**
 * What a handshake that met a split brain decided, and what it costs (beyond DRBD: the damage
 * is counted before any block is overwritten). Each side's changed blocks are its bitmap weight
 * at the handshake: the blocks written since the two nodes' data split. The losing side's own
 * changes are what a split-brain resync throws away.
 *
 * @param rule the UUID rule number that found the split brain
 * @param outcome what the handshake decided
 * @param how the policy or manual step that decided, or why nothing did
 * @param changedHereBlocks 4 KiB blocks this node changed after the split
 * @param changedPeerBlocks 4 KiB blocks the peer changed after the split
 */
public record SplitBrainReport(int rule, HandshakeDecision.Outcome outcome, String how,
        long changedHereBlocks, long changedPeerBlocks) {

    /** The report of {@code d}, or {@code null} when the handshake met no split brain. */
    static SplitBrainReport of(HandshakeDecision d, HandshakeInput in, long changedHere, long changedPeer) {
        int hg = d.comparedHg();
        boolean splitBrain = Math.abs(hg) == UuidCompare.HG_SPLIT_BRAIN_AUTO
                || d.outcome() == HandshakeDecision.Outcome.DISCONNECT_SPLIT_BRAIN;
        if (!splitBrain) {
            return null;
        }
        String how;
        if (d.asb() != null && d.asb().resolved()) {
            how = d.asb().reason();
        } else if (d.hgSteps().stream().anyMatch(s -> s.stage() == HandshakeDecision.Stage.DISCARD_MY_DATA)) {
            how = in.discardMyData() ? "discard-my-data on this node" : "discard-my-data on the peer";
        } else {
            how = d.asb() != null ? d.asb().reason() : "no automatic recovery";
        }
        return new SplitBrainReport(d.rule().number(), d.outcome(), how, changedHere, changedPeer);
    }

    /** This node's data is overwritten by the peer's. */
    public boolean discardsLocal() {
        return outcome == HandshakeDecision.Outcome.BITMAP_SYNC_TARGET
                || outcome == HandshakeDecision.Outcome.FULL_SYNC_TARGET;
    }

    /** The peer's data is overwritten by ours. */
    public boolean discardsPeer() {
        return outcome == HandshakeDecision.Outcome.BITMAP_SYNC_SOURCE
                || outcome == HandshakeDecision.Outcome.FULL_SYNC_SOURCE;
    }

    /** Blocks of changes the resync throws away (0 when nothing is resynced). */
    public long discardedBlocks() {
        return discardsLocal() ? changedHereBlocks : discardsPeer() ? changedPeerBlocks : 0;
    }

    /** Which side loses: "local", "peer" or "none". */
    public String victim() {
        return discardsLocal() ? "local" : discardsPeer() ? "peer" : "none";
    }

    /** One log line an administrator can act on. */
    String logLine() {
        String verdict = discardsLocal()
                ? "this node's " + changedHereBlocks + " changed blocks will be DISCARDED (peer's data wins)"
                : discardsPeer()
                        ? "the peer's " + changedPeerBlocks + " changed blocks will be DISCARDED (our data wins)"
                        : "nothing is resynced (" + outcome + ")";
        return "split brain (uuid rule " + rule + ", " + how + "): " + changedHereBlocks
                + " blocks changed here, " + changedPeerBlocks + " on the peer; " + verdict;
    }
}
