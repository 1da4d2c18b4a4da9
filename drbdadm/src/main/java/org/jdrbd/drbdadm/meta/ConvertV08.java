package org.jdrbd.drbdadm.meta;

import static org.jdrbd.metadata.MdFlags.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdGeometry;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.MetaArea;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;

/**
 * create-md v09 over internal v08 meta data: like drbdmeta 9.22, detect it, ask, and convert in
 * place instead of creating fresh meta data. Kept: current UUID, the two history UUIDs, the local
 * flags, sizes and AL geometry; the v08 connection bits (connected, full sync, peer outdated)
 * become peer slot 0's flags. The v08 bitmap UUID is dropped and max-peers is forced to 1 (the
 * v08 bitmap stays where it is and becomes slot 0); bitmap and AL are not rewritten.
 */
final class ConvertV08 {
  private ConvertV08() {}

  /** The v08 superblock at this placement, or null when there is none (or not internal). */
  static Superblock probe(Invocation inv, MetaArea v09Area) throws IOException {
    if (!inv.placement().isInternal()) {
      return null;
    }
    MetaArea v08 = MetaArea.on(v09Area.io(), MdFormat.V08, inv.placement());
    MetaArea.Loaded l = v08.load();
    return l.valid() && Session.hasActivityLog(l.superblock()) ? l.superblock() : null;
  }

  /**
   * Asks and converts; returns the exit code, or null when the user declined converting but
   * agreed to replace the v08 meta data with fresh v09 meta data (create-md goes on).
   */
  static Integer run(Invocation inv, Session s, Superblock old, int requestedPeers)
      throws IOException {
    MetaArea area = s.area;
    inv.con().err.print("You want me to create a v09 style flexible-size internal meta data block.\n"
        + "There appears to be a v08 flexible-size internal meta data block\n"
        + "already in place on " + inv.device() + " at byte offset " + area.superblockOffset() + "\n");
    if (!inv.con().confirm("Valid v08 meta-data found, convert to v09?")) {
      if (inv.con().confirm("So you want me to replace the v08 meta-data\n"
          + "with newly initialized v09 meta-data?")) {
        return null;
      }
      return CreateMd.cancelled(inv);
    }
    if (requestedPeers != 1) {
      inv.con().out.print("Warning: setting max_peers to 1 instead of " + requestedPeers + "\n\n");
    }
    MdGeometry g = MdGeometry.compute(inv.placement(), area.deviceBytes(), 1, old.alStripes(),
        old.alStripeSize4k());
    inv.con().out.print("Writing meta data...\n");
    s.commit(inv, converted(old, g));
    inv.con().out.print("New drbd meta data block successfully created.\n");
    return ExitCode.OK;
  }

  static Superblock converted(Superblock v08, MdGeometry g) {
    int f = v08.flags();
    int local = f & ~(CONNECTED_IND_08 | FULL_SYNC_08 | PEER_OUT_DATED_08);
    int peer = (has(f, CONNECTED_IND_08) ? PEER_CONNECTED : 0)
        | (has(f, PEER_OUT_DATED_08) ? PEER_OUTDATED : 0)
        | (has(f, FULL_SYNC_08) ? PEER_FULL_SYNC : 0);
    List<PeerSlot> peers = new ArrayList<>(Collections.nCopies(MdLayout.PEER_SLOTS, PeerSlot.EMPTY));
    peers.set(0, PeerSlot.EMPTY.withFlags(peer));
    List<Long> history = new ArrayList<>(Collections.nCopies(MdLayout.HISTORY_UUIDS_09, 0L));
    history.set(0, v08.history().get(0));
    history.set(1, v08.history().get(1));
    return new Superblock(MdFormat.V09, MdLayout.MAGIC_09, v08.laSizeSect(), v08.currentUuid(),
        v08.deviceUuid(), local, g.mdSizeSect(), g.alOffsetSect(), v08.alNrExtents(),
        g.bmOffsetSect(), v08.bmBytesPerBit(), v08.laPeerMaxBioSize(), 1, -1, g.alStripes(),
        g.alStripeSize4k(), peers, history);
  }
}
