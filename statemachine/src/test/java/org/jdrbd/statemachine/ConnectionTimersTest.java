package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: one connection's timers fed with explicit tick counts (1 tick = 100 ms) and packet
 * events: idle keep-alive, a missing ping ack, a peer that stops acknowledging requests, connect
 * retries, resync steps.
 * Expectation: P_PING after exactly ping-int seconds of silence; NetworkFailure exactly
 * ping-timeout tenths after the ping; one ko step per `timeout` without acks and Timeout at
 * ko-count x timeout; a connect retry every connect-int seconds; one resync step per tick.
 * Why: these bounds decide how fast a dead peer is noticed (and fenced); off-by-one ticks here
 * become spurious disconnects or hangs. No clock, no sleeps: ticks are the only time.
 */
class ConnectionTimersTest {

    private static final TimerEvent TICK = new TimerEvent.Tick();
    private static final TimerEffect PING = new TimerEffect.SendPing();

    private ConnectionTimers timers;

    private List<TimerEffect> feed(TimerEvent e) {
        ConnectionTimers.Step s = timers.step(e);
        timers = s.next();
        return s.effects();
    }

    /** Ticks {@code n} times; returns the effects of each tick (index 0 = first tick). */
    private List<List<TimerEffect>> ticks(int n) {
        List<List<TimerEffect>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(feed(TICK));
        }
        return out;
    }

    private void connected(TimerConfig c) {
        timers = ConnectionTimers.idle(c);
        assertEquals(List.of(), feed(new TimerEvent.ConnectionEstablished()));
    }

    @Test
    void pingAfterPingIntOfIdleTicksAndNotBefore() {
        connected(TimerConfig.DEFAULTS);
        List<List<TimerEffect>> t = ticks(99);
        assertTrue(t.stream().allMatch(List::isEmpty), "no ping during the first 99 ticks");
        assertEquals(List.of(PING), feed(TICK), "ping exactly at tick 100 (10 s)");
        assertTrue(timers.pingOutstanding());
    }

    @Test
    void anyReceivedPacketRestartsTheIdleCount() {
        connected(TimerConfig.DEFAULTS);
        ticks(90);
        feed(new TimerEvent.PacketReceived());
        assertTrue(ticks(99).stream().allMatch(List::isEmpty));
        assertEquals(List.of(PING), feed(TICK));
    }

    @Test
    void pingTimeoutFiresExactlyAtTheBoundary() {
        connected(TimerConfig.DEFAULTS);
        ticks(100); // ping sent on the 100th tick
        assertTrue(ticks(4).stream().allMatch(List::isEmpty), "4 ticks = 400 ms < ping-timeout 500 ms");
        assertEquals(List.of(new TimerEffect.ConnectionLost(ConnState.NETWORK_FAILURE, "PingAck did not arrive in time.")),
                feed(TICK));
        assertEquals(ConnectionTimers.Phase.IDLE, timers.phase());
        assertTrue(ticks(1000).stream().allMatch(List::isEmpty), "a lost connection is reported once");
    }

    @Test
    void pingAckInTimeKeepsTheConnection() {
        connected(TimerConfig.DEFAULTS);
        ticks(100);
        ticks(4);
        feed(new TimerEvent.PingAckReceived());
        assertFalse(timers.pingOutstanding());
        List<List<TimerEffect>> next = ticks(100);
        assertTrue(next.subList(0, 99).stream().allMatch(List::isEmpty));
        assertEquals(List.of(PING), next.get(99), "next ping one ping-int after the ack");
    }

    @Test
    void dataWhileWaitingForPingAckCountsAsLife() {
        connected(TimerConfig.DEFAULTS);
        ticks(100);
        ticks(4);
        feed(new TimerEvent.PacketReceived());
        assertTrue(ticks(4).stream().allMatch(List::isEmpty));
        assertEquals(ConnState.NETWORK_FAILURE, ((TimerEffect.ConnectionLost) feed(TICK).get(0)).reason());
    }

    @Test
    void koCountSequenceEndsInTimeout() {
        // ping-int 120 s keeps idle pings out of the way; the peer answers pings but never acks.
        TimerConfig c = new TimerConfig(120, 5, 60, 7, 10);
        connected(c);
        feed(new TimerEvent.RequestSent());
        List<TimerEffect> seen = new ArrayList<>();
        int lostAtTick = -1;
        for (int tick = 1; tick <= 1000 && lostAtTick < 0; tick++) {
            for (TimerEffect e : feed(TICK)) {
                if (e instanceof TimerEffect.SendPing) {
                    assertEquals(0, tick % 60, "pings only at ko steps, tick " + tick);
                    feed(new TimerEvent.PingAckReceived());
                    continue;
                }
                if (e instanceof TimerEffect.KoCountDecremented) {
                    assertEquals(0, tick % 60, "ko steps every timeout (60 ticks), tick " + tick);
                }
                if (e instanceof TimerEffect.ConnectionLost) {
                    lostAtTick = tick;
                }
                seen.add(e);
            }
        }
        List<TimerEffect> expected = new ArrayList<>();
        for (int remaining = 6; remaining >= 1; remaining--) {
            expected.add(new TimerEffect.KoCountDecremented(remaining));
        }
        assertEquals(expected, seen.subList(0, 6));
        assertEquals(ConnState.TIMEOUT, ((TimerEffect.ConnectionLost) seen.get(6)).reason());
        assertEquals(7, seen.size());
        assertEquals(7 * 60, lostAtTick, "ko-count x timeout = 42 s");
    }

    @Test
    void anAckRestoresTheFullKoCount() {
        TimerConfig c = new TimerConfig(120, 5, 60, 3, 10);
        connected(c);
        feed(new TimerEvent.RequestSent());
        feed(new TimerEvent.RequestSent());
        ticks(60);
        feed(new TimerEvent.PingAckReceived());
        assertEquals(2, timers.koRemaining());
        feed(new TimerEvent.RequestAcked());
        assertEquals(3, timers.koRemaining());
        assertEquals(1, timers.outstandingRequests());
        List<List<TimerEffect>> t = ticks(60);
        assertTrue(t.subList(0, 59).stream().allMatch(List::isEmpty), "the wait restarted at the ack");
        assertEquals(List.of(new TimerEffect.KoCountDecremented(2), PING), t.get(59));
        feed(new TimerEvent.PingAckReceived());
        feed(new TimerEvent.RequestAcked());
        assertEquals(0, timers.outstandingRequests());
        assertTrue(ticks(600).stream().allMatch(List::isEmpty), "nothing outstanding: no ko steps");
    }

    @Test
    void noOutstandingRequestsNoKoSteps() {
        connected(new TimerConfig(120, 5, 60, 2, 10));
        feed(new TimerEvent.RequestAcked()); // unknown ack: ignored
        assertEquals(0, timers.outstandingRequests());
        assertTrue(ticks(1199).stream().allMatch(List::isEmpty));
    }

    @Test
    void koCountZeroOnlyRequestsPings() {
        connected(new TimerConfig(120, 5, 60, 0, 10));
        feed(new TimerEvent.RequestSent());
        for (int step = 0; step < 20; step++) {
            List<List<TimerEffect>> t = ticks(60);
            assertTrue(t.subList(0, 59).stream().allMatch(List::isEmpty));
            assertEquals(List.of(PING), t.get(59));
            feed(new TimerEvent.PingAckReceived());
        }
        assertEquals(ConnectionTimers.Phase.CONNECTED, timers.phase());
    }

    @Test
    void connectRetriesEveryConnectInt() {
        timers = ConnectionTimers.idle(TimerConfig.DEFAULTS);
        assertTrue(ticks(500).stream().allMatch(List::isEmpty), "idle: nothing runs");
        feed(new TimerEvent.StartConnecting());
        List<Integer> retryTicks = new ArrayList<>();
        List<List<TimerEffect>> t = ticks(350);
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isEmpty()) {
                assertEquals(List.of(new TimerEffect.RetryConnect()), t.get(i));
                retryTicks.add(i + 1);
            }
        }
        assertEquals(List.of(100, 200, 300), retryTicks);
        ticks(20);
        feed(new TimerEvent.ConnectAttemptFailed());
        List<List<TimerEffect>> after = ticks(100);
        assertTrue(after.subList(0, 99).stream().allMatch(List::isEmpty), "a failed attempt restarts the wait");
        assertEquals(List.of(new TimerEffect.RetryConnect()), after.get(99));
        feed(new TimerEvent.ConnectionEstablished());
        assertTrue(ticks(99).stream().allMatch(List::isEmpty), "connected: no more retries");
    }

    @Test
    void resyncStepsOncePerTickWhileRunning() {
        connected(new TimerConfig(120, 5, 60, 7, 10));
        feed(new TimerEvent.ResyncRunning(true));
        List<List<TimerEffect>> t = ticks(30);
        assertTrue(t.stream().allMatch(l -> l.equals(List.of(new TimerEffect.ResyncStep()))));
        feed(new TimerEvent.ResyncRunning(false));
        assertTrue(ticks(30).stream().allMatch(List::isEmpty));
    }

    static LongStream seeds() {
        return LongStream.range(0, 25);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void pingBoundariesHoldForRandomConfigs(long seed) {
        // Property: for any config, the first ping is at ping-int x 10 ticks and the loss exactly
        // ping-timeout ticks later. Seeded so a failure replays.
        Random r = new Random(seed);
        TimerConfig c = new TimerConfig(1 + r.nextInt(120), 1 + r.nextInt(300), 1 + r.nextInt(600),
                r.nextInt(201), 1 + r.nextInt(120));
        connected(c);
        List<List<TimerEffect>> t = ticks(c.pingIntSeconds() * 10);
        assertTrue(t.subList(0, t.size() - 1).stream().allMatch(List::isEmpty), "seed " + seed + " " + c);
        assertEquals(List.of(PING), t.get(t.size() - 1), "seed " + seed);
        List<List<TimerEffect>> w = ticks(c.pingTimeoutTenths());
        assertTrue(w.subList(0, w.size() - 1).stream().allMatch(List::isEmpty), "seed " + seed);
        assertTrue(w.get(w.size() - 1).get(0) instanceof TimerEffect.ConnectionLost, "seed " + seed);
    }

    @Test
    void configRangesAndDefaults() {
        assertEquals(new TimerConfig(10, 5, 60, 7, 10), TimerConfig.DEFAULTS);
        assertEquals(100, TimerConfig.DEFAULTS.pingIntTicks());
        assertEquals(5, TimerConfig.DEFAULTS.pingTimeoutTicks());
        assertEquals(60, TimerConfig.DEFAULTS.timeoutTicks());
        assertEquals(100, TimerConfig.DEFAULTS.connectIntTicks());
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(0, 5, 60, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(121, 5, 60, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 0, 60, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 301, 60, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 0, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 601, 7, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 60, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 60, 201, 10));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 60, 7, 0));
        assertThrows(IllegalArgumentException.class, () -> new TimerConfig(10, 5, 60, 7, 121));
        assertEquals(Tick.MILLIS * 6L, Tick.toMillis(6));
    }

    @Test
    void stepsDoNotMutateThePreviousInstance() {
        connected(TimerConfig.DEFAULTS);
        ConnectionTimers before = timers;
        String snapshot = before.toString();
        ticks(100);
        assertEquals(snapshot, before.toString());
        assertFalse(before.pingOutstanding());
    }
}
