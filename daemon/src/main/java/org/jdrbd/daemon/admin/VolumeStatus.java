package org.jdrbd.daemon.admin;

import org.jdrbd.statemachine.State;

/**
 * A volume as {@code status} shows it.
 *
 * @param volume        volume number
 * @param minor         device minor
 * @param state         current state
 * @param backingDisk   backing device path, null when diskless
 * @param sizeBytes     usable size, 0 when diskless
 * @param currentUuid   current generation UUID, 0 when diskless
 * @param outOfSyncBits set bitmap bits of the configured peer (4 KiB each), 0 without one
 * @param splitBrain    the last split brain the handshake met on this volume, null when none
 * @param resyncTotalBits blocks the running resync or verify started with (DRBD's rs_total), 0
 *                        when none
 * @param verifyLeftBits  blocks the running online verify has still to check (DRBD's ov_left),
 *                        0 when none
 * @param kernelDevice    the kernel nbd device and where it stands (jdrbdd --kernel-nbd), e.g.
 *                        "/dev/nbd0 attached"; null when none is configured
 */
public record VolumeStatus(int volume, int minor, State state, String backingDisk, long sizeBytes,
        long currentUuid, long outOfSyncBits, SplitBrainSummary splitBrain, long resyncTotalBits,
        long verifyLeftBits, String kernelDevice) {

    /** Without a kernel device. */
    public VolumeStatus(int volume, int minor, State state, String backingDisk, long sizeBytes,
            long currentUuid, long outOfSyncBits, SplitBrainSummary splitBrain, long resyncTotalBits,
            long verifyLeftBits) {
        this(volume, minor, state, backingDisk, sizeBytes, currentUuid, outOfSyncBits, splitBrain,
                resyncTotalBits, verifyLeftBits, null);
    }

    /** Without verify progress. */
    public VolumeStatus(int volume, int minor, State state, String backingDisk, long sizeBytes,
            long currentUuid, long outOfSyncBits, SplitBrainSummary splitBrain, long resyncTotalBits) {
        this(volume, minor, state, backingDisk, sizeBytes, currentUuid, outOfSyncBits, splitBrain,
                resyncTotalBits, 0);
    }

    /** Without resync totals. */
    public VolumeStatus(int volume, int minor, State state, String backingDisk, long sizeBytes,
            long currentUuid, long outOfSyncBits, SplitBrainSummary splitBrain) {
        this(volume, minor, state, backingDisk, sizeBytes, currentUuid, outOfSyncBits, splitBrain, 0);
    }

    /** Without a split-brain report. */
    public VolumeStatus(int volume, int minor, State state, String backingDisk, long sizeBytes,
            long currentUuid, long outOfSyncBits) {
        this(volume, minor, state, backingDisk, sizeBytes, currentUuid, outOfSyncBits, null, 0);
    }
}
