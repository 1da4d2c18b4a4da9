package org.jdrbd.daemon.repl;

import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.State;

/**
 * The imposed sync pauses between the two nodes (fact sheet §1.4, §9.5): this node's aftr_isp
 * and user_isp reach the peer in P_STATE, where they become its peer_isp; and DRBD's answers to
 * a pause-sync or resume-sync that changed nothing.
 */
public final class ResyncPause {
    private ResyncPause() {
    }

    /** The peer_isp a P_STATE gives us: the peer's own aftr_isp or user_isp. */
    static boolean peerIsp(State reported) {
        return reported.aftrIsp() || reported.userIsp();
    }

    /**
     * A local change of {@code volume}: when its aftr_isp or user_isp changed while connected,
     * the peer gets our state, so it pauses or resumes its side too (DRBD's after_state_ch).
     */
    public static void localChange(Connection conn, int volume, State before, State after) {
        boolean changed = before.aftrIsp() != after.aftrIsp() || before.userIsp() != after.userIsp();
        if (!changed || !conn.readyForRequests() || !after.conn().ge(ConnState.CONNECTED)) {
            return;
        }
        PeerDevice d = conn.devices.get(volume);
        if (d != null) {
            d.sendState();
        }
    }

    /**
     * DRBD 9's resync-suspended words for the isp flags of {@code s} ("user", "peer",
     * "dependency", comma-joined), "no" when none is set (status and events2).
     */
    public static String suspendedReasons(State s) {
        java.util.List<String> why = new java.util.ArrayList<>();
        if (s.userIsp()) {
            why.add("user");
        }
        if (s.peerIsp()) {
            why.add("peer");
        }
        if (s.aftrIsp()) {
            why.add("dependency");
        }
        return why.isEmpty() ? "no" : String.join(",", why);
    }

    /**
     * DRBD's error for a pause-sync or resume-sync that changed nothing in state {@code s}: a
     * second pause is ERR_PAUSE_IS_SET; a resume of a resync that stays paused names what still
     * holds it (dependency before peer); otherwise ERR_PAUSE_IS_CLEAR.
     */
    public static ErrCode unchanged(boolean pause, State s) {
        if (pause) {
            return ErrCode.ERR_PAUSE_IS_SET;
        }
        boolean paused = s.conn() == ConnState.PAUSED_SYNC_S || s.conn() == ConnState.PAUSED_SYNC_T;
        if (paused && s.aftrIsp()) {
            return ErrCode.ERR_PIC_AFTER_DEP;
        }
        if (paused && s.peerIsp()) {
            return ErrCode.ERR_PIC_PEER_DEP;
        }
        return ErrCode.ERR_PAUSE_IS_CLEAR;
    }
}
