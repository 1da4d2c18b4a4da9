package org.jdrbd.metadata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What apply-al reconstructs from the AL blocks: the set of extents that were active when the
 * node stopped. Valid update transactions are replayed oldest → newest (tr_number compared by
 * signed 32-bit difference); each first writes its context window, then its updates.
 * Pure: no IO.
 *
 * @param corruptBlocks     blocks whose magic or CRC did not match (torn or garbage)
 * @param updateTransactions number of valid AL_TR_UPDATE blocks
 * @param activeExtents     extents in the reconstructed slots, in slot order, without FREE
 */
public record AlReplay(int corruptBlocks, int updateTransactions, List<Integer> activeExtents) {

  public AlReplay {
    activeExtents = List.copyOf(activeExtents);
  }

  /** Replays raw AL blocks (each 4 KiB, physical order). */
  public static AlReplay of(List<java.nio.ByteBuffer> blocks) {
    int corrupt = 0;
    List<AlTransaction> updates = new ArrayList<>();
    for (java.nio.ByteBuffer b : blocks) {
      AlTransaction t = AlTransaction.decode(b);
      if (t == null) {
        corrupt++;
      } else if (t.type() == MdLayout.AL_TR_UPDATE) {
        updates.add(t);
      }
    }
    if (updates.isEmpty()) {
      return new AlReplay(corrupt, 0, List.of());
    }
    AlTransaction newest = updates.get(0);
    for (AlTransaction t : updates) {
      if (t.trNumber() - newest.trNumber() > 0) {
        newest = t;
      }
    }
    int newestTr = newest.trNumber();
    updates.sort(Comparator.comparingInt(t -> t.trNumber() - newestTr));
    java.util.Map<Integer, Integer> slots = new java.util.TreeMap<>();
    for (AlTransaction t : updates) {
      int[] ctx = t.context();
      for (int i = 0; i < ctx.length; i++) {
        slots.put(t.contextStartSlot() + i, ctx[i]);
      }
      for (int i = 0; i < t.updateSlots().length; i++) {
        slots.put(t.updateSlots()[i], t.updateExtents()[i]);
      }
    }
    Set<Integer> active = new LinkedHashSet<>();
    for (int e : slots.values()) {
      if (e != MdLayout.AL_FREE_EXTENT) {
        active.add(e);
      }
    }
    return new AlReplay(corrupt, updates.size(), new ArrayList<>(active));
  }
}
