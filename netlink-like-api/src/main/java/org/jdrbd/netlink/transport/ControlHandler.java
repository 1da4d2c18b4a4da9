package org.jdrbd.netlink.transport;

import org.jdrbd.netlink.msg.Request;

/**
 * The daemon side of the control protocol, independent of the transport. The transport decodes,
 * checks the request against the schema (RequestCheck) and calls {@link #handle}; a request the
 * codec refuses is answered by the transport itself and never reaches the handler. The handler
 * must not block: it answers through the sink, now or later, exactly once with
 * {@link ReplySink#reply}; STREAM commands (events2) send events first.
 */
@FunctionalInterface
public interface ControlHandler {

    /** Serves one request. */
    void handle(Request request, ReplySink sink);
}
