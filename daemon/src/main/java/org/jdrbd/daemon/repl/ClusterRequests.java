package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import org.jdrbd.daemon.wire.Packet;
import org.jdrbd.daemon.wire.PacketType;
import org.jdrbd.daemon.wire.Payload;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ClusterWidePredicate;
import org.jdrbd.statemachine.PeerRequestView;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.StateWord;

/**
 * Cluster-wide state changes of one connection (fact sheet §1.6): our requests to the peer with
 * P_STATE_CHG_REQ and its SS_ reply, and the peer's requests, converted to our view, validated
 * and applied here, then answered. One request of ours is out at a time.
 */
final class ClusterRequests {
    private final Connection conn;
    /** Our request waiting for the peer's reply, else null. */
    private Promise<StateRv> pending;

    ClusterRequests(Connection conn) {
        this.conn = conn;
    }

    /**
     * Asks the peer to approve {@code from -> to} of a volume and completes with its SS_ code.
     * Empty when there is nobody to ask (not connected); a connection lost while waiting fails
     * the future. Either way the caller then decides locally, as DRBD re-evaluates.
     */
    Future<Optional<StateRv>> request(int volume, State from, State to) {
        if (!conn.readyForRequests()) {
            return Future.succeededFuture(Optional.empty());
        }
        if (pending != null) {
            return Future.succeededFuture(Optional.of(StateRv.SS_CONCURRENT_ST_CHG));
        }
        PeerRequestView.Converted req = PeerRequestView.diff(from, to);
        Promise<StateRv> reply = Promise.promise();
        pending = reply;
        conn.info("asking the peer to approve {}", ClusterWidePredicate.reason(from, to)
                .orElse("a state change"));
        conn.send(new Packet(PacketType.P_STATE_CHG_REQ, volume, new Payload.StateChange(req.mask(), req.val())));
        return reply.future().map(Optional::of);
    }

    void onReply(Payload.StateChangeReply r) {
        Promise<StateRv> waiting = pending;
        if (waiting == null) {
            conn.protocolError("P_STATE_CHG_REPLY without a request");
            return;
        }
        pending = null;
        StateRv rv = StateRv.fromCode(r.retcode());
        waiting.complete(rv == null ? StateRv.SS_CW_FAILED_BY_PEER : rv);
    }

    /**
     * The peer asks us to approve its change: converted to our view, applied with full
     * validation, and our verdict sent back. While our own request is out, the node holding
     * RESOLVE_CONFLICTS refuses, so exactly one of two simultaneous requests wins.
     */
    void onRequest(Packet p) {
        Payload.StateChange req = (Payload.StateChange) p.payload();
        if (pending != null && conn.resolveConflicts) {
            reply(StateRv.SS_CONCURRENT_ST_CHG);
            return;
        }
        PeerDevice d = conn.device(p.volume());
        if (d == null) {
            conn.protocolError("P_STATE_CHG_REQ for unknown volume " + p.volume());
            return;
        }
        PeerRequestView.Converted mine = PeerRequestView.convert(req.mask(), req.val());
        PeerVolume v = d.volume;
        Optional<State> ns = StateWord.applyMaskVal(v.state(), mine.mask(), mine.val());
        if (ns.isEmpty()) {
            conn.protocolError(String.format("P_STATE_CHG_REQ with a bad state word 0x%08x/0x%08x",
                    req.mask(), req.val()));
            return;
        }
        Link ours = conn.meta;
        v.change(ns.get(), ChangeFlag.NONE).onComplete(ar -> {
            if (conn.meta != ours) {
                return;
            }
            StateRv rv = ar.succeeded() ? ar.result().rv() : StateRv.SS_UNKNOWN_ERROR;
            if (!rv.isSuccess()) {
                conn.info("refused the peer's state change: {}", rv.message());
            }
            reply(rv);
        });
    }

    /** The peer can no longer answer: a waiting requester re-evaluates locally. */
    void connectionLost() {
        Promise<StateRv> waiting = pending;
        pending = null;
        if (waiting != null) {
            waiting.fail("connection lost while the peer was asked");
        }
    }

    private void reply(StateRv rv) {
        conn.send(Packet.of(PacketType.P_STATE_CHG_REPLY, new Payload.StateChangeReply(rv.code())));
    }
}
