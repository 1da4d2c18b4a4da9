package org.jdrbd.statemachine;

import java.util.Objects;

/** What happens to a connection, as its timers need to know (input of {@link ConnectionTimers}). */
public sealed interface TimerEvent {

    /** 100 ms passed. */
    record Tick() implements TimerEvent {
    }

    /** Entered Unconnected/WFConnection; the caller made the first connect attempt itself. */
    record StartConnecting() implements TimerEvent {
    }

    /** A connect/accept attempt failed; the next one follows connect-int later. */
    record ConnectAttemptFailed() implements TimerEvent {
    }

    /** Both sockets are up (WFReportParams): keep-alive and timeouts start. */
    record ConnectionEstablished() implements TimerEvent {
    }

    /** The connection is gone or configured away (StandAlone, or cleanup before reconnecting). */
    record ConnectionClosed() implements TimerEvent {
    }

    /** Any packet arrived on either socket: the peer is alive. */
    record PacketReceived() implements TimerEvent {
    }

    /** The peer answered our P_PING. */
    record PingAckReceived() implements TimerEvent {
    }

    /** Some code wants the peer's liveness checked now (DRBD's SEND_PING request). */
    record PingRequested() implements TimerEvent {
    }

    /** A request that the peer must acknowledge was sent (write, barrier, resync request). */
    record RequestSent() implements TimerEvent {
    }

    /** The peer acknowledged one outstanding request. */
    record RequestAcked() implements TimerEvent {
    }

    /** Resync as SyncTarget is running (not paused): the controller steps every tick. */
    record ResyncRunning(boolean running) implements TimerEvent {
    }

    /** Net options changed at runtime. */
    record ConfigChanged(TimerConfig config) implements TimerEvent {
        public ConfigChanged {
            Objects.requireNonNull(config, "config");
        }
    }
}
