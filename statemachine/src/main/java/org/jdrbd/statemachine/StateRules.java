package org.jdrbd.statemachine;

import static org.jdrbd.statemachine.ConnState.AHEAD;
import static org.jdrbd.statemachine.ConnState.CONNECTED;
import static org.jdrbd.statemachine.ConnState.DISCONNECTING;
import static org.jdrbd.statemachine.ConnState.PAUSED_SYNC_S;
import static org.jdrbd.statemachine.ConnState.STANDALONE;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_S;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_T;
import static org.jdrbd.statemachine.ConnState.SYNC_SOURCE;
import static org.jdrbd.statemachine.ConnState.SYNC_TARGET;
import static org.jdrbd.statemachine.ConnState.UNCONNECTED;
import static org.jdrbd.statemachine.ConnState.VERIFY_S;
import static org.jdrbd.statemachine.ConnState.VERIFY_T;
import static org.jdrbd.statemachine.ConnState.WF_BITMAP_S;
import static org.jdrbd.statemachine.ConnState.WF_CONNECTION;
import static org.jdrbd.statemachine.ConnState.WF_REPORT_PARAMS;
import static org.jdrbd.statemachine.ConnState.WF_SYNC_UUID;
import static org.jdrbd.statemachine.DiskState.ATTACHING;
import static org.jdrbd.statemachine.DiskState.DISKLESS;
import static org.jdrbd.statemachine.DiskState.FAILED;
import static org.jdrbd.statemachine.DiskState.INCONSISTENT;
import static org.jdrbd.statemachine.DiskState.OUTDATED;
import static org.jdrbd.statemachine.DiskState.UNKNOWN;
import static org.jdrbd.statemachine.DiskState.UP_TO_DATE;
import static org.jdrbd.statemachine.Role.PRIMARY;
import static org.jdrbd.statemachine.Role.SECONDARY;
import static org.jdrbd.statemachine.StateRv.SS_ALREADY_STANDALONE;
import static org.jdrbd.statemachine.StateRv.SS_CONNECTED_OUTDATES;
import static org.jdrbd.statemachine.StateRv.SS_DEVICE_IN_USE;
import static org.jdrbd.statemachine.StateRv.SS_IN_TRANSIENT_STATE;
import static org.jdrbd.statemachine.StateRv.SS_IS_DISKLESS;
import static org.jdrbd.statemachine.StateRv.SS_LOWER_THAN_OUTDATED;
import static org.jdrbd.statemachine.StateRv.SS_NEED_CONNECTION;
import static org.jdrbd.statemachine.StateRv.SS_NOTHING_TO_DO;
import static org.jdrbd.statemachine.StateRv.SS_NOT_SUPPORTED;
import static org.jdrbd.statemachine.StateRv.SS_NO_LOCAL_DISK;
import static org.jdrbd.statemachine.StateRv.SS_NO_NET_CONFIG;
import static org.jdrbd.statemachine.StateRv.SS_NO_REMOTE_DISK;
import static org.jdrbd.statemachine.StateRv.SS_NO_UP_TO_DATE_DISK;
import static org.jdrbd.statemachine.StateRv.SS_NO_VERIFY_ALG;
import static org.jdrbd.statemachine.StateRv.SS_O_VOL_PEER_PRI;
import static org.jdrbd.statemachine.StateRv.SS_OUTDATE_WO_CONN;
import static org.jdrbd.statemachine.StateRv.SS_PRIMARY_NOP;
import static org.jdrbd.statemachine.StateRv.SS_RESYNC_RUNNING;
import static org.jdrbd.statemachine.StateRv.SS_SUCCESS;
import static org.jdrbd.statemachine.StateRv.SS_TWO_PRIMARIES;

import org.jdrbd.statemachine.Verdict.Check;

/**
 * DRBD's three validity checks, written as the fact sheet's tables (§2.2, §2.3, §2.4) in their
 * order, each answer naming the row that decided it. Pure functions of their arguments.
 */
public final class StateRules {

    /** The minimum apv for online verify (§2.2 rule 11). */
    public static final int VERIFY_MIN_APV = 88;

    private static final Verdict STATE_OK = new Verdict(SS_SUCCESS, Check.VALID_STATE,
            Verdict.OTHERWISE);
    private static final Verdict SOFT_OK = new Verdict(SS_SUCCESS, Check.SOFT_TRANSITION,
            Verdict.OTHERWISE);

    private StateRules() {
    }

    /** §2.2 is_valid_state: the first matching row decides. */
    public static Verdict isValidState(State ns, StateContext ctx) {
        Verdict twoPrimaries = twoPrimariesRule(ns, ctx);
        if (twoPrimaries != null) {
            return twoPrimaries;
        }
        ConnState c = ns.conn();
        DiskState d = ns.disk();
        DiskState p = ns.pdsk();
        boolean primary = ns.role() == PRIMARY;
        if (ns.role() == SECONDARY && ctx.deviceOpen()) {
            return state(SS_DEVICE_IN_USE, "2");
        } else if (primary && c.lt(CONNECTED) && d.lt(UP_TO_DATE)) {
            return state(SS_NO_UP_TO_DATE_DISK, "3");
        } else if (ctx.fencing().atLeast(FencingPolicy.RESOURCE_ONLY) && primary
                && c.lt(CONNECTED) && p.ge(UNKNOWN)) {
            return state(SS_PRIMARY_NOP, "4");
        } else if (primary && d.le(INCONSISTENT) && p.le(INCONSISTENT)) {
            return state(SS_NO_UP_TO_DATE_DISK, "5");
        } else if (c.gt(CONNECTED) && d.lt(INCONSISTENT)) {
            return state(SS_NO_LOCAL_DISK, "6");
        } else if (c.gt(CONNECTED) && p.lt(INCONSISTENT)) {
            return state(SS_NO_REMOTE_DISK, "7");
        } else if (c.gt(CONNECTED) && d.lt(UP_TO_DATE) && p.lt(UP_TO_DATE)) {
            return state(SS_NO_UP_TO_DATE_DISK, "8");
        } else if ((c == CONNECTED || c == WF_BITMAP_S || c == SYNC_SOURCE || c == PAUSED_SYNC_S)
                && d == OUTDATED) {
            return state(SS_CONNECTED_OUTDATES, "9");
        } else if (isVerify(c) && !ctx.verifyAlgConfigured()) {
            return state(SS_NO_VERIFY_ALG, "10");
        } else if (isVerify(c) && ctx.agreedProtocolVersion() < VERIFY_MIN_APV) {
            return state(SS_NOT_SUPPORTED, "11");
        } else if (primary && d.lt(UP_TO_DATE) && p.lt(UP_TO_DATE)) {
            return state(SS_NO_UP_TO_DATE_DISK, "12");
        } else if (isStartingSync(c) && p == UNKNOWN) {
            return state(SS_NEED_CONNECTION, "13");
        } else if (c.ge(CONNECTED) && p == UNKNOWN) {
            return state(SS_CONNECTED_OUTDATES, "14");
        }
        return STATE_OK;
    }

    /** Rows 1 and 1b: only with a net config and without allow-two-primaries; returns at once. */
    private static Verdict twoPrimariesRule(State ns, StateContext ctx) {
        if (!ctx.netConfigured() || ctx.allowTwoPrimaries() || ns.role() != PRIMARY) {
            return null;
        }
        if (ns.peer() == PRIMARY) {
            return state(SS_TWO_PRIMARIES, "1");
        }
        if (ctx.peerPrimaryOnOtherVolume()) {
            return state(SS_O_VOL_PEER_PRI, "1b");
        }
        return null;
    }

    /** §2.3 is_valid_soft_transition: every row is tested, the last match decides. */
    public static Verdict isValidSoftTransition(State os, State ns, StateContext ctx) {
        Verdict v = SOFT_OK;
        ConnState oc = os.conn();
        ConnState nc = ns.conn();
        if (isStartingSync(nc) && oc.gt(CONNECTED)) {
            v = soft(SS_RESYNC_RUNNING, "1");
        }
        if (nc == DISCONNECTING && oc == STANDALONE) {
            v = soft(SS_ALREADY_STANDALONE, "2");
        }
        if (ns.disk().gt(ATTACHING) && os.disk() == DISKLESS) {
            v = soft(SS_IS_DISKLESS, "3");
        }
        if (nc == WF_CONNECTION && oc.lt(UNCONNECTED)) {
            v = soft(SS_NO_NET_CONFIG, "4");
        }
        if (ns.disk() == OUTDATED && os.disk().lt(OUTDATED) && os.disk() != ATTACHING) {
            v = soft(SS_LOWER_THAN_OUTDATED, "5");
        }
        if (nc == DISCONNECTING && oc == UNCONNECTED) {
            v = soft(SS_IN_TRANSIENT_STATE, "6");
        }
        if (ctx.stateSent() && !handshakeProgress(oc, nc)) {
            v = soft(SS_IN_TRANSIENT_STATE, "7");
        }
        if (promotionDuringHandshake(os, ns)) {
            v = soft(SS_IN_TRANSIENT_STATE, "8");
        }
        if (isVerify(nc) && oc.lt(CONNECTED)) {
            v = soft(SS_NEED_CONNECTION, "9");
        }
        if (isVerify(nc) && nc != oc && oc.gt(CONNECTED)) {
            v = soft(SS_RESYNC_RUNNING, "10");
        }
        if (isStartingSync(nc) && oc.lt(CONNECTED)) {
            v = soft(SS_NEED_CONNECTION, "11");
        }
        if ((nc == SYNC_TARGET || nc == SYNC_SOURCE) && oc.lt(WF_REPORT_PARAMS)) {
            v = soft(SS_NEED_CONNECTION, "12");
        }
        if (nc == DISCONNECTING && ns.pdsk() == OUTDATED && oc.lt(CONNECTED)
                && os.pdsk().gt(OUTDATED)) {
            v = soft(SS_OUTDATE_WO_CONN, "13");
        }
        return v;
    }

    /** Row 7's exceptions: the handshake itself moving on. */
    private static boolean handshakeProgress(ConnState oc, ConnState nc) {
        return (oc == WF_CONNECTION && nc == WF_REPORT_PARAMS)
                || (oc == WF_REPORT_PARAMS && nc.ge(CONNECTED));
    }

    /** Row 8: do not promote while a resync handshake may still make this node a target. */
    private static boolean promotionDuringHandshake(State os, State ns) {
        return os.role() != PRIMARY && ns.role() == PRIMARY
                && ns.pdsk() == UP_TO_DATE
                && ns.disk() != UP_TO_DATE && ns.disk() != DISKLESS
                && (ns.conn().le(WF_SYNC_UUID) || ns.conn() != os.conn());
    }

    /**
     * §2.4 is_valid_transition: the connection rows (first match), then the disk override, which
     * replaces any connection result including SS_NOTHING_TO_DO.
     */
    public static Verdict isValidTransition(State os, State ns) {
        if (ns.disk() == FAILED && os.disk() == DISKLESS) {
            return transition(SS_IS_DISKLESS, "disk");
        }
        return isValidConnTransition(os.conn(), ns.conn());
    }

    /** §2.4 rows 1..7 (is_valid_conn_transition). */
    public static Verdict isValidConnTransition(ConnState oc, ConnState nc) {
        if (oc == nc) {
            return transition(SS_NOTHING_TO_DO, "1");
        }
        if (oc == STANDALONE && nc == DISCONNECTING) {
            return transition(SS_ALREADY_STANDALONE, "2");
        }
        if (oc == STANDALONE && nc != UNCONNECTED) {
            return transition(SS_NEED_CONNECTION, "3");
        }
        if (oc.lt(WF_REPORT_PARAMS) && nc.ge(CONNECTED)) {
            return transition(SS_NEED_CONNECTION, "4");
        }
        if (oc.isFailureReason() && nc != UNCONNECTED && nc != DISCONNECTING) {
            return transition(SS_IN_TRANSIENT_STATE, "5");
        }
        if (oc == DISCONNECTING && nc != STANDALONE) {
            return transition(SS_IN_TRANSIENT_STATE, "6");
        }
        return transition(SS_SUCCESS, "7");
    }

    static boolean isVerify(ConnState c) {
        return c == VERIFY_S || c == VERIFY_T;
    }

    static boolean isStartingSync(ConnState c) {
        return c == STARTING_SYNC_S || c == STARTING_SYNC_T;
    }

    /** Connected up to, not including, Ahead (sanitize step 5). */
    static boolean connectedBelowAhead(ConnState c) {
        return c.ge(CONNECTED) && c.lt(AHEAD);
    }

    private static Verdict state(StateRv rv, String rule) {
        return new Verdict(rv, Check.VALID_STATE, rule);
    }

    private static Verdict soft(StateRv rv, String rule) {
        return new Verdict(rv, Check.SOFT_TRANSITION, rule);
    }

    private static Verdict transition(StateRv rv, String rule) {
        return new Verdict(rv, Check.TRANSITION, rule);
    }
}
