package org.jdrbd.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One started handler process: its two output readers, its timeout and the kill of its tree.
 * The result completes when the process has exited and its output was drained (or the drain
 * bound passed).
 */
final class RunningHandler {
    private final HandlerRequest req;
    private final Process process;
    private final long startNanos;
    private final RunnerSettings settings;
    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final OutputSink out;
    private final OutputSink err;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private final CompletableFuture<HandlerResult> result = new CompletableFuture<>();

    RunningHandler(HandlerRequest req, Process process, long startNanos, RunnerSettings settings,
            Executor pool, ScheduledExecutorService timer) {
        this.req = req;
        this.process = process;
        this.startNanos = startNanos;
        this.settings = settings;
        this.pool = pool;
        this.timer = timer;
        this.out = new OutputSink(settings.outputLimitBytes());
        this.err = new OutputSink(settings.outputLimitBytes());
    }

    CompletableFuture<HandlerResult> result() {
        return result;
    }

    /** Starts readers and the timeout; completes {@code done} with the result. */
    void begin(CompletableFuture<HandlerResult> done) {
        result.whenComplete((r, t) -> done.complete(r));
        CompletableFuture<Void> readers;
        try {
            readers = CompletableFuture.allOf(reader(process.getInputStream(), out),
                    reader(process.getErrorStream(), err));
        } catch (RejectedExecutionException e) {
            // No thread to read its pipes: it would block forever, so it must not run at all.
            killTree(true, List.of());
            result.complete(HandlerResult.notRun(req, HandlerResult.Status.EXEC_FAILED, "too many handlers running"));
            return;
        }
        long timeoutMs = req.timeout().orElse(settings.defaultTimeout()).toMillis();
        ScheduledFuture<?> killer = timer.schedule(this::onTimeout, timeoutMs, TimeUnit.MILLISECONDS);
        process.onExit().thenAccept(p -> {
            long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            killer.cancel(false);
            readers.completeOnTimeout(null, settings.drainAfterExit().toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, t) -> result.complete(resultOf(p.exitValue(), durationMs)));
        });
    }

    private CompletableFuture<Void> reader(InputStream in, OutputSink sink) {
        return CompletableFuture.runAsync(() -> {
            try (in) {
                sink.drainBlocking(in);
            } catch (IOException e) {
                // The pipe broke (process killed); what was read so far is kept.
            }
        }, pool);
    }

    private HandlerResult resultOf(int exitValue, long durationMs) {
        boolean killed = timedOut.get();
        return new HandlerResult(req.handler(), req.resource(), req.connectionEpoch(),
                killed ? HandlerResult.Status.TIMED_OUT : HandlerResult.Status.EXITED,
                killed ? -1 : exitValue, "", out.snapshot(), err.snapshot(), durationMs);
    }

    private void onTimeout() {
        if (!process.isAlive()) {
            return;
        }
        timedOut.set(true);
        List<ProcessHandle> signalled = killTree(false, List.of());
        timer.schedule(() -> killTree(true, signalled), settings.killGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Signals the handler, every descendant and {@code alsoThese} (the tree seen at an earlier
     * signal: once the shell died its orphans are re-parented away and no longer descendants).
     * Returns the handles signalled.
     */
    private List<ProcessHandle> killTree(boolean forcibly, List<ProcessHandle> alsoThese) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.addAll(alsoThese);
        for (ProcessHandle h : tree) {
            if (forcibly) {
                h.destroyForcibly();
            } else {
                h.destroy();
            }
        }
        return tree;
    }
}
