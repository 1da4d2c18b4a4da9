package org.jdrbd.daemon.engine;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The meta data IO thread of one volume: one thread, so AL transactions, bitmap pages and
 * superblock writes reach the disk in the order they were submitted; a bounded queue. Results
 * are delivered on the owning resource's context.
 */
final class MetaIo implements AutoCloseable {

    /** A blocking meta data step. */
    interface Step<T> {
        T runBlocking() throws Exception;
    }

    private static final int QUEUE_CAPACITY = 4096;

    private final ThreadPoolExecutor executor;
    private final Context owner;

    MetaIo(String name, Context owner) {
        this.owner = owner;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread t = new Thread(r, "jdrbd-md-" + name);
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs {@code step} on the meta data thread; completes on the owner context. */
    <T> Future<T> submit(Step<T> step) {
        Promise<T> promise = Promise.promise();
        try {
            executor.execute(() -> {
                try {
                    T value = step.runBlocking();
                    owner.runOnContext(v -> promise.complete(value));
                } catch (Exception | Error e) {
                    // Any Error too (a linkage error, out of memory): the admin request waiting on
                    // this step must get an answer rather than hang its drbdsetup forever.
                    owner.runOnContext(v -> promise.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            promise.fail(new java.io.IOException("meta data queue full or closed"));
        }
        return promise.future();
    }

    /** Stops taking steps; queued ones still run. Never blocks (called on event loops). */
    @Override
    public void close() {
        executor.shutdown();
    }
}
