package org.jdrbd.handlers;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of a {@link HandlerRunner}.
 *
 * @param defaultTimeout how long a handler may run when its request names no timeout
 * @param killGrace time between SIGTERM and SIGKILL for a handler past its timeout
 * @param drainAfterExit how long to keep reading output after the handler exited (a background
 *                       child may hold the pipe open; the result does not wait for it longer)
 * @param outputLimitBytes bytes kept per output stream
 * @param maxThreads threads for starting handlers and reading their output (two per running handler)
 * @param maxQueued tasks waiting for a thread before new handlers are refused as exec failures
 * @param shell the shell that interprets handler commands with {@code -c}
 */
public record RunnerSettings(Duration defaultTimeout, Duration killGrace, Duration drainAfterExit,
        int outputLimitBytes, int maxThreads, int maxQueued, String shell) {

    /** DRBD's (and drbdadm's) shell for handler strings. */
    public static final String DEFAULT_SHELL = "/bin/sh";

    /** 64 KiB per stream, as logs need no more. */
    public static final int DEFAULT_OUTPUT_LIMIT_BYTES = 64 * 1024;

    public RunnerSettings {
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(killGrace, "killGrace");
        Objects.requireNonNull(drainAfterExit, "drainAfterExit");
        Objects.requireNonNull(shell, "shell");
        if (outputLimitBytes < 0 || maxThreads < 1 || maxQueued < 1) {
            throw new IllegalArgumentException("bad runner limits");
        }
    }

    /**
     * jdrbd's defaults: 120 s per handler (crm-fence-peer waits up to 90 s for the cluster by
     * default, so the limit must be above that), 5 s from TERM to KILL, 1 s drain.
     */
    public static RunnerSettings defaults() {
        return new RunnerSettings(Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofSeconds(1),
                DEFAULT_OUTPUT_LIMIT_BYTES, 16, 64, DEFAULT_SHELL);
    }

    /** A copy with another default timeout. */
    public RunnerSettings withDefaultTimeout(Duration t) {
        return new RunnerSettings(t, killGrace, drainAfterExit, outputLimitBytes, maxThreads, maxQueued, shell);
    }

    /** A copy with another kill grace. */
    public RunnerSettings withKillGrace(Duration g) {
        return new RunnerSettings(defaultTimeout, g, drainAfterExit, outputLimitBytes, maxThreads, maxQueued, shell);
    }

    /** A copy with another output limit. */
    public RunnerSettings withOutputLimitBytes(int limit) {
        return new RunnerSettings(defaultTimeout, killGrace, drainAfterExit, limit, maxThreads, maxQueued, shell);
    }

    /** A copy with another shell (tests use a missing one to provoke exec failures). */
    public RunnerSettings withShell(String sh) {
        return new RunnerSettings(defaultTimeout, killGrace, drainAfterExit, outputLimitBytes, maxThreads, maxQueued, sh);
    }
}
