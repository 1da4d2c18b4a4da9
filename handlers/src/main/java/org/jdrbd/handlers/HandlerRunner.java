package org.jdrbd.handlers;

import java.io.File;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs handlers: {@code /bin/sh -c <command>} with exactly the given environment (nothing from
 * the daemon's), stdin from /dev/null, working directory /, output captured up to a limit, and a
 * timeout after which the whole process tree is killed. {@link #start} never blocks the caller:
 * even fork/exec happens on the runner's own bounded pool. Java's process launcher on Linux
 * closes every descriptor above 2 in the child, so nothing of the daemon leaks into handlers.
 */
public final class HandlerRunner implements AutoCloseable {
    private final RunnerSettings settings;
    private final HandlerEventListener listener;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService timer;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    public HandlerRunner(RunnerSettings settings, HandlerEventListener listener) {
        this.settings = settings;
        this.listener = listener;
        this.pool = new ThreadPoolExecutor(settings.maxThreads(), settings.maxThreads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.maxQueued()), daemonThreads("jdrbd-handler"));
        pool.allowCoreThreadTimeOut(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("jdrbd-handler-timer"));
    }

    /** Starts {@code req} with the daemon's environment ({@link HandlerEnvironment#forDaemon}). */
    public CompletableFuture<HandlerResult> start(HandlerRequest req) {
        return start(req, HandlerEnvironment.forDaemon(req));
    }

    /**
     * Starts {@code req} with exactly {@code env}. The future completes with the result (never
     * exceptionally) on a runner thread; callers on an event loop should hop back to it.
     */
    public CompletableFuture<HandlerResult> start(HandlerRequest req, Map<String, String> env) {
        listener.called(req);
        if (req.command().isEmpty()) {
            return finish(req, HandlerResult.notRun(req, HandlerResult.Status.NOT_CONFIGURED, ""));
        }
        CompletableFuture<HandlerResult> done = new CompletableFuture<>();
        try {
            pool.execute(() -> launchBlocking(req, Map.copyOf(env), done));
        } catch (RejectedExecutionException e) {
            return finish(req, HandlerResult.notRun(req, HandlerResult.Status.EXEC_FAILED,
                    "too many handlers running"));
        }
        return done.thenCompose(r -> finish(req, r));
    }

    private CompletableFuture<HandlerResult> finish(HandlerRequest req, HandlerResult r) {
        listener.responded(req, r);
        return CompletableFuture.completedFuture(r);
    }

    private void launchBlocking(HandlerRequest req, Map<String, String> env,
            CompletableFuture<HandlerResult> done) {
        ProcessBuilder pb = new ProcessBuilder(settings.shell(), "-c", req.command().orElseThrow().shellCommand());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.directory(new File("/"));
        long startNanos = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            done.complete(HandlerResult.notRun(req, HandlerResult.Status.EXEC_FAILED, String.valueOf(e.getMessage())));
            return;
        }
        live.add(p);
        RunningHandler run = new RunningHandler(req, p, startNanos, settings, pool, timer);
        run.result().whenComplete((r, t) -> live.remove(p));
        run.begin(done);
    }

    /** Kills every handler still running (SIGKILL) and stops the runner's threads. */
    @Override
    public void close() {
        for (Process p : live) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        pool.shutdown();
        timer.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
