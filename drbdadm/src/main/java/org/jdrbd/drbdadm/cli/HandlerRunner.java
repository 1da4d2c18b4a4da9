package org.jdrbd.drbdadm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Resource;

/** Handler entry points (drbdadm fence-peer RES …): run the handler string with /bin/sh -c. */
final class HandlerRunner {
    private HandlerRunner() { }

    static int run(String handler, Resource r, Config cfg, Map<String, String> env, PrintStream err) {
        Opt h = r.handlers.get(handler);
        if (h == null && handler.equals("fence-peer")) {
            h = r.handlers.get("outdate-peer");
        }
        if (h == null || h.value() == null) {
            return 0;
        }
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", h.value());
        pb.environment().clear();
        pb.environment().putAll(HandlerEnv.build(r, cfg.file, env));
        pb.inheritIO();
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            err.print("drbdadm: cannot run handler '" + handler + "': " + e.getMessage() + "\n");
            return 20;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 20;
        }
    }
}
