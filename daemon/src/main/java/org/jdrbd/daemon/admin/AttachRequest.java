package org.jdrbd.daemon.admin;

import java.nio.file.Path;
import java.util.Objects;
import org.jdrbd.statemachine.OnIoError;

/**
 * What {@code drbdsetup attach MINOR LOWER-DEV META-DEV META-IDX} names.
 *
 * @param minor      device minor
 * @param backingDisk the data device (file or block device)
 * @param metaDisk   the meta data device; the backing disk for internal meta data
 * @param metaIndex  DRBD's meta-disk index: "internal", "flex-internal", "flex-external" or N
 * @param onIoError  the disk option on-io-error
 */
public record AttachRequest(int minor, Path backingDisk, Path metaDisk, String metaIndex,
        OnIoError onIoError) {
    public AttachRequest {
        Objects.requireNonNull(backingDisk, "backingDisk");
        Objects.requireNonNull(metaDisk, "metaDisk");
        Objects.requireNonNull(metaIndex, "metaIndex");
        Objects.requireNonNull(onIoError, "onIoError");
    }

    /** With DRBD's default on-io-error (detach). */
    public AttachRequest(int minor, Path backingDisk, Path metaDisk, String metaIndex) {
        this(minor, backingDisk, metaDisk, metaIndex, OnIoError.DETACH);
    }

    /** Internal meta data on the backing disk. */
    public static AttachRequest internal(int minor, Path disk) {
        return new AttachRequest(minor, disk, disk, "internal");
    }
}
