package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * One fence-peer handler run: the policy it ran under and the connection epoch it belongs to, so a
 * result that arrives after a reconnect can be recognised and dropped (fact sheet §5.2 step 5).
 *
 * @param policy the connection's effective fencing policy (resource-only or resource-and-stonith)
 * @param connectCount the connection epoch (DRBD's connect_cnt) when the handler was started
 */
public record FenceRun(FencingPolicy policy, long connectCount) {

    public FenceRun {
        Objects.requireNonNull(policy, "policy");
        if (!policy.atLeast(FencingPolicy.RESOURCE_ONLY)) {
            throw new IllegalArgumentException("fence-peer runs only with a fencing policy, not " + policy);
        }
    }

    /** The handler to run; argv is [helper, "fence-peer", resource name] (§5.4). */
    public HandlerName handler() {
        return HandlerName.FENCE_PEER;
    }
}
