package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One connection's timers as a pure state machine driven by {@link TimerEvent}s: time only moves
 * on {@link TimerEvent.Tick} (100 ms, see {@link Tick}). Instances are immutable; {@link #step}
 * returns the next instance and the effects in the order they must run. Semantics (§7.3, §9.3):
 * <ul>
 *   <li>connect-int: while connecting, a retry every connect-int seconds since the last attempt;</li>
 *   <li>ping-int: after ping-int seconds with nothing received on either socket, send P_PING;</li>
 *   <li>ping-timeout: P_PING outstanding and nothing received for ping-timeout tenths: the peer is
 *       gone (NetworkFailure, "PingAck did not arrive in time."). Any packet counts as a sign of
 *       life and restarts the wait, as DRBD does when the data socket received meanwhile;</li>
 *   <li>timeout / ko-count: while requests wait for acks, every {@code timeout} tenths without an
 *       ack costs one ko step and requests a ping; the last step declares the peer dead (Timeout).
 *       An ack restores the full ko-count. So a silent peer is dropped after ko-count x timeout
 *       (42 s by default), DRBD's request-timer bound. With ko-count 0 a timeout only asks for a
 *       ping and ping-timeout decides;</li>
 *   <li>resync: one controller step per tick while running as SyncTarget.</li>
 * </ul>
 */
public final class ConnectionTimers {

    /** Which timers run. */
    public enum Phase {
        /** No connection attempt: nothing runs. */
        IDLE,
        /** Unconnected/WFConnection: only connect-int. */
        CONNECTING,
        /** WFReportParams and above: keep-alive, timeouts, resync steps. */
        CONNECTED
    }

    /** The log line for a missed ping ack (DRBD's wording). */
    public static final String PING_ACK_LATE = "PingAck did not arrive in time.";

    private TimerConfig config;
    private Phase phase;
    private int connectWaitTicks;
    private int idleTicks;
    private boolean pingOutstanding;
    private int pingWaitTicks;
    private int outstandingRequests;
    private int ackWaitTicks;
    private int koRemaining;
    private boolean resyncRunning;

    private ConnectionTimers(TimerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.phase = Phase.IDLE;
        this.koRemaining = config.koCount();
    }

    /** Timers of a connection that is not trying to connect. */
    public static ConnectionTimers idle(TimerConfig config) {
        return new ConnectionTimers(config);
    }

    /** One step: the next timers and the effects to run, in order. */
    public record Step(ConnectionTimers next, List<TimerEffect> effects) {
        public Step {
            Objects.requireNonNull(next, "next");
            effects = List.copyOf(effects);
        }
    }

    /** Feeds one event. */
    public Step step(TimerEvent event) {
        Objects.requireNonNull(event, "event");
        ConnectionTimers n = copy();
        List<TimerEffect> out = new ArrayList<>();
        if (event instanceof TimerEvent.Tick) {
            n.onTick(out);
        } else if (event instanceof TimerEvent.StartConnecting) {
            n.reset(Phase.CONNECTING);
        } else if (event instanceof TimerEvent.ConnectAttemptFailed) {
            n.connectWaitTicks = 0;
        } else if (event instanceof TimerEvent.ConnectionEstablished) {
            n.reset(Phase.CONNECTED);
        } else if (event instanceof TimerEvent.ConnectionClosed) {
            n.reset(Phase.IDLE);
        } else if (event instanceof TimerEvent.PacketReceived) {
            n.idleTicks = 0;
            n.pingWaitTicks = 0;
        } else if (event instanceof TimerEvent.PingAckReceived) {
            n.idleTicks = 0;
            n.pingOutstanding = false;
            n.pingWaitTicks = 0;
        } else if (event instanceof TimerEvent.PingRequested) {
            n.requestPing(out);
        } else if (event instanceof TimerEvent.RequestSent) {
            n.onRequestSent();
        } else if (event instanceof TimerEvent.RequestAcked) {
            n.onRequestAcked();
        } else if (event instanceof TimerEvent.ResyncRunning r) {
            n.resyncRunning = r.running();
        } else if (event instanceof TimerEvent.ConfigChanged c) {
            n.config = c.config();
            n.koRemaining = Math.min(n.koRemaining, c.config().koCount());
        } else {
            throw new IllegalStateException("unhandled timer event " + event);
        }
        return new Step(n, out);
    }

    public TimerConfig config() {
        return config;
    }

    public Phase phase() {
        return phase;
    }

    /** Whether a P_PING waits for its ack. */
    public boolean pingOutstanding() {
        return pingOutstanding;
    }

    /** Requests sent and not yet acknowledged. */
    public int outstandingRequests() {
        return outstandingRequests;
    }

    /** ko steps left before the peer is declared dead. */
    public int koRemaining() {
        return koRemaining;
    }

    private void onTick(List<TimerEffect> out) {
        switch (phase) {
            case IDLE:
                return;
            case CONNECTING:
                if (++connectWaitTicks >= config.connectIntTicks()) {
                    connectWaitTicks = 0;
                    out.add(new TimerEffect.RetryConnect());
                }
                return;
            case CONNECTED:
                onConnectedTick(out);
                return;
            default:
                throw new IllegalStateException("unhandled phase " + phase);
        }
    }

    private void onConnectedTick(List<TimerEffect> out) {
        if (pingOutstanding && ++pingWaitTicks >= config.pingTimeoutTicks()) {
            lose(out, ConnState.NETWORK_FAILURE, PING_ACK_LATE);
            return;
        }
        if (outstandingRequests > 0 && ++ackWaitTicks >= config.timeoutTicks()) {
            ackWaitTicks = 0;
            if (config.koCount() > 0) {
                koRemaining--;
                if (koRemaining <= 0) {
                    lose(out, ConnState.TIMEOUT, "peer did not answer for ko-count x timeout ("
                            + config.koCount() + " x " + config.timeoutTenths() + " tenths)");
                    return;
                }
                out.add(new TimerEffect.KoCountDecremented(koRemaining));
            }
            requestPing(out);
        }
        if (!pingOutstanding && ++idleTicks >= config.pingIntTicks()) {
            requestPing(out);
        }
        if (resyncRunning) {
            out.add(new TimerEffect.ResyncStep());
        }
    }

    private void requestPing(List<TimerEffect> out) {
        if (phase != Phase.CONNECTED || pingOutstanding) {
            return;
        }
        pingOutstanding = true;
        pingWaitTicks = 0;
        idleTicks = 0;
        out.add(new TimerEffect.SendPing());
    }

    private void onRequestSent() {
        if (phase != Phase.CONNECTED) {
            return;
        }
        if (outstandingRequests == 0) {
            ackWaitTicks = 0;
        }
        outstandingRequests++;
    }

    private void onRequestAcked() {
        if (outstandingRequests == 0) {
            return; // an ack we do not count (e.g. from before a reconnect): no progress to credit
        }
        outstandingRequests--;
        ackWaitTicks = 0;
        koRemaining = config.koCount();
    }

    private void lose(List<TimerEffect> out, ConnState reason, String message) {
        out.add(new TimerEffect.ConnectionLost(reason, message));
        // Until the caller reports the new connection state, no timer may fire a second time.
        reset(Phase.IDLE);
    }

    private void reset(Phase p) {
        phase = p;
        connectWaitTicks = 0;
        idleTicks = 0;
        pingOutstanding = false;
        pingWaitTicks = 0;
        outstandingRequests = 0;
        ackWaitTicks = 0;
        koRemaining = config.koCount();
        resyncRunning = false;
    }

    private ConnectionTimers copy() {
        ConnectionTimers c = new ConnectionTimers(config);
        c.phase = phase;
        c.connectWaitTicks = connectWaitTicks;
        c.idleTicks = idleTicks;
        c.pingOutstanding = pingOutstanding;
        c.pingWaitTicks = pingWaitTicks;
        c.outstandingRequests = outstandingRequests;
        c.ackWaitTicks = ackWaitTicks;
        c.koRemaining = koRemaining;
        c.resyncRunning = resyncRunning;
        return c;
    }

    @Override
    public String toString() {
        return "ConnectionTimers[" + phase + " idle=" + idleTicks + " ping=" + pingOutstanding + "/" + pingWaitTicks
                + " out=" + outstandingRequests + " ackWait=" + ackWaitTicks + " ko=" + koRemaining
                + " resync=" + resyncRunning + "]";
    }
}
