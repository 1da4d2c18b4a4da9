package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.daemon.nbd.NbdProtocol.CMD_READ;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdrbd.daemon.store.IoOutcome;
import org.jdrbd.daemon.store.MemoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a server allowing 2 requests in flight per connection; a client pipelines 6 reads
 * in one write; the backend holds each read until the test releases it.
 * Expectation: the backend never has more than 2 reads outstanding, and all 6 are answered as
 * the test releases them one by one.
 * Why: the in-flight queue of a connection must be bounded (STYLE.md rule 12), without
 * losing or reordering-away any pipelined request.
 */
@Timeout(60)
class NbdFlowControlTest {

    @TempDir
    Path dir;

    @Test
    void inFlightRequestsAreBoundedPerConnection() throws Exception {
        BlockingQueue<CompletableFuture<IoOutcome>> held = new LinkedBlockingQueue<>();
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger maxOutstanding = new AtomicInteger();
        try (NbdFixture nbd = new NbdFixture(dir, NbdServerOptions.defaults().withInFlight(2,
                64L << 20))) {
            Backend store = nbd.serve("base", new MemoryStore(1 << 20));
            nbd.register("held", new FilterBackend(store) {
                @Override
                public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
                    maxOutstanding.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                    CompletableFuture<IoOutcome> gate = new CompletableFuture<>();
                    held.add(gate);
                    return gate.thenCompose(v -> next.read(offset, dst));
                }
            });
            try (RawNbdClient client = RawNbdClient.tcp(nbd.server.tcpPort())) {
                client.connect("held", false);
                ByteBuffer requests = ByteBuffer.allocate(6 * 28);
                for (int i = 0; i < 6; i++) {
                    requests.putInt(NbdProtocol.REQUEST_MAGIC).putShort((short) 0)
                            .putShort((short) CMD_READ).putLong(i).putLong(512L * i).putInt(512);
                }
                client.write(requests.flip());
                Set<Long> answered = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                    CompletableFuture<IoOutcome> gate = held.poll(10, TimeUnit.SECONDS);
                    assertThat(gate).as("read %d reached the backend", i).isNotNull();
                    outstanding.decrementAndGet();
                    gate.complete(IoOutcome.OK);
                    RawNbdClient.Reply reply = client.readReply(512);
                    assertThat(reply.errno()).isZero();
                    answered.add(reply.cookie());
                }
                assertThat(answered).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L, 5L);
            }
        }
        assertThat(maxOutstanding.get()).isEqualTo(2);
    }
}
