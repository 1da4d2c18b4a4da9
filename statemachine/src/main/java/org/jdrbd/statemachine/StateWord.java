package org.jdrbd.statemachine;

import java.util.Optional;

/**
 * The 32-bit state word and DRBD's mask/value requests (fact sheet §1.5). Bits 23..31 are zero.
 */
public final class StateWord {
    public static final int ROLE_SHIFT = 0;
    public static final int PEER_SHIFT = 2;
    public static final int CONN_SHIFT = 4;
    public static final int DISK_SHIFT = 9;
    public static final int PDSK_SHIFT = 13;
    public static final int SUSP_BIT = 17;
    public static final int AFTR_ISP_BIT = 18;
    public static final int PEER_ISP_BIT = 19;
    public static final int USER_ISP_BIT = 20;
    public static final int SUSP_NOD_BIT = 21;
    public static final int SUSP_FEN_BIT = 22;

    /** Mask of the role field in place. */
    public static final int ROLE_MASK = 0x3 << ROLE_SHIFT;
    /** Mask of the peer role field in place. */
    public static final int PEER_MASK = 0x3 << PEER_SHIFT;
    /** Mask of the connection state field in place. */
    public static final int CONN_MASK = 0x1f << CONN_SHIFT;
    /** Mask of the disk field in place. */
    public static final int DISK_MASK = 0xf << DISK_SHIFT;
    /** Mask of the peer disk field in place. */
    public static final int PDSK_MASK = 0xf << PDSK_SHIFT;
    /** Every defined bit. */
    public static final int ALL_BITS = (1 << 23) - 1;

    private StateWord() {
    }

    static int encode(State s) {
        return s.role().code() << ROLE_SHIFT
                | s.peer().code() << PEER_SHIFT
                | s.conn().code() << CONN_SHIFT
                | s.disk().code() << DISK_SHIFT
                | s.pdsk().code() << PDSK_SHIFT
                | bit(s.susp(), SUSP_BIT)
                | bit(s.aftrIsp(), AFTR_ISP_BIT)
                | bit(s.peerIsp(), PEER_ISP_BIT)
                | bit(s.userIsp(), USER_ISP_BIT)
                | bit(s.suspNod(), SUSP_NOD_BIT)
                | bit(s.suspFen(), SUSP_FEN_BIT);
    }

    static Optional<State> decode(int w) {
        if ((w & ~ALL_BITS) != 0) {
            return Optional.empty();
        }
        Role role = Role.fromCode((w & ROLE_MASK) >>> ROLE_SHIFT);
        Role peer = Role.fromCode((w & PEER_MASK) >>> PEER_SHIFT);
        ConnState conn = ConnState.fromCode((w & CONN_MASK) >>> CONN_SHIFT);
        DiskState disk = DiskState.fromCode((w & DISK_MASK) >>> DISK_SHIFT);
        DiskState pdsk = DiskState.fromCode((w & PDSK_MASK) >>> PDSK_SHIFT);
        if (role == null || peer == null || conn == null || disk == null || pdsk == null) {
            return Optional.empty();
        }
        return Optional.of(new State(role, peer, conn, disk, pdsk,
                isSet(w, SUSP_BIT), isSet(w, SUSP_NOD_BIT), isSet(w, SUSP_FEN_BIT),
                isSet(w, AFTR_ISP_BIT), isSet(w, PEER_ISP_BIT), isSet(w, USER_ISP_BIT)));
    }

    /** DRBD's apply_mask_val: {@code (old & ~mask) | val}, decoded. */
    public static Optional<State> applyMaskVal(State old, int mask, int val) {
        return decode((encode(old) & ~mask) | (val & mask));
    }

    private static int bit(boolean on, int pos) {
        return on ? 1 << pos : 0;
    }

    private static boolean isSet(int w, int pos) {
        return (w & (1 << pos)) != 0;
    }
}
