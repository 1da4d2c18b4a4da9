package org.jdrbd.drbdadm.meta;

import java.util.ArrayList;
import java.util.List;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.PeerSlot;
import org.jdrbd.metadata.Superblock;

/**
 * Applies a set-gi string (the get-gi colon format; empty fields keep the current value) to a
 * superblock.
 */
final class SetGi {
  private SetGi() {}

  /** Returns the changed superblock, or null when a field is not a number. */
  static Superblock apply(Superblock sb, int slot, String spec) {
    String[] f = spec.split(":", -1);
    long current = sb.currentUuid();
    long bitmap = sb.bitmapUuid(slot);
    List<Long> history = new ArrayList<>(sb.history());
    Long[] uuids = new Long[4];
    for (int i = 0; i < 4 && i < f.length; i++) {
      if (!f[i].isEmpty()) {
        uuids[i] = Numbers.parseHex(f[i]);
        if (uuids[i] == null) {
          return null;
        }
      }
    }
    current = uuids[0] != null ? uuids[0] : current;
    bitmap = uuids[1] != null ? uuids[1] : bitmap;
    if (uuids[2] != null) {
      history.set(0, uuids[2]);
    }
    if (uuids[3] != null) {
      history.set(1, uuids[3]);
    }
    int[] local = GiText.localBits(sb.format());
    int[] peer = GiText.peerBits(sb.format());
    int flags = sb.flags();
    int peerFlags = sb.peers().get(slot).flags();
    for (int i = 0; i < local.length + peer.length && 4 + i < f.length; i++) {
      String v = f[4 + i];
      if (v.isEmpty()) {
        continue;
      }
      Long n = Numbers.parse(v);
      if (n == null) {
        return null;
      }
      if (i < local.length) {
        flags = n != 0 ? flags | local[i] : flags & ~local[i];
      } else {
        int bit = peer[i - local.length];
        peerFlags = n != 0 ? peerFlags | bit : peerFlags & ~bit;
      }
    }
    List<PeerSlot> peers = new ArrayList<>(sb.peers());
    PeerSlot p = peers.get(slot).withBitmapUuid(bitmap);
    peers.set(slot, sb.format() == MdFormat.V09 ? p.withFlags(peerFlags) : p);
    return sb.withUuids(current, peers, history).withFlags(flags);
  }
}
