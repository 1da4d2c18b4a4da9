package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import org.jdrbd.daemon.registry.StateRegistry;
import org.jdrbd.statemachine.StateRv;

/**
 * {@code drbdsetup verify RES PEER VOL [--start S] [--stop S]} on a connection (fact sheet
 * §9.2): the entry point the engine calls on the resource's context.
 */
public final class OnlineVerify {
    private OnlineVerify() {
    }

    /**
     * A verify request's outcome: the state change result (SS_*), or an error text when the
     * request could not be made at all.
     *
     * @param rv the VerifyS change's result; null with an error
     * @param error why nothing was tried; null when a change was proposed
     */
    public record Result(StateRv rv, String error) {
        /** Verify runs (started now, or already running with the new stop). */
        public boolean ok() {
            return error == null && rv != null && rv.isSuccess();
        }
    }

    /**
     * Starts online verify of {@code volume} towards the connection's peer, or sets a new stop
     * for a verify this node runs already.
     *
     * @param startSector --start in sectors (rounded down to 4 KiB), or -1: resume where the last
     *                    run stopped (kept in {@code registry} across restarts)
     * @param stopSector --stop in sectors, or -1: the end of the device
     * @param registry where progress is checkpointed; null for none
     */
    public static Future<Result> request(Connection c, int volume, long startSector, long stopSector,
            StateRegistry registry) {
        PeerDevice d = c.device(volume);
        if (d == null) {
            return Future.succeededFuture(new Result(null, "no volume " + volume));
        }
        return d.verify.request(startSector, stopSector, registry);
    }
}
