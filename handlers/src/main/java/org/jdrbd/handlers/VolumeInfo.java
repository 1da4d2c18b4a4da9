package org.jdrbd.handlers;

/**
 * One local volume of the resource, as handlers see it.
 *
 * @param vnr the volume number (DRBD_VOLUME, the suffix of DRBD_MINOR_&lt;vnr&gt;)
 * @param minor the device minor (DRBD_MINOR)
 * @param configuredDisk the lower-level disk from the config, {@code null} for a diskless volume
 *                       (DRBD_LL_DISK then says "none", as drbdadm does)
 * @param attached whether the backing device is currently attached (DRBD_BACKING_DEV is only
 *                 exported for an attached disk, as the kernel does)
 */
public record VolumeInfo(int vnr, int minor, String configuredDisk, boolean attached) {

    /** The word drbdadm puts into DRBD_LL_DISK for this volume. */
    public String llDiskWord() {
        return configuredDisk == null ? "none" : configuredDisk;
    }

    /** Whether DRBD_BACKING_DEV(_vnr) is exported for this volume. */
    public boolean exportsBackingDev() {
        return attached && configuredDisk != null;
    }
}
