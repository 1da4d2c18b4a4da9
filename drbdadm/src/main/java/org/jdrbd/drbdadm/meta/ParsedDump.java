package org.jdrbd.drbdadm.meta;

import java.util.List;
import org.jdrbd.metadata.PeerSlot;

/**
 * A dump-md text after a successful parse (v09 only).
 *
 * @param maxPeers         bitmap slots
 * @param nodeId           own node id
 * @param currentUuid      current UUID
 * @param flags            superblock flags
 * @param peers            32 peer slots
 * @param history          32 history UUIDs
 * @param laSizeSect       last agreed size as written in the dump (before clipping)
 * @param bmBytesPerBit    bytes per bitmap bit
 * @param deviceUuid       device UUID
 * @param laPeerMaxBioSize last agreed peer max bio size
 * @param alStripes        AL stripes
 * @param alStripeSize4k   AL stripe size in 4 KiB blocks
 * @param bitmap           one run list per slot
 */
record ParsedDump(int maxPeers, int nodeId, long currentUuid, int flags, List<PeerSlot> peers,
    List<Long> history, long laSizeSect, long bmBytesPerBit, long deviceUuid, int laPeerMaxBioSize,
    int alStripes, int alStripeSize4k, List<DumpBitmapRuns> bitmap) {}
