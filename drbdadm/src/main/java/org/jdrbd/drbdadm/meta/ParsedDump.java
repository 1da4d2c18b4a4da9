package org.jdrbd.drbdadm.meta;

import java.util.List;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.PeerSlot;

/**
 * A dump-md text after a successful parse. A v08 dump has one bitmap slot, node-id -1, its
 * bitmap UUID in peer slot 0 and two history UUIDs.
 *
 * @param format           v08 or v09
 * @param maxPeers         bitmap slots as written (32-bit)
 * @param nodeId           own node id
 * @param currentUuid      current UUID
 * @param flags            superblock flags
 * @param peers            32 peer slots
 * @param history          history UUIDs (v09: 32, v08: 2)
 * @param laSizeSect       last agreed size, already clipped to what the target can hold
 * @param bmBytesPerBit    bytes per bitmap bit (a power of two, at least 4096)
 * @param deviceUuid       device UUID
 * @param laPeerMaxBioSize last agreed peer max bio size
 * @param alStripes        AL stripes
 * @param alStripeSize4k   AL stripe size in 4 KiB blocks
 * @param bitmap           one run list per slot
 */
record ParsedDump(MdFormat format, int maxPeers, int nodeId, long currentUuid, int flags,
    List<PeerSlot> peers, List<Long> history, long laSizeSect, long bmBytesPerBit,
    long deviceUuid, int laPeerMaxBioSize, int alStripes, int alStripeSize4k,
    List<DumpBitmapRuns> bitmap) {}
