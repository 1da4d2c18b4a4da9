package org.jdrbd.statemachine;

import java.util.List;
import java.util.function.Predicate;

/**
 * A second, independent statement of fact sheet §2.2-§2.4 for the exhaustive tests: every state
 * field as DRBD's raw number, each table a list of (rule, condition, code) rows evaluated by a
 * generic first-match / last-match loop. Written from the fact sheet, not from StateRules.
 */
final class RulesOracle {

    // Raw numbers from the fact sheet §1.1-§1.3.
    static final int R_PRIMARY = 1;
    static final int R_SECONDARY = 2;
    static final int C_STANDALONE = 0;
    static final int C_DISCONNECTING = 1;
    static final int C_UNCONNECTED = 2;
    static final int C_TIMEOUT = 3;
    static final int C_TEAR_DOWN = 7;
    static final int C_WF_CONNECTION = 8;
    static final int C_WF_REPORT_PARAMS = 9;
    static final int C_CONNECTED = 10;
    static final int C_STARTING_SYNC_S = 11;
    static final int C_STARTING_SYNC_T = 12;
    static final int C_WF_BITMAP_S = 13;
    static final int C_WF_SYNC_UUID = 15;
    static final int C_SYNC_SOURCE = 16;
    static final int C_SYNC_TARGET = 17;
    static final int C_VERIFY_S = 18;
    static final int C_VERIFY_T = 19;
    static final int C_PAUSED_SYNC_S = 20;
    static final int D_DISKLESS = 0;
    static final int D_ATTACHING = 1;
    static final int D_FAILED = 2;
    static final int D_INCONSISTENT = 4;
    static final int D_OUTDATED = 5;
    static final int D_UNKNOWN = 6;
    static final int D_UP_TO_DATE = 8;

    /** The fields one row looks at. */
    record In(int role, int peer, int conn, int disk, int pdsk, int oRole, int oConn, int oDisk,
            int oPdsk, StateContext ctx) {

        static In of(State os, State ns, StateContext ctx) {
            return new In(ns.role().code(), ns.peer().code(), ns.conn().code(), ns.disk().code(),
                    ns.pdsk().code(), os.role().code(), os.conn().code(), os.disk().code(),
                    os.pdsk().code(), ctx);
        }
    }

    /** One table row. */
    record Row(String rule, Predicate<In> when, StateRv rv) {
    }

    private static boolean verify(int c) {
        return c == C_VERIFY_S || c == C_VERIFY_T;
    }

    private static boolean startingSync(int c) {
        return c == C_STARTING_SYNC_S || c == C_STARTING_SYNC_T;
    }

    private static boolean twoPrimaryGate(In i) {
        return i.ctx().netConfigured() && !i.ctx().allowTwoPrimaries() && i.role() == R_PRIMARY;
    }

    static final List<Row> VALID_STATE = List.of(
            new Row("1", i -> twoPrimaryGate(i) && i.peer() == R_PRIMARY,
                    StateRv.SS_TWO_PRIMARIES),
            new Row("1b", i -> twoPrimaryGate(i) && i.ctx().peerPrimaryOnOtherVolume(),
                    StateRv.SS_O_VOL_PEER_PRI),
            new Row("2", i -> i.role() == R_SECONDARY && i.ctx().deviceOpen(),
                    StateRv.SS_DEVICE_IN_USE),
            new Row("3", i -> i.role() == R_PRIMARY && i.conn() < C_CONNECTED
                    && i.disk() < D_UP_TO_DATE, StateRv.SS_NO_UP_TO_DATE_DISK),
            new Row("4", i -> i.ctx().fencing().code() >= 1 && i.role() == R_PRIMARY
                    && i.conn() < C_CONNECTED && i.pdsk() >= D_UNKNOWN, StateRv.SS_PRIMARY_NOP),
            new Row("5", i -> i.role() == R_PRIMARY && i.disk() <= D_INCONSISTENT
                    && i.pdsk() <= D_INCONSISTENT, StateRv.SS_NO_UP_TO_DATE_DISK),
            new Row("6", i -> i.conn() > C_CONNECTED && i.disk() < D_INCONSISTENT,
                    StateRv.SS_NO_LOCAL_DISK),
            new Row("7", i -> i.conn() > C_CONNECTED && i.pdsk() < D_INCONSISTENT,
                    StateRv.SS_NO_REMOTE_DISK),
            new Row("8", i -> i.conn() > C_CONNECTED && i.disk() < D_UP_TO_DATE
                    && i.pdsk() < D_UP_TO_DATE, StateRv.SS_NO_UP_TO_DATE_DISK),
            new Row("9", i -> (i.conn() == C_CONNECTED || i.conn() == C_WF_BITMAP_S
                    || i.conn() == C_SYNC_SOURCE || i.conn() == C_PAUSED_SYNC_S)
                    && i.disk() == D_OUTDATED, StateRv.SS_CONNECTED_OUTDATES),
            new Row("10", i -> verify(i.conn()) && !i.ctx().verifyAlgConfigured(),
                    StateRv.SS_NO_VERIFY_ALG),
            new Row("11", i -> verify(i.conn()) && i.ctx().agreedProtocolVersion() < 88,
                    StateRv.SS_NOT_SUPPORTED),
            new Row("12", i -> i.role() == R_PRIMARY && i.disk() < D_UP_TO_DATE
                    && i.pdsk() < D_UP_TO_DATE, StateRv.SS_NO_UP_TO_DATE_DISK),
            new Row("13", i -> startingSync(i.conn()) && i.pdsk() == D_UNKNOWN,
                    StateRv.SS_NEED_CONNECTION),
            new Row("14", i -> i.conn() >= C_CONNECTED && i.pdsk() == D_UNKNOWN,
                    StateRv.SS_CONNECTED_OUTDATES));

    static final List<Row> SOFT = List.of(
            new Row("1", i -> startingSync(i.conn()) && i.oConn() > C_CONNECTED,
                    StateRv.SS_RESYNC_RUNNING),
            new Row("2", i -> i.conn() == C_DISCONNECTING && i.oConn() == C_STANDALONE,
                    StateRv.SS_ALREADY_STANDALONE),
            new Row("3", i -> i.disk() > D_ATTACHING && i.oDisk() == D_DISKLESS,
                    StateRv.SS_IS_DISKLESS),
            new Row("4", i -> i.conn() == C_WF_CONNECTION && i.oConn() < C_UNCONNECTED,
                    StateRv.SS_NO_NET_CONFIG),
            new Row("5", i -> i.disk() == D_OUTDATED && i.oDisk() < D_OUTDATED
                    && i.oDisk() != D_ATTACHING, StateRv.SS_LOWER_THAN_OUTDATED),
            new Row("6", i -> i.conn() == C_DISCONNECTING && i.oConn() == C_UNCONNECTED,
                    StateRv.SS_IN_TRANSIENT_STATE),
            new Row("7", i -> i.ctx().stateSent()
                    && !(i.oConn() == C_WF_CONNECTION && i.conn() == C_WF_REPORT_PARAMS)
                    && !(i.oConn() == C_WF_REPORT_PARAMS && i.conn() >= C_CONNECTED),
                    StateRv.SS_IN_TRANSIENT_STATE),
            new Row("8", i -> i.oRole() != R_PRIMARY && i.role() == R_PRIMARY
                    && i.pdsk() == D_UP_TO_DATE && i.disk() != D_UP_TO_DATE
                    && i.disk() != D_DISKLESS
                    && (i.conn() <= C_WF_SYNC_UUID || i.conn() != i.oConn()),
                    StateRv.SS_IN_TRANSIENT_STATE),
            new Row("9", i -> verify(i.conn()) && i.oConn() < C_CONNECTED,
                    StateRv.SS_NEED_CONNECTION),
            new Row("10", i -> verify(i.conn()) && i.conn() != i.oConn()
                    && i.oConn() > C_CONNECTED, StateRv.SS_RESYNC_RUNNING),
            new Row("11", i -> startingSync(i.conn()) && i.oConn() < C_CONNECTED,
                    StateRv.SS_NEED_CONNECTION),
            new Row("12", i -> (i.conn() == C_SYNC_TARGET || i.conn() == C_SYNC_SOURCE)
                    && i.oConn() < C_WF_REPORT_PARAMS, StateRv.SS_NEED_CONNECTION),
            new Row("13", i -> i.conn() == C_DISCONNECTING && i.pdsk() == D_OUTDATED
                    && i.oConn() < C_CONNECTED && i.oPdsk() > D_OUTDATED,
                    StateRv.SS_OUTDATE_WO_CONN));

    static final List<Row> CONN_TRANSITION = List.of(
            new Row("1", i -> i.oConn() == i.conn(), StateRv.SS_NOTHING_TO_DO),
            new Row("2", i -> i.oConn() == C_STANDALONE && i.conn() == C_DISCONNECTING,
                    StateRv.SS_ALREADY_STANDALONE),
            new Row("3", i -> i.oConn() == C_STANDALONE && i.conn() != C_UNCONNECTED,
                    StateRv.SS_NEED_CONNECTION),
            new Row("4", i -> i.oConn() < C_WF_REPORT_PARAMS && i.conn() >= C_CONNECTED,
                    StateRv.SS_NEED_CONNECTION),
            new Row("5", i -> i.oConn() >= C_TIMEOUT && i.oConn() <= C_TEAR_DOWN
                    && i.conn() != C_UNCONNECTED && i.conn() != C_DISCONNECTING,
                    StateRv.SS_IN_TRANSIENT_STATE),
            new Row("6", i -> i.oConn() == C_DISCONNECTING && i.conn() != C_STANDALONE,
                    StateRv.SS_IN_TRANSIENT_STATE),
            new Row("7", i -> true, StateRv.SS_SUCCESS));

    private RulesOracle() {
    }

    /** First matching row, or SS_SUCCESS/"otherwise". */
    static Row firstMatch(List<Row> rows, In in) {
        return rows.stream().filter(r -> r.when().test(in)).findFirst()
                .orElse(new Row(Verdict.OTHERWISE, i -> true, StateRv.SS_SUCCESS));
    }

    /** Last matching row, or SS_SUCCESS/"otherwise". */
    static Row lastMatch(List<Row> rows, In in) {
        Row found = new Row(Verdict.OTHERWISE, i -> true, StateRv.SS_SUCCESS);
        for (Row r : rows) {
            if (r.when().test(in)) {
                found = r;
            }
        }
        return found;
    }

    static Row validState(State ns, StateContext ctx) {
        return firstMatch(VALID_STATE, In.of(ns, ns, ctx));
    }

    static Row soft(State os, State ns, StateContext ctx) {
        return lastMatch(SOFT, In.of(os, ns, ctx));
    }

    static Row transition(State os, State ns) {
        if (ns.disk().code() == D_FAILED && os.disk().code() == D_DISKLESS) {
            return new Row("disk", i -> true, StateRv.SS_IS_DISKLESS);
        }
        return firstMatch(CONN_TRANSITION, In.of(os, ns, StateContext.DEFAULTS));
    }

    /** §2.6 built from the implementation's sanitize and these rows: rv and committed. */
    static Row pipeline(State os, State ns, StateContext ctx, boolean hard, boolean[] committed) {
        State s = Sanitizer.sanitize(os, ns, ctx).state();
        committed[0] = false;
        if (s.equals(os)) {
            return new Row("1", i -> true, StateRv.SS_NOTHING_TO_DO);
        }
        Row t = transition(os, s);
        if (t.rv().code() < 1) {
            return t;
        }
        Row result = t;
        if (!hard) {
            Row st = validState(s, ctx);
            if (st.rv().code() >= 1 || validState(os, ctx).rv() == st.rv()) {
                result = soft(os, s, ctx);
            } else {
                result = st;
            }
        }
        committed[0] = result.rv().code() >= 1;
        return result;
    }
}
