package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.FenceApply;
import org.jdrbd.statemachine.FenceRun;
import org.jdrbd.statemachine.FenceStart;
import org.jdrbd.statemachine.FenceVerdict;
import org.jdrbd.statemachine.FenceVolume;
import org.jdrbd.statemachine.Fencing;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.HandlerName;
import org.jdrbd.statemachine.IoFreeze;
import org.jdrbd.statemachine.IoThaw;
import org.jdrbd.statemachine.LogLine;
import org.jdrbd.statemachine.State;

/**
 * DRBD's fence-peer procedure for one connection (fact sheet §5.2, {@code conn_try_outdate_peer})
 * with the decisions taken by {@link Fencing}: run the handler without blocking the loop, map its
 * exit code, apply the answer only if no new connection came meanwhile (connection epoch), and
 * thaw IO frozen by resource-and-stonith once the peer is fenced (§5.3).
 */
final class Fencer {
    private final Connection conn;
    /** Connections made so far: a handler's answer from an older one is ignored. */
    private long connectCount;
    private Future<Boolean> running;

    Fencer(Connection conn) {
        this.conn = conn;
    }

    /** A new connection (sockets paired). */
    void connected() {
        connectCount++;
    }

    /** The connection is gone: fence when a Primary may have lost a peer with good data. */
    void afterConnectionLoss() {
        if (Fencing.shouldFenceAfterConnectionLoss(volumes())) {
            fence();
        }
    }

    /**
     * Runs the procedure (or joins the run in progress); the future tells whether the peer is
     * fenced (its disk at most Outdated) afterwards.
     */
    Future<Boolean> fence() {
        if (running != null) {
            return running;
        }
        FenceStart start = Fencing.begin(connState(), connectCount, volumes());
        if (start instanceof FenceStart.RunHandler run) {
            Future<Boolean> mine = runHandler(run.run());
            if (!mine.isComplete()) {
                running = mine;
                mine.onComplete(x -> running = null);
            }
            return mine;
        }
        if (start instanceof FenceStart.NotDisconnected nd) {
            conn.warn("{}", nd.message());
        } else if (start instanceof FenceStart.NotConsistent) {
            conn.info("{}", FenceStart.NotConsistent.MESSAGE);
            return clearSuspFen().map(false);
        }
        return Future.succeededFuture(((FenceStart.Done) start).peerFenced());
    }

    private Future<Boolean> runHandler(FenceRun run) {
        conn.info("fence-peer: calling the handler (fencing {})", run.policy().configName());
        return conn.helpers.call(HandlerName.FENCE_PEER, -1, connState().displayName())
                .transform(ar -> {
                    FenceVerdict verdict = ar.succeeded()
                            ? Fencing.interpret(run, ar.result(), volumes())
                            : Fencing.interpretExecFailure(run, volumes());
                    verdict.log().forEach(this::log);
                    return apply(run, verdict);
                });
    }

    private Future<Boolean> apply(FenceRun run, FenceVerdict verdict) {
        FenceApply a = Fencing.applyIfCurrent(run, verdict, connState(), stateSent(), connectCount);
        Future<Void> changed = Future.succeededFuture();
        if (a instanceof FenceApply.Apply apply) {
            for (PeerVolume v : conn.volumesNow()) {
                changed = changed.compose(x -> v.change(apply.change().applyTo(v.state()),
                        ChangeFlag.NONE).mapEmpty());
            }
        } else if (a instanceof FenceApply.Ignored ignored) {
            conn.warn("{} ({})", FenceApply.Ignored.MESSAGE, ignored.reason());
        }
        return changed.compose(x -> {
            boolean fenced = Fencing.peerFenced(verdict, volumes());
            if (!fenced) {
                if (verdict.broken()) {
                    conn.warn("fence-peer failed: IO stays frozen until resume-io or a reconnect");
                }
                return Future.succeededFuture(false);
            }
            return thaw().map(true);
        });
    }

    /** Thaw case 1 (§5.3): new current UUIDs owed, then susp_fen cleared. */
    private Future<Void> thaw() {
        Optional<IoThaw> t = IoFreeze.afterFencing(volumes());
        if (t.isEmpty()) {
            return Future.succeededFuture();
        }
        IoThaw thaw = t.get();
        Future<Void> chain = Future.succeededFuture();
        for (PeerVolume v : conn.volumesNow()) {
            chain = chain.compose(x -> thaw.newCurrentUuidVolumes().contains(v.number())
                    ? v.newCurrentUuidOwed() : Future.succeededFuture());
            chain = chain.compose(x -> {
                State next = thaw.applyTo(v.state());
                return next.equals(v.state()) ? Future.succeededFuture()
                        : v.change(next, ChangeFlag.FORCED).mapEmpty();
            });
        }
        return chain;
    }

    private Future<Void> clearSuspFen() {
        Future<Void> chain = Future.succeededFuture();
        for (PeerVolume v : conn.volumesNow()) {
            chain = chain.compose(x -> v.state().suspFen()
                    ? v.change(v.state().withSuspFen(false), ChangeFlag.FORCED).mapEmpty()
                    : Future.succeededFuture());
        }
        return chain;
    }

    /** unfence-peer after a resync when fencing is on and every volume is UpToDate on both sides. */
    void afterResync() {
        List<FenceVolume> vs = volumes();
        boolean fencingOn = vs.stream().anyMatch(v -> v.policy().atLeast(FencingPolicy.RESOURCE_ONLY));
        boolean allUpToDate = vs.stream().allMatch(v -> v.state().disk() == DiskState.UP_TO_DATE
                && v.state().pdsk() == DiskState.UP_TO_DATE);
        if (fencingOn && allUpToDate) {
            conn.helpers.call(HandlerName.UNFENCE_PEER, -1, connState().displayName());
        }
    }

    private List<FenceVolume> volumes() {
        List<FenceVolume> out = new ArrayList<>();
        for (PeerVolume v : conn.volumesNow()) {
            out.add(new FenceVolume(v.number(), v.state(), v.ctx().fencing(), v.ctx().newCurUuidPending()));
        }
        return out;
    }

    private ConnState connState() {
        ConnState c = ConnState.STANDALONE;
        for (PeerVolume v : conn.volumesNow()) {
            c = v.state().conn().ge(c) ? v.state().conn() : c;
        }
        return c;
    }

    private boolean stateSent() {
        return conn.volumesNow().stream().anyMatch(v -> v.ctx().stateSent());
    }

    private void log(LogLine l) {
        if (l.level() == LogLine.Level.INFO) {
            conn.info("{}", l.text());
        } else {
            conn.warn("{}", l.text());
        }
    }
}
