package org.jdrbd.statemachine;

/**
 * Presents an 8.4 {@link State} in DRBD 9's vocabulary, the way drbd-utils 9 shows an 8.4 kernel:
 * a per-connection state plus a per-peer-device replication state. The one mapping status,
 * events2 and the control protocol use.
 */
public final class Drbd9View {

    /** DRBD 9's connection states, in DRBD 9's numeric order. */
    public enum Connection {
        /** No network configuration. */
        STANDALONE("StandAlone"),
        /** On the way to StandAlone. */
        DISCONNECTING("Disconnecting"),
        /** Net configured, not trying right now. */
        UNCONNECTED("Unconnected"),
        /** Lost: timeout. */
        TIMEOUT("Timeout"),
        /** Lost: socket broke. */
        BROKEN_PIPE("BrokenPipe"),
        /** Lost: network failure. */
        NETWORK_FAILURE("NetworkFailure"),
        /** Lost: invalid data from the peer. */
        PROTOCOL_ERROR("ProtocolError"),
        /** The peer is disconnecting. */
        TEAR_DOWN("TearDown"),
        /** Trying to connect (8.4's WFConnection). */
        CONNECTING("Connecting"),
        /** We have a socket (8.4's WFReportParams and everything above it). */
        CONNECTED("Connected");

        private final String displayName;

        Connection(String displayName) {
            this.displayName = displayName;
        }

        /** The string drbd-utils 9 prints. */
        public String displayName() {
            return displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    /** DRBD 9's replication states of a peer device, in DRBD 9's numeric order. */
    public enum Replication {
        /** No replication: not connected, or the handshake is not done. */
        OFF("Off"),
        /** Connected, no resync (8.4's Connected). */
        ESTABLISHED("Established"),
        /** Admin-requested full sync as source. */
        STARTING_SYNC_S("StartingSyncS"),
        /** Admin-requested full sync as target. */
        STARTING_SYNC_T("StartingSyncT"),
        /** Will be source, exchanging bitmaps. */
        WF_BITMAP_S("WFBitMapS"),
        /** Will be target, exchanging bitmaps. */
        WF_BITMAP_T("WFBitMapT"),
        /** Target waiting for the sync UUID. */
        WF_SYNC_UUID("WFSyncUUID"),
        /** Resync source. */
        SYNC_SOURCE("SyncSource"),
        /** Resync target. */
        SYNC_TARGET("SyncTarget"),
        /** Online verify, requesting side. */
        VERIFY_S("VerifyS"),
        /** Online verify, answering side. */
        VERIFY_T("VerifyT"),
        /** Paused resync, source. */
        PAUSED_SYNC_S("PausedSyncS"),
        /** Paused resync, target. */
        PAUSED_SYNC_T("PausedSyncT"),
        /** Congestion: only out-of-sync marks are sent. */
        AHEAD("Ahead"),
        /** Peer of an Ahead node. */
        BEHIND("Behind");

        private final String displayName;

        Replication(String displayName) {
            this.displayName = displayName;
        }

        /** The string drbd-utils 9 prints. */
        public String displayName() {
            return displayName;
        }

        @Override
        public String toString() {
            return displayName;
        }
    }

    private Drbd9View() {
    }

    /** The DRBD 9 connection state of an 8.4 connection state. */
    public static Connection connection(ConnState c) {
        if (c.lt(ConnState.WF_CONNECTION)) {
            // StandAlone..TearDown share names and order with DRBD 9.
            return Connection.values()[c.ordinal()];
        }
        return c == ConnState.WF_CONNECTION ? Connection.CONNECTING : Connection.CONNECTED;
    }

    /** The DRBD 9 replication state of an 8.4 connection state. */
    public static Replication replication(ConnState c) {
        if (c.lt(ConnState.CONNECTED)) {
            return Replication.OFF;
        }
        // Above Connected, 8.4's states and DRBD 9's replication states share constant names.
        return c == ConnState.CONNECTED ? Replication.ESTABLISHED : Replication.valueOf(c.name());
    }

    /**
     * The 8.4 connection state a DRBD 9 pair stands for (the inverse, used when a DRBD 9 style
     * request names a target state). Connected + Off is 8.4's WFReportParams.
     */
    public static ConnState toConnState(Connection c, Replication r) {
        if (c != Connection.CONNECTED) {
            if (r != Replication.OFF) {
                throw new IllegalArgumentException("replication " + r + " needs a connection");
            }
            return c == Connection.CONNECTING ? ConnState.WF_CONNECTION
                    : ConnState.values()[c.ordinal()];
        }
        return switch (r) {
            case OFF -> ConnState.WF_REPORT_PARAMS;
            case ESTABLISHED -> ConnState.CONNECTED;
            // Every other replication state has an 8.4 twin of the same constant name.
            default -> ConnState.valueOf(r.name());
        };
    }
}
