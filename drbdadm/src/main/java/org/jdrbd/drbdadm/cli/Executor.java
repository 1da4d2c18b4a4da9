package org.jdrbd.drbdadm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.jdrbd.drbdadm.plan.Cmd;

/**
 * Prints (-d, -v) and runs a plan. Our drbdmeta runs in-process; drbdsetup has no daemon to
 * talk to yet, so it fails like drbd-utils without the kernel module. -s/-m exec programs.
 */
final class Executor {
    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    Executor(Options o, PrintStream out, PrintStream err, InputStream in) {
        this.o = o;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(List<Cmd> plan) {
        int worst = 0;
        boolean skipFallback = false;
        for (Cmd c : plan) {
            if (c.fallback() && skipFallback && !o.dryRun) {
                continue;
            }
            String line = c.line(toolName(c));
            if (o.dryRun || o.verbose) {
                if (o.shVarname != null) {
                    out.print(o.shVarname + "=" + c.res() + "\n");
                }
                out.print(line + "\n");
            }
            if (o.dryRun) {
                continue;
            }
            int rc = exec(c);
            skipFallback = rc == 0;
            if (rc >= 10) {
                err.print("Command '" + line + "' terminated with exit code " + rc + "\n");
            }
            if (rc >= 20) {
                return 1;
            }
            worst = Math.max(worst, rc);
        }
        return worst;
    }

    private String toolName(Cmd c) {
        if (c.tool().equals("drbdsetup")) {
            return o.drbdsetup != null ? o.drbdsetup : "drbdsetup";
        }
        return o.drbdmeta != null ? o.drbdmeta : "drbdmeta";
    }

    private int exec(Cmd c) {
        String external = c.tool().equals("drbdsetup") ? o.drbdsetup : o.drbdmeta;
        if (external != null) {
            List<String> argv = new ArrayList<>();
            argv.add(external);
            argv.addAll(c.args());
            try {
                return new ProcessBuilder(argv).inheritIO().start().waitFor();
            } catch (IOException e) {
                err.print("Can not find command (" + c.tool() + ")\n");
                return 20;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 20;
            }
        }
        if (c.tool().equals("drbdmeta")) {
            return org.jdrbd.drbdadm.meta.DrbdmetaMain.run(c.args().toArray(new String[0]), out, err, in);
        }
        err.print("Failed to modprobe drbd (No such file or directory)\n");
        return 20;
    }
}
