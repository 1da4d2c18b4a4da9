package org.jdrbd.metadata;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-memory activity log: an LRU of at most al-extents active 4 MiB extents. Pure
 * accounting, no IO: {@link #begin} says whether a write to an extent needs a transaction and
 * builds it; the caller persists (evicted extent's bitmap pages first, then the transaction
 * block, synced) before submitting the write it covers.
 */
public final class ActivityLog {

  /** Outcome kinds of {@link #begin}. */
  public enum Kind {
    /** Extent already active: no IO needed. */
    ACTIVE,
    /** A transaction must be made durable first. */
    TRANSACTION,
    /** Every slot is in use by in-flight writes: wait for an {@link #end}. */
    BUSY
  }

  /**
   * What to do before a write to an extent.
   *
   * @param kind           see {@link Kind}
   * @param transaction    the transaction to write (TRANSACTION only)
   * @param blockIndex     AL block for it (physical index from the AL start)
   * @param evictedExtent  extent that left the AL (its bitmap pages must be flushed first), or -1
   */
  public record Begin(Kind kind, AlTransaction transaction, int blockIndex, long evictedExtent) {}

  private final int alExtents;
  private final int alStripes;
  private final int alStripeSize4k;
  private final int[] slotExtent;
  /** extent → slot, in access order (eldest first = LRU). */
  private final LinkedHashMap<Integer, Integer> active = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<Integer, Integer> refs = new HashMap<>();
  private int nextTr;
  private int contextCycle;

  public ActivityLog(int alExtents, int alStripes, int alStripeSize4k, int firstTrNumber) {
    if (alExtents < 1 || alExtents > 0xFFFE) {
      throw new IllegalArgumentException("al-extents " + alExtents);
    }
    this.alExtents = alExtents;
    this.alStripes = alStripes;
    this.alStripeSize4k = alStripeSize4k;
    this.slotExtent = new int[alExtents];
    Arrays.fill(slotExtent, MdLayout.AL_FREE_EXTENT);
    this.nextTr = firstTrNumber;
  }

  /** Extent number covering data byte offset {@code offsetBytes}. */
  public static int extentOf(long offsetBytes) {
    return (int) (offsetBytes / MdLayout.AL_EXTENT_BYTES);
  }

  /** Number of extents currently in the AL. */
  public int activeCount() {
    return active.size();
  }

  /** True when {@code extent} is in the AL. */
  public boolean isActive(int extent) {
    return active.containsKey(extent);
  }

  /** Registers a write to {@code extent}; see {@link Begin}. */
  public Begin begin(int extent) {
    if (active.get(extent) != null) {
      refs.merge(extent, 1, Integer::sum);
      return new Begin(Kind.ACTIVE, null, -1, -1);
    }
    int slot;
    long evicted = -1;
    if (active.size() < alExtents) {
      slot = firstFreeSlot();
    } else {
      Integer victim = leastRecentlyUsedIdle();
      if (victim == null) {
        return new Begin(Kind.BUSY, null, -1, -1);
      }
      slot = active.remove(victim);
      evicted = Integer.toUnsignedLong(victim);
    }
    slotExtent[slot] = extent;
    active.put(extent, slot);
    refs.merge(extent, 1, Integer::sum);
    AlTransaction t = transaction(slot, extent);
    return new Begin(Kind.TRANSACTION, t, AlRing.blockIndex(t.trNumber(), alStripes, alStripeSize4k),
        evicted);
  }

  /**
   * Same as {@link #begin}: the name the daemon uses. A TRANSACTION result must be made durable
   * ({@link AlWriter#persistBlocking}) before the write it covers is submitted.
   */
  public Begin beginWrite(int extent) {
    return begin(extent);
  }

  /** Extents [first, last] a write of {@code lengthBytes} at {@code offsetBytes} touches. */
  public static int[] extentsOf(long offsetBytes, long lengthBytes) {
    int first = extentOf(offsetBytes);
    int last = extentOf(offsetBytes + Math.max(1, lengthBytes) - 1);
    return new int[] {first, last};
  }

  /** A write to {@code extent} is fully done (also on the peers); the extent may be evicted. */
  public void end(int extent) {
    Integer n = refs.get(extent);
    if (n == null || n <= 0) {
      throw new IllegalStateException("end without begin for extent " + extent);
    }
    if (n == 1) {
      refs.remove(extent);
    } else {
      refs.put(extent, n - 1);
    }
  }

  private int firstFreeSlot() {
    for (int i = 0; i < alExtents; i++) {
      if (slotExtent[i] == MdLayout.AL_FREE_EXTENT) {
        return i;
      }
    }
    throw new IllegalStateException("no free slot although fewer extents than slots");
  }

  private Integer leastRecentlyUsedIdle() {
    Iterator<Integer> it = active.keySet().iterator();
    while (it.hasNext()) {
      Integer e = it.next();
      if (!refs.containsKey(e)) {
        return e;
      }
    }
    return null;
  }

  /** One update plus the next window of context, so all slots are rewritten periodically. */
  private AlTransaction transaction(int slot, int extent) {
    int n = Math.min(MdLayout.AL_CONTEXT_PER_TR, alExtents - contextCycle);
    int[] ctx = Arrays.copyOfRange(slotExtent, contextCycle, contextCycle + n);
    AlTransaction t = new AlTransaction(nextTr++, MdLayout.AL_TR_UPDATE, alExtents, contextCycle,
        new int[] {slot}, new int[] {extent}, ctx);
    contextCycle += n;
    if (contextCycle >= alExtents) {
      contextCycle = 0;
    }
    return t;
  }
}
