package org.jdrbd.statemachine;

import static org.jdrbd.statemachine.ConnState.CONNECTED;
import static org.jdrbd.statemachine.ConnState.PAUSED_SYNC_S;
import static org.jdrbd.statemachine.ConnState.PAUSED_SYNC_T;
import static org.jdrbd.statemachine.ConnState.STANDALONE;
import static org.jdrbd.statemachine.ConnState.SYNC_SOURCE;
import static org.jdrbd.statemachine.ConnState.SYNC_TARGET;
import static org.jdrbd.statemachine.DiskState.CONSISTENT;
import static org.jdrbd.statemachine.DiskState.DISKLESS;
import static org.jdrbd.statemachine.DiskState.FAILED;
import static org.jdrbd.statemachine.DiskState.INCONSISTENT;
import static org.jdrbd.statemachine.DiskState.NEGOTIATING;
import static org.jdrbd.statemachine.DiskState.OUTDATED;
import static org.jdrbd.statemachine.DiskState.UNKNOWN;
import static org.jdrbd.statemachine.DiskState.UP_TO_DATE;

import java.util.ArrayList;
import java.util.List;

/**
 * DRBD's sanitize_state (fact sheet §2.5): the implications a requested state has on its other
 * fields, applied in the fact sheet's order before any validation.
 *
 * <p>Faithful to DRBD, step 9 (pause/unpause) runs after the clamp of step 6, so unpausing
 * PausedSyncS/T can leave a disk state the clamp row of SyncSource/SyncTarget would not allow;
 * sanitizing that result again then changes it. Likewise step 2 (unconfigured: clear aftr_isp)
 * runs before step 4 can make a Negotiating disk Diskless. The tests pin both quirks down.
 */
public final class Sanitizer {

    /** Warning of step 3 when a resync was aborted. */
    public static final String RESYNC_ABORTED = "Resync aborted.";
    /** Warning of step 3 when an online verify was aborted. */
    public static final String VERIFY_ABORTED = "Online-verify aborted.";
    /** Warning of step 6 when disk was raised to the row's minimum. */
    public static final String UPGRADED_DISK = "Implicitly upgraded disk";
    /** Warning of step 6 when pdsk was raised to the row's minimum. */
    public static final String UPGRADED_PDSK = "Implicitly upgraded pdsk";
    /** Warning of step 4 when the data changed while Negotiating. */
    public static final String NEGOTIATING_NO_DATA = "Connection lost while negotiating, no data!";

    /** A sanitized state and the warnings DRBD would log if the change is committed. */
    public record Result(State state, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /** One row of the step 6 clamp table. */
    public record ClampRow(DiskState diskMin, DiskState diskMax, DiskState pdskMin,
            DiskState pdskMax) {

        /** Whether disk and pdsk of {@code s} lie within this row. */
        public boolean admits(State s) {
            return s.disk().ge(diskMin) && s.disk().le(diskMax)
                    && s.pdsk().ge(pdskMin) && s.pdsk().le(pdskMax);
        }
    }

    private static final ClampRow TARGET_SIDE = new ClampRow(INCONSISTENT, OUTDATED, UP_TO_DATE,
            UP_TO_DATE);
    private static final ClampRow VERIFY = new ClampRow(UP_TO_DATE, UP_TO_DATE, UP_TO_DATE,
            UP_TO_DATE);
    private static final ClampRow CONNECTED_ROW = new ClampRow(DISKLESS, UP_TO_DATE, DISKLESS,
            UP_TO_DATE);
    private static final ClampRow SOURCE_SIDE = new ClampRow(UP_TO_DATE, UP_TO_DATE,
            INCONSISTENT, CONSISTENT);
    private static final ClampRow SYNC_TARGET_ROW = new ClampRow(INCONSISTENT, INCONSISTENT,
            UP_TO_DATE, UP_TO_DATE);
    private static final ClampRow SYNC_SOURCE_ROW = new ClampRow(UP_TO_DATE, UP_TO_DATE,
            INCONSISTENT, INCONSISTENT);
    private static final ClampRow NOT_CONNECTED = new ClampRow(DISKLESS, UP_TO_DATE,
            INCONSISTENT, UNKNOWN);

    private Sanitizer() {
    }

    /** The step 6 clamp row for a connection state (exhaustive over all 24 states). */
    public static ClampRow clampRow(ConnState conn) {
        return switch (conn) {
            case WF_BITMAP_T, PAUSED_SYNC_T, STARTING_SYNC_T, WF_SYNC_UUID, BEHIND -> TARGET_SIDE;
            case VERIFY_S, VERIFY_T -> VERIFY;
            case CONNECTED -> CONNECTED_ROW;
            case WF_BITMAP_S, PAUSED_SYNC_S, STARTING_SYNC_S, AHEAD -> SOURCE_SIDE;
            case SYNC_TARGET -> SYNC_TARGET_ROW;
            case SYNC_SOURCE -> SYNC_SOURCE_ROW;
            case STANDALONE, DISCONNECTING, UNCONNECTED, TIMEOUT, BROKEN_PIPE, NETWORK_FAILURE,
                    PROTOCOL_ERROR, TEAR_DOWN, WF_CONNECTION, WF_REPORT_PARAMS -> NOT_CONNECTED;
        };
    }

    /** sanitize_state(os, ns): steps 1..9 of §2.5 in order. */
    public static Result sanitize(State os, State ns, StateContext ctx) {
        List<String> warnings = new ArrayList<>(2);
        State s = disconnectedPeerFacts(ns);
        s = clearAftrIspWhenUnconfigured(s);
        s = abortResyncWithoutDisks(s, warnings);
        s = negotiationInterrupted(s, ctx, warnings);
        s = consistentVanishesWhenConnected(s);
        s = clamp(s, warnings);
        s = freezeForFencing(os, s, ctx);
        s = freezeForNoData(os, s, ctx);
        s = pauseOrResume(s);
        return new Result(s, warnings);
    }

    /** Step 1: without a connection nothing but Inconsistent/Outdated is known of the peer. */
    static State disconnectedPeerFacts(State s) {
        if (!s.conn().lt(CONNECTED)) {
            return s;
        }
        State r = s.withPeerIsp(false).withPeer(Role.UNKNOWN);
        if (r.pdsk().gt(UNKNOWN) || r.pdsk().lt(INCONSISTENT)) {
            r = r.withPdsk(UNKNOWN);
        }
        return r;
    }

    /** Step 2: an unconfigured volume cannot wait for a resync-after dependency. */
    static State clearAftrIspWhenUnconfigured(State s) {
        if (s.conn() == STANDALONE && s.disk() == DISKLESS && s.role() == Role.SECONDARY) {
            return s.withAftrIsp(false);
        }
        return s;
    }

    /** Step 3: no resync or verify without both disks. */
    static State abortResyncWithoutDisks(State s, List<String> warnings) {
        if (s.conn().gt(CONNECTED) && (s.disk().le(FAILED) || s.pdsk().le(FAILED))) {
            warnings.add(StateRules.isVerify(s.conn()) ? VERIFY_ABORTED : RESYNC_ABORTED);
            return s.withConn(CONNECTED);
        }
        return s;
    }

    /** Step 4: attach raced with a connection loss; keep the attach result only if data is ours. */
    static State negotiationInterrupted(State s, StateContext ctx, List<String> warnings) {
        if (!s.conn().lt(CONNECTED) || s.disk() != NEGOTIATING) {
            return s;
        }
        if (ctx.dataUuidMatchesDisk()) {
            return s.withDisk(ctx.attachDisk()).withPdsk(ctx.attachPdsk());
        }
        warnings.add(NEGOTIATING_NO_DATA);
        return s.withDisk(DISKLESS).withPdsk(UNKNOWN);
    }

    /** Step 5: Consistent and Outdated vanish once connected (below Ahead). */
    static State consistentVanishesWhenConnected(State s) {
        if (!StateRules.connectedBelowAhead(s.conn())) {
            return s;
        }
        State r = s;
        if (r.disk() == CONSISTENT || r.disk() == OUTDATED) {
            r = r.withDisk(UP_TO_DATE);
        }
        if (r.pdsk() == CONSISTENT || r.pdsk() == OUTDATED) {
            r = r.withPdsk(UP_TO_DATE);
        }
        return r;
    }

    /** Step 6: lower silently to the row's maximum, raise with a warning to its minimum. */
    static State clamp(State s, List<String> warnings) {
        ClampRow row = clampRow(s.conn());
        State r = s;
        if (r.disk().gt(row.diskMax())) {
            r = r.withDisk(row.diskMax());
        }
        if (r.disk().lt(row.diskMin())) {
            warnings.add(UPGRADED_DISK);
            r = r.withDisk(row.diskMin());
        }
        if (r.pdsk().gt(row.pdskMax())) {
            r = r.withPdsk(row.pdskMax());
        }
        if (r.pdsk().lt(row.pdskMin())) {
            warnings.add(UPGRADED_PDSK);
            r = r.withPdsk(row.pdskMin());
        }
        return r;
    }

    /** Step 7: resource-and-stonith freezes IO when a Primary loses a peer that may have data. */
    static State freezeForFencing(State os, State s, StateContext ctx) {
        if (ctx.fencing() == FencingPolicy.RESOURCE_AND_STONITH
                && primaryLostPeerWithData(s) && !primaryLostPeerWithData(os)) {
            return s.withSuspFen(true);
        }
        return s;
    }

    private static boolean primaryLostPeerWithData(State s) {
        return s.role() == Role.PRIMARY && s.conn().lt(CONNECTED) && s.pdsk().gt(OUTDATED);
    }

    /** Step 8: on-no-data-accessible=suspend-io freezes a Primary without UpToDate data. */
    static State freezeForNoData(State os, State s, StateContext ctx) {
        if (ctx.onNoDataAccessible() == OnNoDataAccessible.SUSPEND_IO
                && primaryWithoutData(s) && !primaryWithoutData(os)) {
            return s.withSuspNod(true);
        }
        return s;
    }

    /** Primary while neither the local nor the peer's disk is UpToDate. */
    static boolean primaryWithoutData(State s) {
        return s.role() == Role.PRIMARY && s.disk().lt(UP_TO_DATE) && s.pdsk().lt(UP_TO_DATE);
    }

    /** Step 9: any imposed sync pause pauses the resync; none resumes it. */
    static State pauseOrResume(State s) {
        if (s.anyIsp()) {
            if (s.conn() == SYNC_SOURCE) {
                return s.withConn(PAUSED_SYNC_S);
            }
            if (s.conn() == SYNC_TARGET) {
                return s.withConn(PAUSED_SYNC_T);
            }
            return s;
        }
        if (s.conn() == PAUSED_SYNC_S) {
            return s.withConn(SYNC_SOURCE);
        }
        if (s.conn() == PAUSED_SYNC_T) {
            return s.withConn(SYNC_TARGET);
        }
        return s;
    }
}
