package org.jdrbd.daemon.nbd;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.lang.System.Logger.Level;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * One client connection. Owned by the event-loop context it was accepted on: every field is
 * touched only there (asserted), so there are no locks. Flow control: reading from the socket
 * pauses while the connection has its maximum of requests or payload bytes in flight, or while
 * the socket's write queue is full; every queue is therefore bounded.
 */
final class NbdConnection {

    private static final System.Logger LOG = System.getLogger(NbdConnection.class.getName());

    private final NetSocket socket;
    private final Context context;
    private final ExportRegistry exports;
    private final NbdServerOptions options;
    private final Runnable onClosed;
    private final InputQueue in = new InputQueue();
    private Phase phase;
    private int inFlightRequests;
    private long inFlightBytes;
    private boolean paused;
    private boolean closed;
    private boolean disconnectWhenIdle;

    NbdConnection(NetSocket socket, ExportRegistry exports, NbdServerOptions options,
            Runnable onClosed) {
        this.socket = socket;
        this.context = Vertx.currentContext();
        this.exports = exports;
        this.options = options;
        this.onClosed = onClosed;
        assert context != null && context.isEventLoopContext() : "accept outside an event loop";
    }

    void start() {
        socket.handler(this::onData);
        socket.drainHandler(v -> drive());
        socket.exceptionHandler(e -> close("socket error: " + e.getMessage()));
        socket.closeHandler(v -> {
            closed = true;
            onClosed.run();
        });
        phase = new Negotiation(this);
        send(Replies.greeting());
    }

    ExportRegistry exports() {
        return exports;
    }

    NbdServerOptions options() {
        return options;
    }

    private void onData(Buffer chunk) {
        assertOnContext();
        if (closed) {
            return;
        }
        in.append(chunk);
        drive();
    }

    /**
     * Parses as much as the received bytes and the in-flight bounds allow. An unexpected failure
     * while handling a request (a bug, or classes missing after the jars were replaced under a
     * running daemon) closes this connection: the client sees the connection end instead of
     * waiting forever for a reply that will never come.
     */
    private void drive() {
        try {
            while (!closed && phase.step(in)) {
                // Each step handles one unit; the loop stops when a phase needs bytes or room.
            }
            in.compact();
            updateFlow();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.ERROR, "{0}: closing after an unexpected failure: {1}",
                    socket.remoteAddress(), e.toString());
            close("unexpected failure: " + e);
        }
    }

    private void updateFlow() {
        boolean stop = !closed && (!canAdmit() || disconnectWhenIdle);
        if (stop && !paused) {
            paused = true;
            socket.pause();
        } else if (!stop && paused) {
            paused = false;
            socket.resume();
        }
    }

    void startTransmission(ExportSession session) {
        LOG.log(Level.DEBUG, "{0}: transmission on export ''{1}'' flags 0x{2}", socket.remoteAddress(),
                session.export().name(), Integer.toHexString(session.transmissionFlags()));
        phase = new Transmission(this, session);
    }

    /** Whether one more request may start now. */
    boolean canAdmit() {
        return inFlightRequests < options.maxInFlightRequests()
                && inFlightBytes < options.maxInFlightBytes()
                && !socket.writeQueueFull();
    }

    void admit(long payloadBytes) {
        inFlightRequests++;
        inFlightBytes += payloadBytes;
    }

    /** A request finished; parsing may go on (bytes may be waiting in the input queue). */
    void release(long payloadBytes) {
        assertOnContext();
        inFlightRequests--;
        inFlightBytes -= payloadBytes;
        assert inFlightRequests >= 0 && inFlightBytes >= 0 : "in-flight accounting broke";
        if (closed) {
            return;
        }
        if (disconnectWhenIdle && inFlightRequests == 0) {
            end("client disconnected (NBD_CMD_DISC)");
            return;
        }
        drive();
    }

    /** NBD_CMD_DISC: answer what is in flight, then close. */
    void disconnectWhenIdle() {
        disconnectWhenIdle = true;
        if (inFlightRequests == 0) {
            end("client disconnected (NBD_CMD_DISC)");
        }
    }

    void onContext(Runnable action) {
        context.runOnContext(v -> action.run());
    }

    void send(Buffer data) {
        if (!closed) {
            socket.write(data);
        }
    }

    void clientMistake(NbdRequest request, int errno) {
        LOG.log(Level.DEBUG, "{0}: refused {1} with errno {2}", socket.remoteAddress(), request, errno);
    }

    void backendError(NbdRequest request, IoOutcome outcome) {
        LOG.log(Level.WARNING, "{0}: {1} failed: {2}", socket.remoteAddress(), request, outcome);
    }

    /** Ends the connection after the queued replies went out. */
    void end(String why) {
        if (!closed) {
            LOG.log(Level.DEBUG, "{0}: closing: {1}", socket.remoteAddress(), why);
            closed = true;
            socket.end();
        }
    }

    /** Drops the connection (protocol violation or server shutdown). */
    void close(String why) {
        if (!closed) {
            LOG.log(Level.DEBUG, "{0}: dropping: {1}", socket.remoteAddress(), why);
            closed = true;
            socket.close();
        }
    }

    /** {@link #close} from a thread other than the connection's own. */
    void closeFromAnyThread(String why) {
        onContext(() -> close(why));
    }

    private void assertOnContext() {
        assert Vertx.currentContext() == context : "connection used off its context";
    }
}
