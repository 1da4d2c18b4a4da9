package org.jdrbd.statemachine;

import static org.jdrbd.statemachine.ConnState.CONNECTED;
import static org.jdrbd.statemachine.ConnState.PAUSED_SYNC_S;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_S;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_T;
import static org.jdrbd.statemachine.ConnState.SYNC_SOURCE;
import static org.jdrbd.statemachine.ConnState.WF_BITMAP_S;
import static org.jdrbd.statemachine.ConnState.WF_SYNC_UUID;
import static org.jdrbd.statemachine.DiskState.ATTACHING;
import static org.jdrbd.statemachine.DiskState.DISKLESS;
import static org.jdrbd.statemachine.DiskState.FAILED;
import static org.jdrbd.statemachine.DiskState.INCONSISTENT;
import static org.jdrbd.statemachine.DiskState.NEGOTIATING;
import static org.jdrbd.statemachine.DiskState.OUTDATED;
import static org.jdrbd.statemachine.DiskState.UNKNOWN;
import static org.jdrbd.statemachine.DiskState.UP_TO_DATE;
import static org.jdrbd.statemachine.Role.PRIMARY;
import static org.jdrbd.statemachine.Role.SECONDARY;

import java.util.ArrayList;
import java.util.List;

/**
 * DRBD's after_state_ch (fact sheet §2.7) as a pure function: the side effects of a committed
 * change {@code os -> ns}, in the fact sheet's order. The daemon's executor runs them.
 *
 * <p>Effects that read or write the local disk require one ({@code disk >= Inconsistent}, DRBD's
 * get_ldev); P_UUIDS/P_STATE are only sent with a connection. Both guards come from DRBD and
 * only suppress effects that could not run anyway.
 */
public final class AfterStateChange {

    /** Protocol version from which the SyncSource generates and sends a sync UUID. */
    public static final int SYNC_UUID_MIN_APV = 96;

    private AfterStateChange() {
    }

    /** The §2.7 effects of a committed change, in order. */
    public static List<Effect> effects(State os, State ns, StateContext ctx) {
        List<Effect> out = new ArrayList<>(4);
        priOnInconDegr(os, ns, out);
        thawNoData(os, ns, ctx, out);
        thawFencingOnReconnect(ns, ctx, out);
        syncUuid(os, ns, ctx, out);
        peerAttached(os, ns, out);
        sendBitmap(os, ns, out);
        lostContactToPeerData(os, ns, ctx, out);
        thawFencingAfterFenced(ns, ctx, out);
        disklessPeerPromoted(os, ns, ctx, out);
        demotion(os, ns, out);
        startingSync(os, ns, out);
        diskFailed(os, ns, ctx, out);
        resyncFinished(os, ns, out);
        return out;
    }

    /** Entering (Primary, disk < UpToDate, pdsk < UpToDate). */
    static void priOnInconDegr(State os, State ns, List<Effect> out) {
        if (Sanitizer.primaryWithoutData(ns) && !Sanitizer.primaryWithoutData(os)) {
            out.add(new Effect.RunHandler(HandlerName.PRI_ON_INCON_DEGR));
        }
    }

    /**
     * susp_nod thaws on reconnect (resend) or when an attach leads to UpToDate (restart frozen disk
     * IO; the later test wins, as in DRBD).
     */
    static void thawNoData(State os, State ns, StateContext ctx, List<Effect> out) {
        if (!ns.suspNod()) {
            return;
        }
        Effect.TlRestart what = null;
        if (os.conn().lt(CONNECTED) && ctx.lowestConn(ns).ge(CONNECTED)) {
            what = Effect.TlRestart.RESEND;
        }
        if ((os.disk() == ATTACHING || os.disk() == NEGOTIATING)
                && ctx.lowestDisk(ns) == UP_TO_DATE) {
            what = Effect.TlRestart.RESTART_FROZEN_DISK_IO;
        }
        if (what != null) {
            out.add(new Effect.ThawIo(Effect.Suspension.NO_DATA, what));
        }
    }

    /** susp_fen thaw case 2 (§5.3): every volume connected again; drop NEW_CUR_UUID, resend. */
    static void thawFencingOnReconnect(State ns, StateContext ctx, List<Effect> out) {
        if (!ns.suspFen() || ctx.lowestConn(ns).lt(CONNECTED)) {
            return;
        }
        if (ctx.newCurUuidPending()) {
            out.add(new Effect.ClearNewCurUuidPending());
        }
        out.add(new Effect.ThawIo(Effect.Suspension.FENCING, Effect.TlRestart.RESEND));
    }

    /**
     * susp_fen thaw case 1 (§5.3): fence-peer succeeded (connection-wide pdsk <= Outdated) while
     * disconnected: the owed new current UUID, then pending requests complete as out-of-sync.
     * DRBD runs this in the connection-level after-state work, i.e. after the device-level
     * effects above, so a NEW_CUR_UUID deferred by this very change (lost contact while still
     * frozen) is paid here too.
     */
    static void thawFencingAfterFenced(State ns, StateContext ctx, List<Effect> out) {
        if (!ns.suspFen() || !ctx.lowestConn(ns).lt(CONNECTED)
                || !ctx.highestPdsk(ns).le(OUTDATED)) {
            return;
        }
        if (ctx.newCurUuidPending() || out.contains(new Effect.SetNewCurUuidPending())) {
            out.add(new Effect.NewCurrentUuid());
            out.add(new Effect.ClearNewCurUuidPending());
        }
        out.add(new Effect.ThawIo(Effect.Suspension.FENCING,
                Effect.TlRestart.CONNECTION_LOST_WHILE_PENDING));
    }

    /** Becoming SyncSource/PausedSyncS with apv >= 96: new sync UUID, durable, then sent. */
    static void syncUuid(State os, State ns, StateContext ctx, List<Effect> out) {
        boolean wasSource = os.conn() == SYNC_SOURCE || os.conn() == PAUSED_SYNC_S;
        boolean isSource = ns.conn() == SYNC_SOURCE || ns.conn() == PAUSED_SYNC_S;
        if (!wasSource && isSource && ctx.agreedProtocolVersion() >= SYNC_UUID_MIN_APV
                && hasLocalDisk(ns)) {
            out.add(new Effect.NewSyncUuid());
            out.add(new Effect.SendSyncUuid());
        }
    }

    /** The peer attached (pdsk Diskless -> anything but DUnknown): a resync may follow. */
    static void peerAttached(State os, State ns, List<Effect> out) {
        if (os.pdsk() == DISKLESS && ns.pdsk().gt(DISKLESS) && ns.pdsk() != UNKNOWN) {
            out.add(new Effect.ResetResyncCounters());
            out.add(new Effect.SendUuidsAndState());
        }
    }

    /** Entering WFBitMapS: the would-be source sends its bitmap. */
    static void sendBitmap(State os, State ns, List<Effect> out) {
        if (os.conn() != WF_BITMAP_S && ns.conn() == WF_BITMAP_S) {
            out.add(new Effect.SendBitmap());
        }
    }

    /** DRBD's lost_contact_to_peer_data(os.pdsk, ns.pdsk). */
    static boolean lostContactToPeerData(DiskState op, DiskState np) {
        boolean hadData = op == INCONSISTENT || op == DiskState.CONSISTENT || op == UP_TO_DATE;
        if (hadData && (np.lt(INCONSISTENT) || np == UNKNOWN || np == OUTDATED)) {
            return true;
        }
        return op == UNKNOWN && (np == DISKLESS || np == FAILED || np == OUTDATED);
    }

    /**
     * Lost contact to the peer's data while a Primary is involved: this node's data diverges from
     * now on, so it needs a new current UUID (deferred while IO is frozen).
     */
    static void lostContactToPeerData(State os, State ns, StateContext ctx, List<Effect> out) {
        if (!lostContactToPeerData(os.pdsk(), ns.pdsk())) {
            return;
        }
        if ((ns.role() == PRIMARY || ns.peer() == PRIMARY) && ctx.bitmapUuidZero()
                && ns.disk() == UP_TO_DATE) {
            if (ns.suspended()) {
                out.add(new Effect.SetNewCurUuidPending());
            } else {
                newCurrentUuid(ns, out);
            }
        }
    }

    /** A diskless peer becomes Primary: it writes through us, so our data gets a new UUID. */
    static void disklessPeerPromoted(State os, State ns, StateContext ctx, List<Effect> out) {
        if (ns.pdsk().lt(INCONSISTENT) && os.peer() != PRIMARY && ns.peer() == PRIMARY
                && ctx.bitmapUuidZero() && ns.disk() == UP_TO_DATE) {
            newCurrentUuid(ns, out);
        }
    }

    /** New current UUID; a connected peer is told (DRBD sends P_UUIDS right after). */
    private static void newCurrentUuid(State ns, List<Effect> out) {
        out.add(new Effect.NewCurrentUuid());
        if (ns.conn().ge(CONNECTED)) {
            out.add(new Effect.SendUuids());
        }
    }

    /** Demotion without a running resync: write the bitmap out. */
    static void demotion(State os, State ns, List<Effect> out) {
        if (os.role() == PRIMARY && ns.role() == SECONDARY && ns.conn().le(CONNECTED)
                && hasLocalDisk(ns)) {
            out.add(new Effect.WriteBitmap("demote"));
        }
    }

    /** Entering StartingSyncS/T: full sync; the bitmap is durable before the resync starts. */
    static void startingSync(State os, State ns, List<Effect> out) {
        boolean enterT = os.conn() != STARTING_SYNC_T && ns.conn() == STARTING_SYNC_T;
        boolean enterS = os.conn() != STARTING_SYNC_S && ns.conn() == STARTING_SYNC_S;
        if (!enterT && !enterS) {
            return;
        }
        out.add(new Effect.SetAllBitmapBits());
        out.add(new Effect.WriteBitmap("set_n_write from StartingSync"));
        if (enterT) {
            out.add(new Effect.RequestConnState(WF_SYNC_UUID));
        } else {
            out.add(new Effect.StartResync(true));
        }
    }

    /**
     * Disk -> Failed: handler first (before the peer is told), then tell the peer, cancel the
     * resync and get the meta data to disk while it still can be.
     */
    static void diskFailed(State os, State ns, StateContext ctx, List<Effect> out) {
        if (os.disk() == FAILED || ns.disk() != FAILED) {
            return;
        }
        if (ctx.ioErrorPending() && ctx.onIoError() == OnIoError.CALL_LOCAL_IO_ERROR) {
            out.add(new Effect.RunHandler(HandlerName.LOCAL_IO_ERROR));
        }
        if (ns.conn().ge(CONNECTED)) {
            out.add(new Effect.SendState());
        }
        out.add(new Effect.CancelResync());
        out.add(new Effect.MdSync());
    }

    /** Resync/verify finished or an imposed pause lifted: dependent resyncs may go on. */
    static void resyncFinished(State os, State ns, List<Effect> out) {
        boolean finished = os.conn().gt(CONNECTED) && ns.conn().le(CONNECTED);
        boolean ispCleared = os.anyIsp() && !ns.anyIsp();
        if (finished || ispCleared) {
            out.add(new Effect.ResumeDependentResyncs());
        }
    }

    /** DRBD's get_ldev: a local disk of at least Inconsistent is attached. */
    static boolean hasLocalDisk(State s) {
        return s.disk().ge(INCONSISTENT);
    }
}
