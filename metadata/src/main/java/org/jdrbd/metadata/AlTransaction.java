package org.jdrbd.metadata;

import static org.jdrbd.metadata.MdLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One activity log transaction block (§4.6 / semantics §8.3): big-endian header, up to 64
 * (slot, extent) updates and a window of up to 919 context slots.
 *
 * @param trNumber          transaction sequence number (wraps; compare by signed difference)
 * @param type              {@link MdLayout#AL_TR_UPDATE} or {@link MdLayout#AL_TR_INITIALIZED}
 * @param contextSize       number of AL slots (al-extents)
 * @param contextStartSlot  first slot described by {@code context}
 * @param updateSlots       slot numbers changed (length = n_updates)
 * @param updateExtents     new extent per changed slot
 * @param context           extents of slots contextStartSlot.. (length ≤ 919)
 */
public record AlTransaction(int trNumber, int type, int contextSize, int contextStartSlot,
    int[] updateSlots, int[] updateExtents, int[] context) {

  public AlTransaction {
    if (updateSlots.length != updateExtents.length || updateSlots.length > AL_UPDATES_PER_TR
        || context.length > AL_CONTEXT_PER_TR) {
      throw new IllegalArgumentException("AL transaction too large");
    }
    updateSlots = updateSlots.clone();
    updateExtents = updateExtents.clone();
    context = context.clone();
  }

  /** The block create-md and apply-al write into every AL slot. */
  public static AlTransaction initialized() {
    return new AlTransaction(0, AL_TR_INITIALIZED, 0, 0, new int[0], new int[0], new int[0]);
  }

  /** Encodes into a fresh 4 KiB buffer including the CRC. */
  public ByteBuffer encode() {
    ByteBuffer b = ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.BIG_ENDIAN);
    encodeInto(b);
    return b;
  }

  /** Encodes into {@code b} (4096 bytes from position 0, overwritten); benchmarks reuse it. */
  public void encodeInto(ByteBuffer b) {
    b.clear();
    for (int i = 0; i < BLOCK_BYTES; i += 8) {
      b.putLong(i, 0L);
    }
    b.putInt(AL_OFF_MAGIC, AL_MAGIC);
    b.putInt(AL_OFF_TR_NUMBER, trNumber);
    b.putShort(AL_OFF_TYPE, (short) type);
    b.putShort(AL_OFF_N_UPDATES, (short) updateSlots.length);
    b.putShort(AL_OFF_CONTEXT_SIZE, (short) contextSize);
    b.putShort(AL_OFF_CONTEXT_START, (short) contextStartSlot);
    if (type == AL_TR_UPDATE) {
      // Unused update and context entries carry "unused"/"free" markers, as the kernel writes.
      for (int i = 0; i < AL_UPDATES_PER_TR; i++) {
        boolean used = i < updateSlots.length;
        b.putShort(AL_OFF_UPDATE_SLOTS + 2 * i, (short) (used ? updateSlots[i] : AL_UNUSED_SLOT));
        b.putInt(AL_OFF_UPDATE_EXTENTS + 4 * i, used ? updateExtents[i] : AL_FREE_EXTENT);
      }
      for (int i = 0; i < AL_CONTEXT_PER_TR; i++) {
        b.putInt(AL_OFF_CONTEXT + 4 * i, i < context.length ? context[i] : AL_FREE_EXTENT);
      }
    }
    b.putInt(AL_OFF_CRC, Crc32c.raw(b.duplicate().clear()));
    b.clear();
  }

  /**
   * Decodes a block; null when the magic or CRC does not match (torn or never written).
   * The number of context entries kept is min(919, contextSize - contextStartSlot).
   */
  public static AlTransaction decode(ByteBuffer block) {
    ByteBuffer b = block.duplicate().order(ByteOrder.BIG_ENDIAN);
    int base = b.position();
    if (b.remaining() < BLOCK_BYTES || b.getInt(base + AL_OFF_MAGIC) != AL_MAGIC) {
      return null;
    }
    int crc = b.getInt(base + AL_OFF_CRC);
    ByteBuffer copy = ByteBuffer.allocate(BLOCK_BYTES);
    copy.put(b.duplicate().limit(base + BLOCK_BYTES)).flip();
    copy.putInt(AL_OFF_CRC, 0);
    if (Crc32c.raw(copy) != crc) {
      return null;
    }
    int type = Short.toUnsignedInt(b.getShort(base + AL_OFF_TYPE));
    int nUpdates = Math.min(AL_UPDATES_PER_TR, Short.toUnsignedInt(b.getShort(base + AL_OFF_N_UPDATES)));
    int ctxSize = Short.toUnsignedInt(b.getShort(base + AL_OFF_CONTEXT_SIZE));
    int ctxStart = Short.toUnsignedInt(b.getShort(base + AL_OFF_CONTEXT_START));
    int[] slots = new int[nUpdates];
    int[] extents = new int[nUpdates];
    for (int i = 0; i < nUpdates; i++) {
      slots[i] = Short.toUnsignedInt(b.getShort(base + AL_OFF_UPDATE_SLOTS + 2 * i));
      extents[i] = b.getInt(base + AL_OFF_UPDATE_EXTENTS + 4 * i);
    }
    int nCtx = Math.max(0, Math.min(AL_CONTEXT_PER_TR, ctxSize - ctxStart));
    int[] ctx = new int[nCtx];
    for (int i = 0; i < nCtx; i++) {
      ctx[i] = b.getInt(base + AL_OFF_CONTEXT + 4 * i);
    }
    return new AlTransaction(b.getInt(base + AL_OFF_TR_NUMBER), type, ctxSize, ctxStart, slots,
        extents, ctx);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AlTransaction t && t.trNumber == trNumber && t.type == type
        && t.contextSize == contextSize && t.contextStartSlot == contextStartSlot
        && Arrays.equals(t.updateSlots, updateSlots) && Arrays.equals(t.updateExtents, updateExtents)
        && Arrays.equals(t.context, context);
  }

  @Override
  public int hashCode() {
    return trNumber * 31 + Arrays.hashCode(context);
  }

  @Override
  public String toString() {
    return "AlTransaction[tr=" + trNumber + ", type=" + type + ", updates=" + updateSlots.length
        + ", ctx=" + contextStartSlot + "+" + context.length + "/" + contextSize + "]";
  }
}
