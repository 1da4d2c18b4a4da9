package org.jdrbd.daemon.admin;

/**
 * DRBD's admin result codes ({@code enum drbd_ret_code}) that the single-node daemon can return.
 * Numbers are DRBD's, so the control protocol can pass them through unchanged; the texts are ours.
 */
public enum AdminError {
    /** Success. */
    NO_ERROR(101, ""),
    /** The backing device could not be opened. */
    ERR_OPEN_DISK(104, "Can not open backing device"),
    /** The meta data device could not be opened. */
    ERR_OPEN_MD_DISK(105, "Can not open meta device"),
    /** The backing device is smaller than the configured or recorded size. */
    ERR_DISK_TOO_SMALL(111, "Low.dev. smaller than requested DRBD-dev. size"),
    /** Reading or writing the meta data failed. */
    ERR_IO_MD_DISK(118, "IO error(s) occurred during initial access to meta-data"),
    /** The meta data is missing or does not validate. */
    ERR_MD_INVALID(119, "No valid meta-data signature found"),
    /** connect --discard-my-data while Primary. */
    ERR_DISCARD_IMPOSSIBLE(123, "Can not discard my data while Primary"),
    /** The volume already has a disk. */
    ERR_DISK_CONFIGURED(124, "Device is attached to a disk (use detach first)"),
    /** The minor number is not known. */
    ERR_MINOR_INVALID(127, "Device minor not allocated"),
    /** The operation needs a local disk. */
    ERR_NO_DISK(138, "Device does not have a disk"),
    /** Only allowed while not connected. */
    ERR_CONNECTED(151, "Device has a net-config (use disconnect first)"),
    /** The resource is not known. */
    ERR_RES_NOT_KNOWN(158, "Unknown resource"),
    /** The resource still has volumes or is in use. */
    ERR_RES_IN_USE(159, "Resource still in use (delete all minors first)"),
    /** The minor number is already in use. */
    ERR_MINOR_CONFIGURED(160, "Minor still configured (down it first)"),
    /** The minor or volume number already exists. */
    ERR_MINOR_OR_VOLUME_EXISTS(161, "Minor or volume exists already (delete it first)"),
    /** The request is malformed or not possible in this daemon. */
    ERR_INVALID_REQUEST(162, "Invalid configuration request"),
    /** The meta data was not shut down cleanly and could not be recovered. */
    ERR_MD_UNCLEAN(165, "Found unclean meta data. Did you drbdadm apply-al?"),
    /** The state machine refused; the {@link AdminResult#stateRv()} says why. */
    STATE_CHANGE_REFUSED(-1, "");

    private final int code;
    private final String message;

    AdminError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** DRBD's number (-1 for a state refusal, whose number is the SS_* code). */
    public int code() {
        return code;
    }

    /** What the CLI prints. */
    public String message() {
        return message;
    }
}
