package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * Everything besides the old and new {@link State} that the change pipeline (fact sheet §2) needs:
 * configuration, connection flags and a few facts about the attached disk. Immutable; build from
 * {@link #DEFAULTS} with the {@code withX} copiers.
 *
 * <p>For a resource with several volumes the {@code otherVolumes*} fields carry the aggregate of the
 * other volumes of the connection (DRBD's conn_lowest_conn / conn_lowest_disk / conn_highest_pdsk);
 * their defaults are neutral, so a single-volume resource can ignore them.
 *
 * @param fencing fencing policy of the attached disk ({@code DONT_CARE} without a disk)
 * @param netConfigured a net configuration exists (rule 2.2 #1 only applies then)
 * @param allowTwoPrimaries net option allow-two-primaries
 * @param peerPrimaryOnOtherVolume the peer is Primary on another volume of this connection
 * @param verifyAlgConfigured net option verify-alg is set
 * @param agreedProtocolVersion apv of the connection; 0 when not connected
 * @param deviceOpen the block device's open count is above zero
 * @param onNoDataAccessible resource option on-no-data-accessible
 * @param stateSent connection flag STATE_SENT (handshake packets sent, still in WFReportParams)
 * @param attachDisk disk state computed at attach time ({@code new_state_tmp}); never Negotiating
 * @param attachPdsk peer disk state computed at attach time ({@code new_state_tmp})
 * @param dataUuidMatchesDisk the effective data UUID equals the on-disk current UUID
 * @param bitmapUuidZero the bitmap UUID slot is 0 (no resync/disconnected writes being tracked)
 * @param ioErrorPending flag WAS_IO_ERROR: the disk failure was a real IO error
 * @param onIoError disk option on-io-error
 * @param crashedPrimary in-core CRASHED_PRIMARY flag, mirrored into the meta-data flags
 * @param newCurUuidPending flag NEW_CUR_UUID: a new current UUID is owed once IO thaws
 * @param otherVolumesLowestConn lowest conn of the other volumes ({@code BEHIND} = none)
 * @param otherVolumesLowestDisk lowest disk of the other volumes ({@code UP_TO_DATE} = none)
 * @param otherVolumesHighestPdsk highest pdsk of the other volumes ({@code DISKLESS} = none)
 */
public record StateContext(
        FencingPolicy fencing,
        boolean netConfigured,
        boolean allowTwoPrimaries,
        boolean peerPrimaryOnOtherVolume,
        boolean verifyAlgConfigured,
        int agreedProtocolVersion,
        boolean deviceOpen,
        OnNoDataAccessible onNoDataAccessible,
        boolean stateSent,
        DiskState attachDisk,
        DiskState attachPdsk,
        boolean dataUuidMatchesDisk,
        boolean bitmapUuidZero,
        boolean ioErrorPending,
        OnIoError onIoError,
        boolean crashedPrimary,
        boolean newCurUuidPending,
        ConnState otherVolumesLowestConn,
        DiskState otherVolumesLowestDisk,
        DiskState otherVolumesHighestPdsk) {

    /**
     * DRBD's defaults (fencing dont-care, no two primaries, no verify-alg, on-io-error detach,
     * on-no-data-accessible io-error), not connected (apv 0), device closed. A Negotiating disk
     * that loses the connection becomes Diskless unless told the data UUID matches (the safe
     * choice).
     */
    public static final StateContext DEFAULTS = new StateContext(FencingPolicy.DONT_CARE, true,
            false, false, false, 0, false, OnNoDataAccessible.IO_ERROR, false,
            DiskState.INCONSISTENT, DiskState.UNKNOWN, false, true, false, OnIoError.DETACH,
            false, false, ConnState.BEHIND, DiskState.UP_TO_DATE, DiskState.DISKLESS);

    public StateContext {
        Objects.requireNonNull(fencing, "fencing");
        Objects.requireNonNull(onNoDataAccessible, "onNoDataAccessible");
        Objects.requireNonNull(attachDisk, "attachDisk");
        Objects.requireNonNull(attachPdsk, "attachPdsk");
        Objects.requireNonNull(onIoError, "onIoError");
        Objects.requireNonNull(otherVolumesLowestConn, "otherVolumesLowestConn");
        Objects.requireNonNull(otherVolumesLowestDisk, "otherVolumesLowestDisk");
        Objects.requireNonNull(otherVolumesHighestPdsk, "otherVolumesHighestPdsk");
        if (attachDisk == DiskState.NEGOTIATING) {
            // new_state_tmp holds the real result of attach; Negotiating is what replaces it.
            throw new IllegalArgumentException("attachDisk cannot be Negotiating");
        }
        if (agreedProtocolVersion < 0) {
            throw new IllegalArgumentException("agreedProtocolVersion < 0: " + agreedProtocolVersion);
        }
    }

    /** conn_lowest_conn: the lowest conn over this volume's new state and the other volumes. */
    public ConnState lowestConn(State ns) {
        return ns.conn().le(otherVolumesLowestConn) ? ns.conn() : otherVolumesLowestConn;
    }

    /** conn_lowest_disk over this volume's new state and the other volumes. */
    public DiskState lowestDisk(State ns) {
        return DiskState.min(ns.disk(), otherVolumesLowestDisk);
    }

    /** conn_highest_pdsk over this volume's new state and the other volumes. */
    public DiskState highestPdsk(State ns) {
        return DiskState.max(ns.pdsk(), otherVolumesHighestPdsk);
    }

    public StateContext withFencing(FencingPolicy v) {
        return new StateContext(v, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withNetConfigured(boolean v) {
        return new StateContext(fencing, v, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withAllowTwoPrimaries(boolean v) {
        return new StateContext(fencing, netConfigured, v, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withPeerPrimaryOnOtherVolume(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, v,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withVerifyAlgConfigured(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                v, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withAgreedProtocolVersion(int v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, v, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withDeviceOpen(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, v, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withOnNoDataAccessible(OnNoDataAccessible v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, v,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withStateSent(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                v, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    /** The attach-time states and whether the data UUID still matches (sanitize step 4). */
    public StateContext withAttachResult(DiskState disk, DiskState pdsk, boolean uuidMatches) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, disk, pdsk, uuidMatches, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withBitmapUuidZero(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, v,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withIoErrorPending(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                v, onIoError, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withOnIoError(OnIoError v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, v, crashedPrimary, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withCrashedPrimary(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, v, newCurUuidPending,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    public StateContext withNewCurUuidPending(boolean v) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, v,
                otherVolumesLowestConn, otherVolumesLowestDisk, otherVolumesHighestPdsk);
    }

    /** Aggregates of the connection's other volumes (see the class comment). */
    public StateContext withOtherVolumes(ConnState lowestConn, DiskState lowestDisk,
            DiskState highestPdsk) {
        return new StateContext(fencing, netConfigured, allowTwoPrimaries, peerPrimaryOnOtherVolume,
                verifyAlgConfigured, agreedProtocolVersion, deviceOpen, onNoDataAccessible,
                stateSent, attachDisk, attachPdsk, dataUuidMatchesDisk, bitmapUuidZero,
                ioErrorPending, onIoError, crashedPrimary, newCurUuidPending,
                lowestConn, lowestDisk, highestPdsk);
    }
}
