package org.jdrbd.daemon.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Scenario: a store whose reads wait on a latch fills its executor (one thread, queue of 2).
 * Expectation: the fourth operation fails at once with BUSY instead of queueing without bound;
 * once released, the queued ones complete OK on the IO thread, never on the caller's thread.
 * Why: STYLE.md rule 12 — every queue has a bound; blocking work runs on the store's executor.
 */
@Timeout(30)
class StoreExecutorTest {

    @Test
    void fullQueueFailsFastWithBusyAndWorkRunsOnIoThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        MemoryStore memory = new MemoryStore(1 << 20);
        BackingStore gated = new MemoryStoreGate(memory, release, firstStarted, threads);
        StoreExecutor io = new StoreExecutor(gated, "gate", 1, 2);
        try {
            List<CompletableFuture<IoOutcome>> running = new ArrayList<>();
            running.add(io.read(0, ByteBuffer.allocate(512)));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            running.add(io.read(512, ByteBuffer.allocate(512)));
            running.add(io.read(1024, ByteBuffer.allocate(512)));
            IoOutcome refused = io.read(0, ByteBuffer.allocate(512)).get(10, TimeUnit.SECONDS);
            assertThat(refused.error()).isEqualTo(IoError.BUSY);
            release.countDown();
            for (CompletableFuture<IoOutcome> future : running) {
                assertThat(future.get(10, TimeUnit.SECONDS).ok()).isTrue();
            }
            assertThat(threads).hasSize(3).allMatch(name -> name.startsWith("jdrbd-io-gate-"));
        } finally {
            io.close();
        }
        assertThat(io.read(0, ByteBuffer.allocate(1)).get(10, TimeUnit.SECONDS).error())
                .isEqualTo(IoError.CLOSED);
    }

    /** Reads wait for {@code release}; records the thread each read ran on. */
    private static final class MemoryStoreGate implements BackingStore {
        private final MemoryStore inner;
        private final CountDownLatch release;
        private final CountDownLatch started;
        private final List<String> threads;

        MemoryStoreGate(MemoryStore inner, CountDownLatch release, CountDownLatch started,
                List<String> threads) {
            this.inner = inner;
            this.release = release;
            this.started = started;
            this.threads = threads;
        }

        @Override
        public long sizeBytes() {
            return inner.sizeBytes();
        }

        @Override
        public StoreCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public IoOutcome readBlocking(long offset, ByteBuffer dst) {
            threads.add(Thread.currentThread().getName());
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return IoOutcome.failed(IoError.IO, "interrupted");
            }
            return inner.readBlocking(offset, dst);
        }

        @Override
        public IoOutcome writeBlocking(long offset, ByteBuffer src, boolean fua) {
            return inner.writeBlocking(offset, src, fua);
        }

        @Override
        public IoOutcome flushBlocking() {
            return inner.flushBlocking();
        }

        @Override
        public IoOutcome trimBlocking(long offset, long length, boolean fua) {
            return inner.trimBlocking(offset, length, fua);
        }

        @Override
        public IoOutcome zeroBlocking(long offset, long length, boolean fua) {
            return inner.zeroBlocking(offset, length, fua);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
