package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One node's generation UUIDs (fact sheet §3.1): current, bitmap and history, immutable.
 *
 * <p>DRBD 8.4 keeps two history slots and the comparison rules only look at those two
 * ({@link #history1}, {@link #history2}); more slots may be stored (v09 meta data has room for
 * them) and then simply shift along on every rotation. Stored values keep their primary bit;
 * comparisons mask it ({@link Uuids#masked}).
 *
 * @param current the current data generation
 * @param bitmap the generation at which the bitmap started tracking changes (0 = not in use)
 * @param history older generations, newest first; at least two slots
 */
public record GenerationUuids(long current, long bitmap, List<Long> history) {

    /** The history slots DRBD 8.4 keeps (and the compare rules use). */
    public static final int HISTORY_SLOTS_84 = 2;

    /** The most history slots a record may hold. */
    public static final int MAX_HISTORY_SLOTS = 32;

    /** The UUID slots (DRBD's UI_* indexes). */
    public enum Slot {
        /** UI_CURRENT (0): the current generation; bit 0 follows the role. */
        CURRENT,
        /** UI_BITMAP (1): where the bitmap started tracking. */
        BITMAP,
        /** UI_HISTORY_START (2): newest history entry. */
        HISTORY1,
        /** UI_HISTORY_END (3): second history entry. */
        HISTORY2
    }

    /** Result of an operation that DRBD may warn about; {@code warnings} is empty when clean. */
    public record Update(GenerationUuids uuids, List<String> warnings) {
        public Update {
            warnings = List.copyOf(warnings);
        }
    }

    public GenerationUuids {
        if (history == null || history.size() < HISTORY_SLOTS_84 || history.size() > MAX_HISTORY_SLOTS) {
            throw new IllegalArgumentException("history needs " + HISTORY_SLOTS_84 + ".." + MAX_HISTORY_SLOTS
                    + " slots, got " + (history == null ? "null" : history.size()));
        }
        history = List.copyOf(history);
    }

    /** The 8.4 shape: current, bitmap and two history UUIDs. */
    public static GenerationUuids of(long current, long bitmap, long history1, long history2) {
        return new GenerationUuids(current, bitmap, List.of(history1, history2));
    }

    /** What {@code drbdmeta create-md} writes: current JUST_CREATED, all else 0. */
    public static GenerationUuids justCreated() {
        return of(Uuids.UUID_JUST_CREATED, 0, 0, 0);
    }

    /** Newest history UUID (UI_HISTORY_START). */
    public long history1() {
        return history.get(0);
    }

    /** Second history UUID (UI_HISTORY_END). */
    public long history2() {
        return history.get(1);
    }

    /** The stored value of a slot. */
    public long get(Slot slot) {
        return switch (slot) {
            case CURRENT -> current;
            case BITMAP -> bitmap;
            case HISTORY1 -> history1();
            case HISTORY2 -> history2();
        };
    }

    /**
     * Overwrites a slot without rotation (DRBD's {@code _drbd_uuid_set}). Setting CURRENT forces
     * bit 0 to the role, as DRBD does for every write of the current UUID.
     */
    public GenerationUuids withSlot(Slot slot, long value, boolean isPrimary) {
        return switch (slot) {
            case CURRENT -> new GenerationUuids(Uuids.withRoleBit(value, isPrimary), bitmap, history);
            case BITMAP -> new GenerationUuids(current, value, history);
            case HISTORY1 -> withHistory(0, value);
            case HISTORY2 -> withHistory(1, value);
        };
    }

    /**
     * Sets CURRENT or BITMAP with rotation (DRBD's {@code drbd_uuid_set}): a non-zero old value is
     * first pushed into history1 (history1 moves to history2), so it is not lost.
     */
    public GenerationUuids withSlotRotating(Slot slot, long value, boolean isPrimary) {
        if (slot != Slot.CURRENT && slot != Slot.BITMAP) {
            throw new IllegalStateException("rotating set is defined for CURRENT and BITMAP only, not " + slot);
        }
        long old = get(slot);
        GenerationUuids base = old != 0 ? pushHistory(old) : this;
        return base.withSlot(slot, value, isPrimary);
    }

    /**
     * Clears the bitmap UUID (DRBD's {@code drbd_uuid_set_bm(0)}): the bitmap UUID rotates into
     * history1; nothing happens when it is already 0.
     */
    public GenerationUuids clearBitmapUuid() {
        if (bitmap == 0) {
            return this;
        }
        return pushHistory(bitmap).withSlot(Slot.BITMAP, 0, false);
    }

    /**
     * Starts a new data generation (DRBD's {@code drbd_uuid_new_current}): bitmap := current,
     * current := fresh random value with bit 0 per role. An old non-zero bitmap UUID is overwritten,
     * which DRBD reports as a warning.
     */
    public Update newCurrent(RandomGenerator random, boolean isPrimary) {
        List<String> warnings = new ArrayList<>();
        if (bitmap != 0) {
            warnings.add("bm UUID was already set: " + Uuids.hex(bitmap));
        }
        GenerationUuids next = new GenerationUuids(Uuids.withRoleBit(Uuids.random(random), isPrimary),
                current, history);
        return new Update(next, warnings);
    }

    /** Sets bit 0 of the current UUID (promotion). */
    public GenerationUuids setPrimaryBit() {
        return new GenerationUuids(current | Uuids.PRIMARY_BIT, bitmap, history);
    }

    /** Clears bit 0 of the current UUID (demotion). */
    public GenerationUuids clearPrimaryBit() {
        return new GenerationUuids(current & ~Uuids.PRIMARY_BIT, bitmap, history);
    }

    /** Whether any slot (current, bitmap or stored history) holds this generation, bit 0 ignored. */
    public boolean containsGeneration(long uuid) {
        if (Uuids.sameGeneration(current, uuid) || Uuids.sameGeneration(bitmap, uuid)) {
            return true;
        }
        for (long h : history) {
            if (Uuids.sameGeneration(h, uuid)) {
                return true;
            }
        }
        return false;
    }

    /** The record with bit 0 of every slot cleared: the view the compare rules see. */
    public GenerationUuids maskedView() {
        List<Long> h = new ArrayList<>(history.size());
        for (long v : history) {
            h.add(Uuids.masked(v));
        }
        return new GenerationUuids(Uuids.masked(current), Uuids.masked(bitmap), h);
    }

    /** Moves history down one slot (the last one drops out) and stores {@code value} in history1. */
    GenerationUuids pushHistory(long value) {
        List<Long> h = new ArrayList<>(history.size());
        h.add(value);
        h.addAll(history.subList(0, history.size() - 1));
        return new GenerationUuids(current, bitmap, h);
    }

    /** Moves history up one slot (history1 := history2 ...); the last slot keeps its value. */
    GenerationUuids pullHistory() {
        List<Long> h = new ArrayList<>(history.subList(1, history.size()));
        h.add(history.get(history.size() - 1));
        return new GenerationUuids(current, bitmap, h);
    }

    private GenerationUuids withHistory(int index, long value) {
        List<Long> h = new ArrayList<>(history);
        h.set(index, value);
        return new GenerationUuids(current, bitmap, h);
    }

    /** DRBD's dump order: current:bitmap:history1:history2, hex. */
    @Override
    public String toString() {
        return Uuids.hex(current) + ":" + Uuids.hex(bitmap) + ":" + Uuids.hex(history1()) + ":"
                + Uuids.hex(history2());
    }
}
