package org.jdrbd.daemon.wire;

/** Which of the two TCP connections a packet travels on (fact sheet §6.2/§6.3). */
public enum Channel {
    /** The data socket: writes, requests, parameters, bitmaps. */
    DATA,
    /** The meta socket: acks, pings, state-change replies. */
    META,
    /** Allowed on either socket (only P_DELAY_PROBE). */
    BOTH,
    /** Not a packet any more: refused on both sockets. */
    NONE;

    /** True when a packet of this kind may arrive on {@code socket}. */
    public boolean allows(Channel socket) {
        return this == BOTH ? socket != NONE : this == socket && this != NONE;
    }
}
