package org.jdrbd.statemachine;

/**
 * A cluster-wide state change request to the peer (P_STATE_CHG_REQ / P_CONN_ST_CHG_REQ), in the
 * sender's view: the receiver converts mask and val to its own view (§1.5 convert_state) before
 * validating.
 *
 * @param requestId local correlation number; DRBD's packet has no id, so the transport attributes
 *                  a reply to the request outstanding on that connection when the reply arrives
 * @param mask the fields to change, in state-word layout
 * @param val the new values of those fields
 */
public record StateChangeRequest(long requestId, int mask, int val) {

    public StateChangeRequest {
        if (requestId <= 0) {
            throw new IllegalArgumentException("request ids start at 1: " + requestId);
        }
        if (mask == 0 || (mask & ~StateWord.ALL_BITS) != 0 || (val & ~mask) != 0) {
            throw new IllegalArgumentException(String.format(
                    "bad mask/val 0x%08x/0x%08x", mask, val));
        }
    }
}
