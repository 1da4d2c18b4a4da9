package org.jdrbd.statemachine;

/**
 * A peer's cluster-wide state change request seen from this node (fact sheet §1.5
 * {@code convert_state}, applied to mask and val as DRBD's receiver does): the peer's role is
 * our peer role and the other way round, its disk is our peer disk and the other way round, and
 * the connection states that have a direction are mirrored. Only role, peer, conn, disk and
 * pdsk travel; suspension and sync-pause bits are each node's own business and are dropped.
 */
public final class PeerRequestView {

    private PeerRequestView() {
    }

    /**
     * The request in our view.
     *
     * @param mask the fields to change, in our state-word layout
     * @param val their new values
     */
    public record Converted(int mask, int val) {
    }

    /** Converts the peer's (mask, val). */
    public static Converted convert(int peerMask, int peerVal) {
        int mask = 0;
        int val = 0;
        if ((peerMask & StateWord.ROLE_MASK) != 0) {
            mask |= StateWord.PEER_MASK;
            val |= ((peerVal & StateWord.ROLE_MASK) >>> StateWord.ROLE_SHIFT) << StateWord.PEER_SHIFT;
        }
        if ((peerMask & StateWord.PEER_MASK) != 0) {
            mask |= StateWord.ROLE_MASK;
            val |= ((peerVal & StateWord.PEER_MASK) >>> StateWord.PEER_SHIFT) << StateWord.ROLE_SHIFT;
        }
        if ((peerMask & StateWord.DISK_MASK) != 0) {
            mask |= StateWord.PDSK_MASK;
            val |= ((peerVal & StateWord.DISK_MASK) >>> StateWord.DISK_SHIFT) << StateWord.PDSK_SHIFT;
        }
        if ((peerMask & StateWord.PDSK_MASK) != 0) {
            mask |= StateWord.DISK_MASK;
            val |= ((peerVal & StateWord.PDSK_MASK) >>> StateWord.PDSK_SHIFT) << StateWord.DISK_SHIFT;
        }
        if ((peerMask & StateWord.CONN_MASK) != 0) {
            int code = (peerVal & StateWord.CONN_MASK) >>> StateWord.CONN_SHIFT;
            ConnState c = ConnState.fromCode(code);
            mask |= StateWord.CONN_MASK;
            val |= mirror(c).code() << StateWord.CONN_SHIFT;
        }
        return new Converted(mask, val);
    }

    /** The fields (role, peer, conn, disk, pdsk) that differ between two states, as mask/val. */
    public static Converted diff(State from, State to) {
        int mask = 0;
        if (from.role() != to.role()) {
            mask |= StateWord.ROLE_MASK;
        }
        if (from.peer() != to.peer()) {
            mask |= StateWord.PEER_MASK;
        }
        if (from.conn() != to.conn()) {
            mask |= StateWord.CONN_MASK;
        }
        if (from.disk() != to.disk()) {
            mask |= StateWord.DISK_MASK;
        }
        if (from.pdsk() != to.pdsk()) {
            mask |= StateWord.PDSK_MASK;
        }
        return new Converted(mask, StateWord.encode(to) & mask);
    }

    /** The connection state as the other side sees it; states without a mirror become StandAlone (0). */
    static ConnState mirror(ConnState c) {
        if (c == null) {
            return ConnState.STANDALONE;
        }
        return switch (c) {
            case WF_REPORT_PARAMS, CONNECTED -> c;
            case STARTING_SYNC_S -> ConnState.STARTING_SYNC_T;
            case STARTING_SYNC_T -> ConnState.STARTING_SYNC_S;
            case DISCONNECTING -> ConnState.TEAR_DOWN;
            case VERIFY_S -> ConnState.VERIFY_T;
            default -> ConnState.STANDALONE;
        };
    }
}
