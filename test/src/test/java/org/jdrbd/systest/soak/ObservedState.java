package org.jdrbd.systest.soak;

import java.util.Map;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Drbd9View;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;

/**
 * What one node's events2 stream says about resource r0 towards its one peer after a complete
 * snapshot: the DRBD 9 words as printed (null when the object is not there), and the same state
 * in DRBD 8.4 terms for the statemachine's rule tables.
 *
 * @param role resource role (Primary / Secondary)
 * @param connection connection state (StandAlone, Connecting, Connected, ...)
 * @param peerRole the connection's peer role
 * @param disk volume 0's disk state
 * @param replication the peer device's replication state (Off, Established, SyncSource, ...)
 * @param peerDisk the peer device's peer-disk state
 */
record ObservedState(String role, String connection, String peerRole, String disk,
        String replication, String peerDisk) {

    /** From the merged events2 objects (keys "resource", "connection", "device", "peer-device"). */
    static ObservedState of(Map<String, Map<String, String>> objects) {
        Map<String, String> res = objects.getOrDefault("resource", Map.of());
        Map<String, String> con = objects.getOrDefault("connection", Map.of());
        Map<String, String> dev = objects.getOrDefault("device", Map.of());
        Map<String, String> pd = objects.getOrDefault("peer-device", Map.of());
        return new ObservedState(res.get("role"), con.get("connection"), con.get("role"),
                dev.get("disk"), pd.get("replication"), pd.get("peer-disk"));
    }

    boolean primary() {
        return "Primary".equals(role);
    }

    /** Whether every field needed for the 8.4 view is present. */
    boolean complete() {
        return role != null && disk != null;
    }

    /**
     * The 8.4 state (conn from connection + replication, Drbd9View's inverse mapping); a missing
     * connection is StandAlone with an unknown peer. Throws IllegalArgumentException on a word
     * the statemachine does not know, or a replication state without a connection.
     */
    State toState() {
        ConnState conn = ConnState.STANDALONE;
        if (connection != null) {
            Drbd9View.Connection c = byName(Drbd9View.Connection.values(), connection);
            Drbd9View.Replication r = replication == null ? Drbd9View.Replication.OFF
                    : byName(Drbd9View.Replication.values(), replication);
            conn = Drbd9View.toConnState(c, r);
        }
        Role peer = peerRole == null ? Role.UNKNOWN : byName(Role.values(), peerRole);
        DiskState pdsk = peerDisk == null ? DiskState.UNKNOWN : byName(DiskState.values(), peerDisk);
        return new State(byName(Role.values(), role), peer, conn, byName(DiskState.values(), disk),
                pdsk, false, false, false, false, false, false);
    }

    private static <E extends Enum<E>> E byName(E[] values, String shown) {
        for (E e : values) {
            if (e.toString().equals(shown) || displayName(e).equals(shown)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown state word '" + shown + "'");
    }

    private static String displayName(Enum<?> e) {
        if (e instanceof Role r) {
            return r.displayName();
        } else if (e instanceof DiskState d) {
            return d.displayName();
        } else if (e instanceof Drbd9View.Connection c) {
            return c.displayName();
        } else if (e instanceof Drbd9View.Replication r) {
            return r.displayName();
        }
        return e.name();
    }

    @Override
    public String toString() {
        return "role:" + role + " connection:" + connection + " peer-role:" + peerRole + " disk:" + disk
                + " replication:" + replication + " peer-disk:" + peerDisk;
    }
}
