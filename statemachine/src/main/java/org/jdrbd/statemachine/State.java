package org.jdrbd.statemachine;

import java.util.Objects;
import java.util.Optional;

/**
 * One volume's state as DRBD 8.4 keeps it ({@code union drbd_state}): immutable. The fact sheet's
 * rules are written against these fields; {@link Drbd9View} presents them in DRBD 9's vocabulary.
 *
 * @param role own role
 * @param peer the peer's role
 * @param conn connection state (8.4 numbering, sync states included)
 * @param disk own disk
 * @param pdsk the peer's disk
 * @param susp admin {@code suspend-io}
 * @param suspNod IO frozen because no data is accessible
 * @param suspFen IO frozen while the fence-peer handler runs
 * @param aftrIsp resync paused by a resync-after dependency
 * @param peerIsp resync paused by the peer
 * @param userIsp resync paused by the admin
 */
public record State(
        Role role,
        Role peer,
        ConnState conn,
        DiskState disk,
        DiskState pdsk,
        boolean susp,
        boolean suspNod,
        boolean suspFen,
        boolean aftrIsp,
        boolean peerIsp,
        boolean userIsp) {

    /** A freshly created, unconfigured volume: Secondary, StandAlone, Diskless. */
    public static final State INITIAL = new State(Role.SECONDARY, Role.UNKNOWN, ConnState.STANDALONE,
            DiskState.DISKLESS, DiskState.UNKNOWN, false, false, false, false, false, false);

    public State {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(pdsk, "pdsk");
    }

    /** Any of susp, susp_nod, susp_fen: application IO is frozen. */
    public boolean suspended() {
        return susp || suspNod || suspFen;
    }

    /** Any imposed sync pause (aftr_isp, peer_isp, user_isp). */
    public boolean anyIsp() {
        return aftrIsp || peerIsp || userIsp;
    }

    public State withRole(Role v) {
        return new State(v, peer, conn, disk, pdsk, susp, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withPeer(Role v) {
        return new State(role, v, conn, disk, pdsk, susp, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withConn(ConnState v) {
        return new State(role, peer, v, disk, pdsk, susp, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withDisk(DiskState v) {
        return new State(role, peer, conn, v, pdsk, susp, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withPdsk(DiskState v) {
        return new State(role, peer, conn, disk, v, susp, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withSusp(boolean v) {
        return new State(role, peer, conn, disk, pdsk, v, suspNod, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withSuspNod(boolean v) {
        return new State(role, peer, conn, disk, pdsk, susp, v, suspFen, aftrIsp, peerIsp, userIsp);
    }

    public State withSuspFen(boolean v) {
        return new State(role, peer, conn, disk, pdsk, susp, suspNod, v, aftrIsp, peerIsp, userIsp);
    }

    public State withAftrIsp(boolean v) {
        return new State(role, peer, conn, disk, pdsk, susp, suspNod, suspFen, v, peerIsp, userIsp);
    }

    public State withPeerIsp(boolean v) {
        return new State(role, peer, conn, disk, pdsk, susp, suspNod, suspFen, aftrIsp, v, userIsp);
    }

    public State withUserIsp(boolean v) {
        return new State(role, peer, conn, disk, pdsk, susp, suspNod, suspFen, aftrIsp, peerIsp, v);
    }

    /** The 32-bit state word of P_STATE and netlink (bit layout of fact sheet §1.5). */
    public int toWord() {
        return StateWord.encode(this);
    }

    /** Decodes a state word; empty when a field holds a value with no state (e.g. conn 24..31). */
    public static Optional<State> fromWord(int word) {
        return StateWord.decode(word);
    }

    /** DRBD's kernel log style: {@code role:Primary conn:Connected disk:UpToDate ...}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder()
                .append("role:").append(role)
                .append(" peer:").append(peer)
                .append(" conn:").append(conn)
                .append(" disk:").append(disk)
                .append(" pdsk:").append(pdsk);
        if (susp) {
            b.append(" susp");
        }
        if (suspNod) {
            b.append(" susp_nod");
        }
        if (suspFen) {
            b.append(" susp_fen");
        }
        if (aftrIsp) {
            b.append(" aftr_isp");
        }
        if (peerIsp) {
            b.append(" peer_isp");
        }
        if (userIsp) {
            b.append(" user_isp");
        }
        return b.toString();
    }
}
