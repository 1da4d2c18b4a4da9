package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * The peer's answer to a {@link StateChangeRequest} (P_STATE_CHG_REPLY / P_CONN_ST_CHG_REPLY).
 *
 * @param requestId the request answered
 * @param rv the result of the change on the peer; any success code means "agreed"
 */
public record StateChangeReply(long requestId, StateRv rv) {

    public StateChangeReply {
        Objects.requireNonNull(rv, "rv");
    }

    /** Whether the peer agreed. */
    public boolean agreed() {
        return rv.isSuccess();
    }
}
