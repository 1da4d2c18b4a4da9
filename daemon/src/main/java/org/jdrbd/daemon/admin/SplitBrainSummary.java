package org.jdrbd.daemon.admin;

/**
 * The damage report of the last split brain a volume's handshake met (beyond DRBD), as status
 * and events2 show it.
 *
 * @param rule the uuid_compare rule that found it
 * @param decidedBy the policy or manual step that decided, or why nothing did
 * @param victim whose changes are discarded: "local", "peer" or "none"
 * @param changedHereBlocks 4 KiB blocks this node changed after the split
 * @param changedPeerBlocks 4 KiB blocks the peer changed after the split
 * @param discardedBlocks 4 KiB blocks of changes the resync throws away
 */
public record SplitBrainSummary(int rule, String decidedBy, String victim, long changedHereBlocks,
        long changedPeerBlocks, long discardedBlocks) {
}
