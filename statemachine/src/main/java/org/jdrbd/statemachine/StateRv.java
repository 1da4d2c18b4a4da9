package org.jdrbd.statemachine;

/**
 * The result of a state change ({@code enum drbd_state_rv}): DRBD's number and the message
 * drbd-utils prints. One enum shared by the daemon, the control protocol and the CLIs' exit codes.
 */
public enum StateRv {
    /** Internal: no cluster-wide negotiation needed. */
    SS_CW_NO_NEED(4, ""),
    /** Internal: the peer agreed. */
    SS_CW_SUCCESS(3, ""),
    /** Nothing changed; counts as success. */
    SS_NOTHING_TO_DO(2, ""),
    /** The change was made. */
    SS_SUCCESS(1, ""),
    /** Internal: keep waiting for the peer's reply. */
    SS_UNKNOWN_ERROR(0, ""),
    /** Two primaries without allow-two-primaries. */
    SS_TWO_PRIMARIES(-1, "Multiple primaries not allowed by config"),
    /** No UpToDate data reachable. */
    SS_NO_UP_TO_DATE_DISK(-2, "Need access to UpToDate data"),
    /** Resync needs a local disk. */
    SS_NO_LOCAL_DISK(-4, "Can not resync without local disk"),
    /** Resync needs the peer's disk. */
    SS_NO_REMOTE_DISK(-5, "Can not resync without remote disk"),
    /** Outdated while connected is not allowed. */
    SS_CONNECTED_OUTDATES(-6, "Refusing to be Outdated while Connected"),
    /** Promotion refused while the peer may have good data (fencing). */
    SS_PRIMARY_NOP(-7, "Refusing to be Primary while peer is not outdated"),
    /** A resync or verify is already running. */
    SS_RESYNC_RUNNING(-8, "Can not start OV/resync since it is already active"),
    /** Disconnect of a StandAlone resource. */
    SS_ALREADY_STANDALONE(-9, "Can not disconnect a StandAlone device"),
    /** The peer refused the cluster-wide change. */
    SS_CW_FAILED_BY_PEER(-10, "State change was refused by peer node"),
    /** The operation requires a disk. */
    SS_IS_DISKLESS(-11, "Device is diskless, the requested operation requires a disk"),
    /** Demotion while the device is open. */
    SS_DEVICE_IN_USE(-12, "Device is held open by someone"),
    /** No network configuration. */
    SS_NO_NET_CONFIG(-13, "Have no net/connection configuration"),
    /** Verify without verify-alg. */
    SS_NO_VERIFY_ALG(-14, "Need a verify algorithm to start online verify"),
    /** Verify or resync without a connection. */
    SS_NEED_CONNECTION(-15, "Need a connection to start verify or resync"),
    /** Outdate of a disk below Outdated. */
    SS_LOWER_THAN_OUTDATED(-16, "Disk state is lower than outdated"),
    /** The peer's protocol version lacks the feature. */
    SS_NOT_SUPPORTED(-17, "Peer does not support protocol"),
    /** Transient state; retry after the next change. */
    SS_IN_TRANSIENT_STATE(-18, "In transient state, retry after next state change"),
    /** Simultaneous cluster-wide changes; this one lost. */
    SS_CONCURRENT_ST_CHG(-19, "Concurrent state changes detected and aborted"),
    /** Another volume is Primary on the peer. */
    SS_O_VOL_PEER_PRI(-20, "Other vol primary on peer not allowed by config"),
    /** Graceful outdate-peer needs a connection. */
    SS_OUTDATE_WO_CONN(-21, "Need a connection for a graceful disconnect/outdate peer");

    /** DRBD's sentinel after the last error code. */
    public static final int SS_AFTER_LAST_ERROR = -22;

    private final int code;
    private final String message;

    StateRv(int code, String message) {
        this.code = code;
        this.message = message;
    }

    /** DRBD's number. */
    public int code() {
        return code;
    }

    /** drbd-utils' user message ("" for the success and internal codes). */
    public String message() {
        return message;
    }

    /** {@code rv >= SS_SUCCESS}. */
    public boolean isSuccess() {
        return code >= SS_SUCCESS.code;
    }

    /** Decodes DRBD's number; {@code null} for unknown numbers (-3 is unused). */
    public static StateRv fromCode(int code) {
        for (StateRv rv : values()) {
            if (rv.code == code) {
                return rv;
            }
        }
        return null;
    }

    /** The message drbd-utils prints for any number, including "TOO_SMALL"/"TOO_LARGE". */
    public static String messageFor(int code) {
        if (code <= SS_AFTER_LAST_ERROR) {
            return "TOO_SMALL";
        }
        if (code > SS_CW_NO_NEED.code) {
            return "TOO_LARGE";
        }
        StateRv rv = fromCode(code);
        return rv == null ? "" : rv.message;
    }
}
