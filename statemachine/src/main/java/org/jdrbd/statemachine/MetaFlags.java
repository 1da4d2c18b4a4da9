package org.jdrbd.statemachine;

/**
 * The superblock's MDF_* flag bits (drbd-utils-interface.md §4.4, v08 semantics, which 8.4 uses)
 * and the part of them a committed state determines (fact sheet §2.6 step 4).
 */
public final class MetaFlags {
    /** Data on disk is consistent. */
    public static final int MDF_CONSISTENT = 0x001;
    /** The node was Primary (or a diskless peer was): used by crash recovery and the handshake. */
    public static final int MDF_PRIMARY_IND = 0x002;
    /** The node was connected. */
    public static final int MDF_CONNECTED_IND = 0x004;
    /** A full sync is due. */
    public static final int MDF_FULL_SYNC = 0x008;
    /** The disk was UpToDate (or Consistent) at some point. */
    public static final int MDF_WAS_UP_TO_DATE = 0x010;
    /** The peer's disk is known to be Inconsistent or Outdated. */
    public static final int MDF_PEER_OUT_DATED = 0x020;
    /** The node crashed while Primary. */
    public static final int MDF_CRASHED_PRIMARY = 0x040;
    /** The activity log was cleanly shut down. */
    public static final int MDF_AL_CLEAN = 0x080;
    /** The activity log is disabled. */
    public static final int MDF_AL_DISABLED = 0x100;

    /** The bits §2.6 step 4 recomputes on every committed change; the others are kept. */
    public static final int STATE_DERIVED = MDF_CONSISTENT | MDF_PRIMARY_IND | MDF_CONNECTED_IND
            | MDF_WAS_UP_TO_DATE | MDF_PEER_OUT_DATED | MDF_CRASHED_PRIMARY;

    private MetaFlags() {
    }

    /**
     * The state-derived bits for a committed state.
     *
     * @param ns the committed state
     * @param crashedPrimary the in-core CRASHED_PRIMARY flag (mirrored, not derived)
     */
    public static int derive(State ns, boolean crashedPrimary) {
        int f = 0;
        // A diskless peer that is Primary writes through us: our disk holds its latest data.
        if (ns.role() == Role.PRIMARY
                || (ns.pdsk().lt(DiskState.INCONSISTENT) && ns.peer() == Role.PRIMARY)) {
            f |= MDF_PRIMARY_IND;
        }
        if (ns.conn().gt(ConnState.WF_REPORT_PARAMS)) {
            f |= MDF_CONNECTED_IND;
        }
        if (ns.disk().gt(DiskState.INCONSISTENT)) {
            f |= MDF_CONSISTENT;
        }
        if (ns.disk().gt(DiskState.OUTDATED)) {
            f |= MDF_WAS_UP_TO_DATE;
        }
        if (ns.pdsk().ge(DiskState.INCONSISTENT) && ns.pdsk().le(DiskState.OUTDATED)) {
            f |= MDF_PEER_OUT_DATED;
        }
        if (crashedPrimary) {
            f |= MDF_CRASHED_PRIMARY;
        }
        return f;
    }

    /** The §2.6 step 4 update as an effect. */
    public static Effect.UpdateMetaFlags update(State ns, boolean crashedPrimary) {
        return new Effect.UpdateMetaFlags(derive(ns, crashedPrimary), STATE_DERIVED);
    }

    /** Human-readable names of the set bits, e.g. "CONSISTENT|WAS_UP_TO_DATE". */
    public static String describe(int flags) {
        String[] names = {"CONSISTENT", "PRIMARY_IND", "CONNECTED_IND", "FULL_SYNC",
            "WAS_UP_TO_DATE", "PEER_OUT_DATED", "CRASHED_PRIMARY", "AL_CLEAN", "AL_DISABLED"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((flags & (1 << i)) != 0) {
                b.append(b.length() == 0 ? "" : "|").append(names[i]);
            }
        }
        int unknown = flags & ~((1 << names.length) - 1);
        if (unknown != 0) {
            b.append(b.length() == 0 ? "" : "|").append("0x").append(Integer.toHexString(unknown));
        }
        return b.toString();
    }
}
