package org.jdrbd.daemon.repl;

/**
 * Which 4 KiB blocks a verify run covers, from drbdsetup's {@code --start}/{@code --stop} and
 * where the previous run left off (pure). DRBD's rules: the start is rounded down to a block; a
 * block is verified when its first sector lies before the stop; without {@code --start} a run
 * resumes where the last one was interrupted, or at the stop sector the last one reached; a run
 * that reached the end of the device leaves nothing to resume, so the next starts at 0. An
 * interrupted run resumed without {@code --stop} keeps its own stop.
 *
 * @param startBit first block to verify
 * @param stopBit first block not to verify ({@code >= startBit})
 * @param stopSector the stop as asked for, -1 for the end of the device (stored in checkpoints)
 */
public record VerifyPlan(long startBit, long stopBit, long stopSector) {
    /** Sectors per 4 KiB block. */
    static final long SECTORS_PER_BLOCK = 8;
    /** An option that was not given. */
    public static final long NOT_GIVEN = -1;

    /**
     * Where the previous run of this peer device stands.
     *
     * @param positionSector first sector it did not verify
     * @param stopSector its stop, -1 for the end of the device
     * @param finished it reached its stop; false: it was interrupted
     */
    public record Resume(long positionSector, long stopSector, boolean finished) {
    }

    /**
     * The plan for a device of {@code blocks} blocks.
     *
     * @param startSector {@code --start}, or {@link #NOT_GIVEN}
     * @param stopSector {@code --stop}, or {@link #NOT_GIVEN}
     * @param resume the previous run's position, null when there is none
     */
    public static VerifyPlan of(long startSector, long stopSector, Resume resume, long blocks) {
        long start = 0;
        long stop = stopSector;
        if (startSector >= 0) {
            start = startSector;
        } else if (resume != null) {
            start = resume.positionSector();
            if (!resume.finished() && stopSector < 0) {
                stop = resume.stopSector();
            }
        }
        long startBit = Math.min(blocks, start / SECTORS_PER_BLOCK);
        long stopBit = stop < 0 ? blocks
                : Math.min(blocks, (stop + SECTORS_PER_BLOCK - 1) / SECTORS_PER_BLOCK);
        return new VerifyPlan(startBit, Math.max(startBit, stopBit), stop < 0 ? -1 : stop);
    }

    /** The stop block of a stop sector given while a run is going ({@code --stop} again). */
    public static long stopBit(long stopSector, long blocks) {
        return stopSector < 0 ? blocks
                : Math.min(blocks, (stopSector + SECTORS_PER_BLOCK - 1) / SECTORS_PER_BLOCK);
    }

    /** Blocks the run covers. */
    public long blocks() {
        return stopBit - startBit;
    }
}
