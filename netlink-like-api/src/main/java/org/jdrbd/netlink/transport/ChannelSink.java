package org.jdrbd.netlink.transport;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;

/** A {@link ReplySink} writing frames to a blocking channel (SocketServer). */
final class ChannelSink implements ReplySink {
    private final WritableByteChannel channel;
    private final Header request;
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean open = true;
    private boolean ended;
    private volatile boolean writeFailed;

    ChannelSink(WritableByteChannel channel, Header request) {
        this.channel = channel;
        this.request = request;
    }

    @Override
    public boolean event(EventRecord e) {
        boolean sent;
        synchronized (this) {
            sent = open && write(ServerProtocol.eventBytes(request, e));
        }
        if (!sent) {
            close();
        }
        return sent;
    }

    @Override
    public boolean reply(Result result, TagList data) {
        synchronized (this) {
            if (!open) {
                return false;
            }
            write(ServerProtocol.replyBytes(request, result, data));
        }
        close();
        return !writeFailed;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    @Override
    public void onClose(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = ended;
            if (!runNow) {
                onClose.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
    }

    /** Ends the exchange (reply sent or client gone) and runs the close actions once. */
    void close() {
        List<Runnable> actions;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            open = false;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        actions.forEach(Runnable::run);
        done.countDown();
    }

    /** Waits for the reply; false when writing it failed (the connection is broken). */
    boolean awaitDone() {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !writeFailed;
    }

    private boolean write(byte[] bytes) {
        try {
            Framing.write(channel, bytes);
            return true;
        } catch (IOException e) {
            writeFailed = true;
            open = false;
            return false;
        }
    }
}
