package org.jdrbd.netlink.transport;

import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;

/**
 * Where a handler sends the answer to one request. Thread-safe: a handler may answer from any
 * thread, later than {@link ControlHandler#handle} returns. Sends after the exchange ended are
 * dropped (return false).
 */
public interface ReplySink {

    /** Sends one event (STREAM commands); false when the client is gone or the reply was sent. */
    boolean event(EventRecord e);

    /** Sends the final reply with optional data tags; ends the exchange. Exactly once. */
    boolean reply(Result result, TagList data);

    /** True until the client disconnected or the reply was sent. */
    boolean isOpen();

    /** Runs the action once when the exchange ends (reply sent or client gone), e.g. unsubscribe. */
    void onClose(Runnable action);
}
