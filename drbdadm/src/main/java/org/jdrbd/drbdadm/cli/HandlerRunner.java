package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.handlers.HandlerEventListener;
import org.jdrbd.handlers.HandlerRequest;
import org.jdrbd.handlers.HandlerResult;
import org.jdrbd.handlers.RunnerSettings;
import org.jdrbd.statemachine.HandlerName;

/**
 * Handler entry points (drbdadm fence-peer RES …): run the handler string through the handlers
 * module's runner (/bin/sh -c, clean descriptors, timeout) and wait for it, as a CLI may.
 * Exit code: the handler's; 0 when not configured; 20 (E_EXEC_ERROR) when it could not run or
 * timed out.
 */
final class HandlerRunner {
    /** drbdadm prints the handler's output afterwards, so keep much more than the daemon does. */
    private static final int OUTPUT_LIMIT_BYTES = 4 * 1024 * 1024;

    private HandlerRunner() { }

    static int run(String handler, Resource r, Config cfg, Map<String, String> env, PrintStream out,
            PrintStream err) {
        HandlerName name = HandlerName.fromConfigName(handler);
        Opt h = r.handlers.get(handler);
        if (h == null && name == HandlerName.FENCE_PEER) {
            h = r.handlers.get(HandlerName.LEGACY_FENCE_PEER_NAME);
        }
        if (name == null || h == null || h.value() == null) {
            return 0;
        }
        HandlerRequest req = HandlerEnv.request(name, r, cfg.file, h.value());
        RunnerSettings settings = RunnerSettings.defaults().withOutputLimitBytes(OUTPUT_LIMIT_BYTES);
        HandlerResult res;
        try (org.jdrbd.handlers.HandlerRunner runner =
                new org.jdrbd.handlers.HandlerRunner(settings, HandlerEventListener.NONE)) {
            res = runner.start(req, HandlerEnv.build(req, env)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return HandlerResult.DRBDADM_EXEC_ERROR;
        } catch (ExecutionException e) {
            err.print("drbdadm: handler '" + handler + "' failed: " + e.getCause() + "\n");
            return HandlerResult.DRBDADM_EXEC_ERROR;
        }
        out.print(res.stdout().text());
        err.print(res.stderr().text());
        if (res.status() == HandlerResult.Status.EXEC_FAILED) {
            err.print("drbdadm: cannot run handler '" + handler + "': " + res.execFailure() + "\n");
        } else if (res.timedOut()) {
            err.print("drbdadm: handler '" + handler + "' timed out after " + res.durationMs() + " ms\n");
        }
        return res.effectiveExitCode();
    }
}
