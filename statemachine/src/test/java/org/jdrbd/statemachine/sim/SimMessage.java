package org.jdrbd.statemachine.sim;

import java.util.Set;
import java.util.TreeSet;

import org.jdrbd.statemachine.PeerUuids;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChangeReply;
import org.jdrbd.statemachine.StateChangeRequest;

/** The packets the two simulated nodes exchange, named after DRBD's (fact sheet §6.3). */
sealed interface SimMessage {

    /** P_UUIDS + P_STATE at connection start: what the peer's handshake needs. */
    record UuidsAndState(PeerUuids uuids, State state) implements SimMessage {
    }

    /** P_UUIDS alone (a new current UUID while connected). */
    record Uuids(PeerUuids uuids) implements SimMessage {
    }

    /** P_STATE: the sender's state after a change. */
    record StateReport(State state) implements SimMessage {
    }

    /** P_BITMAP: the sender's out-of-sync blocks. */
    record Bitmap(Set<Integer> blocks) implements SimMessage {
        public Bitmap {
            blocks = java.util.Collections.unmodifiableSet(new TreeSet<>(blocks));
        }
    }

    /** P_SYNC_UUID. */
    record SyncUuid(long uuid) implements SimMessage {
    }

    /** P_DATA: an application write to replicate (protocol C: the peer acks after writing). */
    record Data(long writeId, int block, long version) implements SimMessage {
    }

    /** P_WRITE_ACK for a replicated write. */
    record DataAck(long writeId) implements SimMessage {
    }

    /** P_RS_DATA_REPLY: one block of resync data, pushed by the SyncSource. */
    record ResyncData(int block, long version) implements SimMessage {
    }

    /** The SyncTarget wrote a resync block. */
    record ResyncAck(int block) implements SimMessage {
    }

    /** The SyncSource has no out-of-sync block left: the resync is finished on both sides. */
    record ResyncDone() implements SimMessage {
    }

    /** P_STATE_CHG_REQ. */
    record StateChangeReq(StateChangeRequest request) implements SimMessage {
    }

    /** P_STATE_CHG_REPLY. */
    record StateChangeRep(StateChangeReply reply) implements SimMessage {
    }

    /** P_PING. */
    record Ping() implements SimMessage {
    }

    /** P_PING_ACK. */
    record PingAck() implements SimMessage {
    }
}
