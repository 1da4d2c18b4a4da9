package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The events of fact sheet §3.2 that change generation UUIDs, as pure functions. The caller
 * persists the result (meta data write) and sends what the javadoc says.
 *
 * <p>Every operation keeps the replaced current UUID in the bitmap or history slot, with two
 * deliberate exceptions DRBD makes: {@link #receiveSyncUuid} (the SyncTarget's old generation is
 * superseded; the SyncSource keeps it in its history) and the skip-initial-sync paths, which only
 * ever replace JUST_CREATED (not a data generation).
 */
public final class UuidLifecycle {

    /** Outcome of the {@code new-current-uuid} admin command. */
    public enum AdminStatus {
        /** Done. */
        OK,
        /** Refused: only allowed StandAlone (or the connected skip-initial-sync case); ERR_CONNECTED. */
        ERR_CONNECTED
    }

    /**
     * Result of {@code new-current-uuid}.
     *
     * @param status OK or the refusal
     * @param uuids the new UUIDs (unchanged when refused)
     * @param clearBitmapBits the caller must zero the on-disk bitmap and write it
     * @param skipInitialSync the caller must send P_UUIDS with flag 8 and set disk and pdsk UpToDate
     * @param warnings warnings DRBD would log
     */
    public record AdminResult(AdminStatus status, GenerationUuids uuids, boolean clearBitmapBits,
            boolean skipInitialSync, List<String> warnings) {
        public AdminResult {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The SyncSource's new UUIDs and the value to send in P_SYNC_UUID.
     *
     * @param uuids UUIDs to persist before sending
     * @param syncUuid the new bitmap UUID, sent to the SyncTarget
     */
    public record SyncUuidStart(GenerationUuids uuids, long syncUuid) {
    }

    private UuidLifecycle() {
    }

    /**
     * Promotion (DRBD's {@code drbd_set_role} to Primary): a new current UUID when the peer's disk
     * cannot follow (not connected or peer disk at most Failed) and the bitmap UUID is 0, or when
     * forced; then bit 0 is set.
     */
    public static GenerationUuids.Update promote(GenerationUuids uuids, RandomGenerator random,
            ConnState conn, DiskState peerDisk, boolean forced) {
        boolean peerCannotFollow = conn.lt(ConnState.CONNECTED) || peerDisk.le(DiskState.FAILED);
        GenerationUuids.Update update = new GenerationUuids.Update(uuids, List.of());
        if ((peerCannotFollow && uuids.bitmap() == 0) || forced) {
            update = uuids.newCurrent(random, true);
        }
        return new GenerationUuids.Update(update.uuids().setPrimaryBit(), update.warnings());
    }

    /** Demotion: bit 0 of the current UUID is cleared. */
    public static GenerationUuids demote(GenerationUuids uuids) {
        return uuids.clearPrimaryBit();
    }

    /**
     * The {@code new-current-uuid [--clear-bitmap]} admin command. Allowed StandAlone, or Connected
     * with apv &gt;= 90 on a just-created device with --clear-bitmap ("skip initial sync"). The bitmap
     * UUID rotates into history, then a new current is made (the old one becomes the bitmap UUID);
     * on the skip-initial-sync path the bitmap UUID is then overwritten with 0.
     */
    public static AdminResult adminNewCurrentUuid(GenerationUuids uuids, RandomGenerator random,
            ConnState conn, int agreedProtocol, boolean clearBitmap, boolean isPrimary) {
        boolean skipInitialSync = conn == ConnState.CONNECTED && agreedProtocol >= 90
                && uuids.current() == Uuids.UUID_JUST_CREATED && clearBitmap;
        if (!skipInitialSync && conn != ConnState.STANDALONE) {
            return new AdminResult(AdminStatus.ERR_CONNECTED, uuids, false, false, List.of());
        }
        GenerationUuids.Update update = uuids.withSlotRotating(GenerationUuids.Slot.BITMAP, 0, isPrimary)
                .newCurrent(random, isPrimary);
        GenerationUuids next = update.uuids();
        if (skipInitialSync) {
            next = next.withSlot(GenerationUuids.Slot.BITMAP, 0, isPrimary);
        }
        return new AdminResult(AdminStatus.OK, next, clearBitmap, skipInitialSync, update.warnings());
    }

    /**
     * The peer's side of skip-initial-sync (P_UUIDS with flag 8): when Connected, apv &gt;= 90 and our
     * current is JUST_CREATED, we adopt the peer's current UUID and clear the bitmap UUID. The caller
     * then zeroes and writes the bitmap and sets disk and pdsk UpToDate. Empty when not applicable.
     */
    public static Optional<GenerationUuids> acceptSkipInitialSync(GenerationUuids uuids, PeerUuids peer,
            ConnState conn, int agreedProtocol, boolean isPrimary) {
        boolean applies = conn == ConnState.CONNECTED && agreedProtocol >= 90
                && uuids.current() == Uuids.UUID_JUST_CREATED && peer.skipInitialSync();
        if (!applies) {
            return Optional.empty();
        }
        return Optional.of(uuids.withSlot(GenerationUuids.Slot.CURRENT, peer.uuids().current(), isPrimary)
                .withSlot(GenerationUuids.Slot.BITMAP, 0, isPrimary));
    }

    /**
     * The SyncSource at resync start ({@code drbd_gen_and_send_sync_uuid}): the new bitmap UUID is the
     * old one plus UUID_NEW_BM_OFFSET, or random when the old one was 0 or JUST_CREATED; it is stored
     * with rotation (the old bitmap UUID goes to history1).
     */
    public static SyncUuidStart generateSyncUuid(GenerationUuids uuids, RandomGenerator random) {
        long old = uuids.bitmap();
        long syncUuid = old != 0 && old != Uuids.UUID_JUST_CREATED ? old + Uuids.UUID_NEW_BM_OFFSET
                : Uuids.random(random);
        GenerationUuids next = uuids.withSlotRotating(GenerationUuids.Slot.BITMAP, syncUuid, false);
        return new SyncUuidStart(next, syncUuid);
    }

    /**
     * The SyncTarget on P_SYNC_UUID: current := received value (no rotation, bit 0 per role),
     * bitmap := 0 (no rotation). The old current is deliberately dropped (see class javadoc).
     */
    public static GenerationUuids receiveSyncUuid(GenerationUuids uuids, long syncUuid, boolean isPrimary) {
        return uuids.withSlot(GenerationUuids.Slot.CURRENT, syncUuid, isPrimary)
                .withSlot(GenerationUuids.Slot.BITMAP, 0, isPrimary);
    }

    /**
     * Resync finished on the SyncTarget: take the SyncSource's bitmap and history UUIDs, rotate our
     * old current into the bitmap slot, take the source's current, then clear the bitmap UUID into
     * history. {@code source} is our copy of the SyncSource's UUIDs (its P_UUIDS from the handshake;
     * the sync UUID travels separately). Afterwards both nodes hold the same UUIDs, and our copy of
     * the peer's UUIDs should be set to the result.
     */
    public static GenerationUuids resyncFinishedAsTarget(GenerationUuids uuids, GenerationUuids source,
            boolean isPrimary) {
        List<Long> history = new ArrayList<>(uuids.history());
        for (int i = 0; i < Math.min(history.size(), source.history().size()); i++) {
            history.set(i, source.history().get(i));
        }
        GenerationUuids adopted = new GenerationUuids(uuids.current(), source.bitmap(), history);
        adopted = adopted.withSlotRotating(GenerationUuids.Slot.BITMAP, uuids.current(), isPrimary)
                .withSlot(GenerationUuids.Slot.CURRENT, source.current(), isPrimary);
        return adopted.clearBitmapUuid();
    }

    /** Resync finished on the SyncSource: the bitmap UUID rotates into history. */
    public static GenerationUuids resyncFinishedAsSource(GenerationUuids uuids) {
        return uuids.clearBitmapUuid();
    }
}
