package org.jdrbd.daemon.control;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.transport.ReplySink;

/**
 * Writes one events2 stream to its client on a thread of its own: the sink's writes block while
 * the client does not read, and events are produced on resource event loops, which must never
 * wait for a client. The queue is bounded; a client that falls that far behind gets its stream
 * ended with an error instead of the daemon holding ever more events for it.
 */
final class EventPump {
    /** Events held for a client that does not read, at most. */
    static final int CAPACITY = 65_536;

    /** One thing to send, in order. */
    private sealed interface Item {
    }

    private record Event(EventRecord record) implements Item {
    }

    private record Reply(Result result) implements Item {
    }

    private record Stop() implements Item {
    }

    private final ReplySink sink;
    private final BlockingQueue<Item> queue;
    private final Thread thread;
    private volatile boolean overflowed;

    EventPump(ReplySink sink, int capacity) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity + 2);
        this.thread = new Thread(this::run, "events2-pump");
        this.thread.setDaemon(true);
    }

    /** Starts the writer thread. */
    EventPump start() {
        thread.start();
        return this;
    }

    /** Queues events without ever blocking; on overflow the stream ends with an error. */
    synchronized void send(List<EventRecord> events) {
        if (overflowed) {
            return;
        }
        for (EventRecord e : events) {
            if (queue.remainingCapacity() <= 2) {
                overflowed = true;
                queue.clear();
                queue.add(new Reply(Result.err(ErrCode.ERR_INVALID_REQUEST,
                        "events2: the client did not keep up; stream ended")));
                return;
            }
            queue.add(new Event(e));
        }
    }

    /** Queues the final reply after every queued event (events2 --now). */
    synchronized void finish(Result result) {
        if (!overflowed) {
            queue.add(new Reply(result));
        }
    }

    /** Ends the writer thread (the exchange is over); queued events are dropped. */
    void stop() {
        queue.clear();
        queue.offer(new Stop());
    }

    private void run() {
        try {
            while (true) {
                Item i = queue.take();
                if (i instanceof Event e) {
                    if (!sink.event(e.record())) {
                        return;
                    }
                } else if (i instanceof Reply r) {
                    sink.reply(r.result(), new TagList());
                    return;
                } else {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
