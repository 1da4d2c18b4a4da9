package org.jdrbd.netlink.schema;

/**
 * DRBD's admin result codes ({@code enum drbd_ret_code}, 101..170) with their numbers and a
 * short text in jdrbd's words. A reply's RESULT_CODE holds one of these or an SS_* number from
 * {@link org.jdrbd.statemachine.StateRv}; {@link #isErrCode} tells them apart.
 */
public enum ErrCode {
    /** No error. */
    NO_ERROR(101, "No error"),
    /** Local address(port) already in use. */
    ERR_LOCAL_ADDR(102, "Local address(port) already in use"),
    /** Remote address(port) already in use. */
    ERR_PEER_ADDR(103, "Remote address(port) already in use"),
    /** Can not open backing device. */
    ERR_OPEN_DISK(104, "Can not open backing device"),
    /** Can not open meta device. */
    ERR_OPEN_MD_DISK(105, "Can not open meta device"),
    /** Lower device is not a block device. */
    ERR_DISK_NOT_BDEV(107, "Lower device is not a block device"),
    /** Meta device is not a block device. */
    ERR_MD_NOT_BDEV(108, "Meta device is not a block device"),
    /** Lower device is too small. */
    ERR_DISK_TOO_SMALL(111, "Lower device is too small"),
    /** Meta device is too small. */
    ERR_MD_DISK_TOO_SMALL(112, "Meta device is too small"),
    /** Lower device is already claimed. */
    ERR_BDCLAIM_DISK(114, "Lower device is already claimed"),
    /** Meta device is already claimed. */
    ERR_BDCLAIM_MD_DISK(115, "Meta device is already claimed"),
    /** Meta data index is invalid. */
    ERR_MD_IDX_INVALID(116, "Meta data index is invalid"),
    /** IO error on meta device. */
    ERR_IO_MD_DISK(118, "IO error on meta device"),
    /** No valid meta data found. */
    ERR_MD_INVALID(119, "No valid meta data found"),
    /** Unknown authentication algorithm. */
    ERR_AUTH_ALG(120, "Unknown authentication algorithm"),
    /** Authentication algorithm is not a digest. */
    ERR_AUTH_ALG_ND(121, "Authentication algorithm is not a digest"),
    /** Out of memory. */
    ERR_NOMEM(122, "Out of memory"),
    /** Discard requested but not supported by the backing device. */
    ERR_DISCARD_IMPOSSIBLE(123, "Discard requested but not supported by the backing device"),
    /** Device is attached to a disk (use detach first). */
    ERR_DISK_CONFIGURED(124, "Device is attached to a disk (use detach first)"),
    /** Device has a net-config (use disconnect first). */
    ERR_NET_CONFIGURED(125, "Device has a net-config (use disconnect first)"),
    /** An unknown mandatory option was given. */
    ERR_MANDATORY_TAG(126, "An unknown mandatory option was given"),
    /** Device minor not allocated. */
    ERR_MINOR_INVALID(127, "Device minor not allocated"),
    /** Interrupted. */
    ERR_INTR(129, "Interrupted"),
    /** Resize not allowed during resync. */
    ERR_RESIZE_RESYNC(130, "Resize not allowed during resync"),
    /** Need one Primary node to resize. */
    ERR_NO_PRIMARY(131, "Need one Primary node to resize"),
    /** The resync-after minor is not configured. */
    ERR_RESYNC_AFTER(132, "The resync-after minor is not configured"),
    /** The resync-after settings form a cycle. */
    ERR_RESYNC_AFTER_CYCLE(133, "The resync-after settings form a cycle"),
    /** Resync is already paused. */
    ERR_PAUSE_IS_SET(134, "Resync is already paused"),
    /** Resync is not paused. */
    ERR_PAUSE_IS_CLEAR(135, "Resync is not paused"),
    /** Unexpected packet number. */
    ERR_PACKET_NR(137, "Unexpected packet number"),
    /** Device has no backing disk. */
    ERR_NO_DISK(138, "Device has no backing disk"),
    /** Protocol C is required. */
    ERR_NOT_PROTO_C(139, "Protocol C is required"),
    /** Out of memory for the bitmap. */
    ERR_NOMEM_BITMAP(140, "Out of memory for the bitmap"),
    /** Unknown data integrity algorithm. */
    ERR_INTEGRITY_ALG(141, "Unknown data integrity algorithm"),
    /** Data integrity algorithm is not a digest. */
    ERR_INTEGRITY_ALG_ND(142, "Data integrity algorithm is not a digest"),
    /** Invalid cpu-mask. */
    ERR_CPU_MASK_PARSE(143, "Invalid cpu-mask"),
    /** Unknown csums algorithm. */
    ERR_CSUMS_ALG(144, "Unknown csums algorithm"),
    /** csums algorithm is not a digest. */
    ERR_CSUMS_ALG_ND(145, "csums algorithm is not a digest"),
    /** Unknown verify algorithm. */
    ERR_VERIFY_ALG(146, "Unknown verify algorithm"),
    /** verify algorithm is not a digest. */
    ERR_VERIFY_ALG_ND(147, "verify algorithm is not a digest"),
    /** Can not change csums-alg while resync is running. */
    ERR_CSUMS_RESYNC_RUNNING(148, "Can not change csums-alg while resync is running"),
    /** Can not change verify-alg while online verify runs. */
    ERR_VERIFY_RUNNING(149, "Can not change verify-alg while online verify runs"),
    /** The disk does not hold the current data. */
    ERR_DATA_NOT_CURRENT(150, "The disk does not hold the current data"),
    /** Refused while connected. */
    ERR_CONNECTED(151, "Refused while connected"),
    /** Permission denied. */
    ERR_PERM(152, "Permission denied"),
    /** The peer's protocol version is too old (need 93). */
    ERR_NEED_APV_93(153, "The peer's protocol version is too old (need 93)"),
    /** resource-and-stonith fencing requires protocol B or C. */
    ERR_STONITH_AND_PROT_A(154, "resource-and-stonith fencing requires protocol B or C"),
    /** on-congestion policy requires protocol A. */
    ERR_CONG_NOT_PROTO_A(155, "on-congestion policy requires protocol A"),
    /** Sync-pause flag is already cleared (resync-after dependency). */
    ERR_PIC_AFTER_DEP(156, "Sync-pause flag is already cleared (resync-after dependency)"),
    /** Sync-pause flag is already cleared (peer dependency). */
    ERR_PIC_PEER_DEP(157, "Sync-pause flag is already cleared (peer dependency)"),
    /** Unknown resource. */
    ERR_RES_NOT_KNOWN(158, "Unknown resource"),
    /** Resource still in use (delete all minors first). */
    ERR_RES_IN_USE(159, "Resource still in use (delete all minors first)"),
    /** Minor still configured (down it first). */
    ERR_MINOR_CONFIGURED(160, "Minor still configured (down it first)"),
    /** Minor or volume exists already (delete it first). */
    ERR_MINOR_OR_VOLUME_EXISTS(161, "Minor or volume exists already (delete it first)"),
    /** Invalid configuration request. */
    ERR_INVALID_REQUEST(162, "Invalid configuration request"),
    /** The peer's protocol version is too old (need 100). */
    ERR_NEED_APV_100(163, "The peer's protocol version is too old (need 100)"),
    /** Requires allow-two-primaries. */
    ERR_NEED_ALLOW_TWO_PRI(164, "Requires allow-two-primaries"),
    /** Meta data is unclean; run apply-al first. */
    ERR_MD_UNCLEAN(165, "Meta data is unclean; run apply-al first"),
    /** Can not change the meta data layout while connected. */
    ERR_MD_LAYOUT_CONNECTED(166, "Can not change the meta data layout while connected"),
    /** The requested activity log does not fit. */
    ERR_MD_LAYOUT_TOO_BIG(167, "The requested activity log does not fit"),
    /** The requested activity log is too small. */
    ERR_MD_LAYOUT_TOO_SMALL(168, "The requested activity log is too small"),
    /** The meta data layout does not fit the device. */
    ERR_MD_LAYOUT_NO_FIT(169, "The meta data layout does not fit the device"),
    /** Implicit device shrinking not allowed. */
    ERR_IMPLICIT_SHRINK(170, "Implicit device shrinking not allowed");

    /** DRBD's ERR_CODE_BASE: numbers above it are ERR_* codes, numbers at or below SS_* codes. */
    public static final int BASE = 100;

    private final int code;
    private final String text;

    ErrCode(int code, String text) {
        this.code = code;
        this.text = text;
    }

    /** DRBD's number. */
    public int code() {
        return code;
    }

    /** The text drbdsetup prints after "Failure: (NNN) ". */
    public String text() {
        return text;
    }

    /** True for numbers in the ERR_* range. */
    public static boolean isErrCode(int code) {
        return code > BASE;
    }

    /** The code for a number, or null when unknown. */
    public static ErrCode fromCode(int code) {
        for (ErrCode e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }

    /** The text for any number, "Unknown error" for numbers this version does not know. */
    public static String textFor(int code) {
        ErrCode e = fromCode(code);
        return e == null ? "Unknown error " + code : e.text;
    }
}
