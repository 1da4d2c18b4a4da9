package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * Scenario: writes are added to the transfer log, epochs are closed, and barrier acks (right,
 * wrong number, wrong set size, none open) arrive; then the connection is lost.
 * Expectation: an ack releases exactly the oldest epoch's writes when number and size match,
 * anything else is a protocol error that releases nothing; empty epochs give no barrier; a
 * connection loss returns every unreleased write.
 * Why: the barrier ack is what lets the Primary forget a write; a lying ack must not.
 */
class TransferLogTest {

    @Test
    void barrierAckReleasesTheOldestEpochOnly() {
        TransferLog tl = new TransferLog(100);
        TransferLog.Request w1 = tl.add(0, 4096);
        TransferLog.Request w2 = tl.add(8, 4096);
        assertThat(tl.closeEpoch()).hasValue(100);
        TransferLog.Request w3 = tl.add(16, 4096);
        assertThat(tl.closeEpoch()).hasValue(101);
        assertThat(tl.closeEpoch()).as("empty epoch: no barrier").isEmpty();

        TransferLog.Release r = tl.barrierAck(100, 2);
        assertThat(r.ok()).isTrue();
        assertThat(r.released()).containsExactly(w1, w2);
        assertThat(tl.contains(w1.blockId())).isFalse();
        assertThat(tl.contains(w3.blockId())).isTrue();
        assertThat(tl.size()).isEqualTo(1);
    }

    @Test
    void wrongAcksAreProtocolErrorsAndReleaseNothing() {
        TransferLog tl = new TransferLog(-1);
        assertThat(tl.barrierAck(5, 0).ok()).as("no barrier sent yet").isFalse();
        tl.add(0, 512);
        tl.closeEpoch();
        assertThat(tl.barrierAck(0, 1).error()).contains("oldest epoch is #" + Integer.toUnsignedString(-1));
        assertThat(tl.barrierAck(-1, 2).error()).contains("set_size 2");
        assertThat(tl.size()).isEqualTo(1);
        assertThat(tl.barrierAck(-1, 1).ok()).isTrue();
    }

    @Test
    void maxEpochSizeClosesAndLossReturnsEverything() {
        TransferLog tl = new TransferLog(7);
        tl.add(0, 4096);
        assertThat(tl.closeIfFull(2)).isEmpty();
        tl.add(8, 4096);
        assertThat(tl.closeIfFull(2)).hasValue(7);
        tl.add(16, 4096);
        List<TransferLog.Request> lost = tl.clear();
        assertThat(lost).extracting(TransferLog.Request::sector).containsExactly(0L, 8L, 16L);
        assertThat(tl.size()).isZero();
        assertThat(tl.closeEpoch()).isEmpty();
    }
}
