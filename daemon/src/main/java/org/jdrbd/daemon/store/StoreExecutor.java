package org.jdrbd.daemon.store;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bounded IO executor of one store: runs the store's {@code ...Blocking} methods on its own
 * threads and completes futures with the outcome. The queue has a bound; when it is full the
 * operation fails at once with {@link IoError#BUSY} instead of piling up memory.
 *
 * <p>Completions run on the IO thread; callers on an event loop hop back to their context.
 */
public final class StoreExecutor implements AutoCloseable {

    private final BackingStore store;
    private final ThreadPoolExecutor executor;

    /**
     * @param name          used in thread names, e.g. the volume's {@code RES/VOL}
     * @param threads       IO threads (parallel reads matter for cold-cache random reads)
     * @param queueCapacity operations waiting for a thread, at most
     */
    public StoreExecutor(BackingStore store, String name, int threads, int queueCapacity) {
        this.store = store;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), namedDaemonThreads(name));
    }

    private static ThreadFactory namedDaemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "jdrbd-io-" + name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The store this executor drives. */
    public BackingStore store() {
        return store;
    }

    public CompletableFuture<IoOutcome> read(long offset, ByteBuffer dst) {
        return submit(() -> store.readBlocking(offset, dst));
    }

    public CompletableFuture<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return submit(() -> store.writeBlocking(offset, src, fua));
    }

    public CompletableFuture<IoOutcome> flush() {
        return submit(store::flushBlocking);
    }

    public CompletableFuture<IoOutcome> trim(long offset, long length, boolean fua) {
        return submit(() -> store.trimBlocking(offset, length, fua));
    }

    public CompletableFuture<IoOutcome> zero(long offset, long length, boolean fua) {
        return submit(() -> store.zeroBlocking(offset, length, fua));
    }

    private CompletableFuture<IoOutcome> submit(Supplier<IoOutcome> operation) {
        CompletableFuture<IoOutcome> result = new CompletableFuture<>();
        try {
            executor.execute(() -> result.complete(runGuarded(operation)));
        } catch (RejectedExecutionException e) {
            IoError why = executor.isShutdown() ? IoError.CLOSED : IoError.BUSY;
            result.complete(IoOutcome.failed(why, "IO executor " + why.name().toLowerCase()));
        }
        return result;
    }

    private static IoOutcome runGuarded(Supplier<IoOutcome> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            // A store bug must not leave a request hanging forever; report it as an IO error.
            return IoOutcome.failed(IoError.IO, "store failure: " + e);
        }
    }

    /**
     * Stops taking work, lets queued operations finish (never interrupts: an interrupt would
     * close a FileChannel under other threads), then closes the store.
     */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        store.close();
    }
}
