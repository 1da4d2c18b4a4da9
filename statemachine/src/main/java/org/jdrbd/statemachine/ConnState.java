package org.jdrbd.statemachine;

/**
 * DRBD 8.4's connection state ({@code enum drbd_conns}, 5 bits). The declaration order is DRBD's
 * numeric order and the rules compare with it: never reorder.
 */
public enum ConnState {
    /** No network configuration. */
    STANDALONE("StandAlone"),
    /** Transient, on the way to StandAlone. */
    DISCONNECTING("Disconnecting"),
    /** Net configured; the receiver will (re)try. */
    UNCONNECTED("Unconnected"),
    /** Disconnect reason: ping/ack timeout. */
    TIMEOUT("Timeout"),
    /** Disconnect reason: socket broke. */
    BROKEN_PIPE("BrokenPipe"),
    /** Disconnect reason: network failure. */
    NETWORK_FAILURE("NetworkFailure"),
    /** Disconnect reason: the peer sent something invalid. */
    PROTOCOL_ERROR("ProtocolError"),
    /** Disconnect reason: the peer said it is disconnecting. */
    TEAR_DOWN("TearDown"),
    /** Trying to connect / listening. */
    WF_CONNECTION("WFConnection"),
    /** Sockets up, own parameters sent, waiting for the peer's state. */
    WF_REPORT_PARAMS("WFReportParams"),
    /** Introduced, no resync. */
    CONNECTED("Connected"),
    /** Admin-requested full sync as source, writing the bitmap. */
    STARTING_SYNC_S("StartingSyncS"),
    /** Admin-requested full sync as target. */
    STARTING_SYNC_T("StartingSyncT"),
    /** Will be SyncSource, exchanging bitmaps. */
    WF_BITMAP_S("WFBitMapS"),
    /** Will be SyncTarget, exchanging bitmaps. */
    WF_BITMAP_T("WFBitMapT"),
    /** SyncTarget waiting for P_SYNC_UUID. */
    WF_SYNC_UUID("WFSyncUUID"),
    /** Resync running, this node sends. */
    SYNC_SOURCE("SyncSource"),
    /** Resync running, this node receives. */
    SYNC_TARGET("SyncTarget"),
    /** Online verify, requesting side. */
    VERIFY_S("VerifyS"),
    /** Online verify, answering side. */
    VERIFY_T("VerifyT"),
    /** Resync paused, this node is the source. */
    PAUSED_SYNC_S("PausedSyncS"),
    /** Resync paused, this node is the target. */
    PAUSED_SYNC_T("PausedSyncT"),
    /** Congestion: the Primary only sends out-of-sync marks. */
    AHEAD("Ahead"),
    /** Peer of an Ahead node. */
    BEHIND("Behind");

    /** The sentinel C_MASK (31), also "handshake failed"; not a state a node is in. */
    public static final int MASK_CODE = 31;

    private final String displayName;

    ConnState(String displayName) {
        this.displayName = displayName;
    }

    /** DRBD's numeric value (the 5 bits on the wire). */
    public int code() {
        return ordinal();
    }

    /** The string drbd-utils prints. */
    public String displayName() {
        return displayName;
    }

    /** Decodes a wire value; {@code null} when out of range. */
    public static ConnState fromCode(int code) {
        ConnState[] all = values();
        return code >= 0 && code < all.length ? all[code] : null;
    }

    public boolean lt(ConnState o) {
        return ordinal() < o.ordinal();
    }

    public boolean le(ConnState o) {
        return ordinal() <= o.ordinal();
    }

    public boolean gt(ConnState o) {
        return ordinal() > o.ordinal();
    }

    public boolean ge(ConnState o) {
        return ordinal() >= o.ordinal();
    }

    /** SyncSource, SyncTarget, PausedSyncS or PausedSyncT ({@code is_sync_state}). */
    public boolean isSyncState() {
        return this == SYNC_SOURCE || this == SYNC_TARGET || this == PAUSED_SYNC_S
                || this == PAUSED_SYNC_T;
    }

    /** Timeout..TearDown: a disconnect reason. */
    public boolean isFailureReason() {
        return ge(TIMEOUT) && le(TEAR_DOWN);
    }

    @Override
    public String toString() {
        return displayName;
    }
}
