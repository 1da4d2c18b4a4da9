package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import org.jdrbd.statemachine.HandlerName;

/**
 * How replication calls DRBD's handlers (the usermode helper, fact sheet §5.4). Implemented by
 * the engine, which knows the resource's minors, disks and addresses. The command that runs
 * comes only from this node's own configuration; replication only names the handler.
 */
public interface HelperCalls {

    /** Calls nothing and answers 0 at once (no helper configured, unit tests). */
    HelperCalls NONE = (handler, volume, connState) -> Future.succeededFuture(0);

    /**
     * Starts {@code handler} without blocking. The future completes on the resource's context
     * with the exit code drbdadm would pass on (0 when the handler is not configured).
     *
     * @param volume the volume of a device-level handler, -1 for a resource-level one
     * @param connState the connection state for DRBD_CSTATE
     */
    Future<Integer> call(HandlerName handler, int volume, String connState);
}
