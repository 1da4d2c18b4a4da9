package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateRv;
import org.jdrbd.statemachine.Transition;

/**
 * {@code disconnect} of an established connection, as DRBD does it (roadmap item 18): going to
 * Disconnecting is a cluster-wide change, so the peer sees TearDown instead of a broken socket.
 * <ul>
 *   <li>Our own rules may refuse it with SS_PRIMARY_NOP (a Primary under a fencing policy may not
 *       lose a peer whose disk could still be good): we ask again with the peer's disk Outdated,
 *       and the peer outdates itself in the same step.</li>
 *   <li>The peer may refuse it (it is that Primary): we ask again with our own disk Outdated;
 *       without a disk good enough to outdate we disconnect hard.</li>
 * </ul>
 * Volumes are handled one after the other, each with its own request. Any other refusal is the
 * answer to the administrator; {@code --force} skips all of this.
 */
final class GracefulDisconnect {
    /** How often a request that met the peer's own concurrent change is repeated. */
    private static final int CONCURRENT_RETRIES = 3;
    /** Pause before such a repeat: the peer's change needs a round trip to settle. */
    private static final long CONCURRENT_RETRY_MS = 100;

    private final Connection conn;
    private final Vertx vertx;

    GracefulDisconnect(Connection conn, Vertx vertx) {
        this.conn = conn;
        this.vertx = vertx;
    }

    /** Takes every volume to Disconnecting; completes with the first refusal, else success. */
    Future<StateRv> run(List<PeerVolume> volumes) {
        Future<StateRv> chain = Future.succeededFuture(StateRv.SS_SUCCESS);
        for (PeerVolume v : volumes) {
            chain = chain.compose(rv -> rv.isSuccess() ? volume(v) : Future.succeededFuture(rv));
        }
        return chain;
    }

    private Future<StateRv> volume(PeerVolume v) {
        boolean outdatePeer = check(v, disconnecting(v, false, false)) == StateRv.SS_PRIMARY_NOP;
        StateRv local = check(v, disconnecting(v, outdatePeer, false));
        if (!local.isSuccess()) {
            return Future.succeededFuture(local);
        }
        if (outdatePeer) {
            conn.info("outdating the peer's disk with the disconnect (we are Primary and fence)");
        }
        return ask(v, disconnecting(v, outdatePeer, false), CONCURRENT_RETRIES).compose(rv -> {
            if (rv.isSuccess()) {
                return commit(v, disconnecting(v, outdatePeer, false));
            }
            // The peer wants to see us outdated (it is a Primary that fences).
            StateRv self = check(v, disconnecting(v, false, true));
            if (self == StateRv.SS_IS_DISKLESS || self == StateRv.SS_LOWER_THAN_OUTDATED) {
                return commit(v, disconnecting(v, false, false));
            }
            if (!self.isSuccess()) {
                return Future.succeededFuture(self);
            }
            conn.info("the peer refused the disconnect ({}); outdating our disk with it", rv.message());
            return ask(v, disconnecting(v, false, true), CONCURRENT_RETRIES).compose(again -> again.isSuccess()
                    ? commit(v, disconnecting(v, false, true))
                    : Future.succeededFuture(StateRv.SS_CW_FAILED_BY_PEER));
        });
    }

    /** The current state going Disconnecting, with the peer's or our own disk Outdated. */
    private static State disconnecting(PeerVolume v, boolean outdatePeer, boolean outdateSelf) {
        State ns = v.state().withConn(ConnState.DISCONNECTING);
        if (outdatePeer) {
            ns = ns.withPdsk(DiskState.OUTDATED);
        }
        return outdateSelf ? ns.withDisk(DiskState.OUTDATED) : ns;
    }

    private static StateRv check(PeerVolume v, State ns) {
        return StateChange.propose(v.state(), ns, v.ctx(), ChangeFlag.NONE).rv();
    }

    /** The peer's verdict; nobody to ask (connection gone) counts as approval, as in DRBD. */
    private Future<StateRv> ask(PeerVolume v, State ns, int retries) {
        return conn.requestClusterWide(v.number(), v.state(), ns).transform(ar -> {
            Optional<StateRv> peer = ar.succeeded() ? ar.result() : Optional.empty();
            if (peer.isEmpty() || peer.get().isSuccess()) {
                return Future.succeededFuture(StateRv.SS_SUCCESS);
            }
            if (peer.get() == StateRv.SS_CONCURRENT_ST_CHG && retries > 0) {
                Promise<StateRv> later = Promise.promise();
                vertx.setTimer(CONCURRENT_RETRY_MS, t -> ask(v, ns, retries - 1).onComplete(later));
                return later.future();
            }
            return Future.succeededFuture(peer.get());
        });
    }

    private static Future<StateRv> commit(PeerVolume v, State ns) {
        return v.change(ns, ChangeFlag.FORCED).map(Transition::rv);
    }
}
