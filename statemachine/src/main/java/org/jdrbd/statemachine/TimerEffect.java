package org.jdrbd.statemachine;

import java.util.Objects;

/** What a connection's timers ask the daemon to do (output of {@link ConnectionTimers}). */
public sealed interface TimerEffect {

    /** Send P_PING on the meta socket. */
    record SendPing() implements TimerEffect {
    }

    /** Drop the connection: request {@code reason} (hard) and log {@code message}. */
    record ConnectionLost(ConnState reason, String message) implements TimerEffect {
        public ConnectionLost {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            if (!reason.isFailureReason()) {
                throw new IllegalArgumentException("not a disconnect reason: " + reason);
            }
        }
    }

    /** Make another connect/accept attempt. */
    record RetryConnect() implements TimerEffect {
    }

    /** Run one resync controller step (SyncTarget, every 100 ms). */
    record ResyncStep() implements TimerEffect {
    }

    /** A timeout passed without progress: {@code remaining} more before the peer is declared dead. */
    record KoCountDecremented(int remaining) implements TimerEffect {
    }
}
