package org.jdrbd.drbdadm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdrbd.drbdadm.meta.DrbdmetaMain;
import org.jdrbd.drbdadm.plan.Cmd;
import org.jdrbd.drbdadm.setup.DrbdsetupMain;

/**
 * Prints (-d, -v) and runs a plan. drbdsetup and drbdmeta run in-process (no JVM per step);
 * -s/-m exec the named programs instead. Exit code as drbd-utils' drbdadm: the highest child exit
 * code; a child exit of 20 or more stops the plan, and drbdadm then exits 1 for the deferred
 * multi-step commands (up, adjust) and with the child's code for the others.
 */
final class Executor {
    /** Commands whose steps drbd-utils runs as a deferred batch that exits 1 when a step breaks. */
    private static final Set<String> DEFERRED = Set.of("up", "adjust", "adjust-with-progress");
    /**
     * drbdmeta commands that neither prompt nor overwrite: for these, a regular file (jdrbd's
     * usual backing device) is accepted as if the administrator had given --force, because
     * jdrbdd serves files where the kernel module needs block devices.
     */
    private static final Set<String> FILE_SAFE_META = Set.of("apply-al", "dstate", "get-gi",
            "show-gi");

    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final Map<String, String> env;

    Executor(Options o, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
        this.o = o;
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
    }

    int run(List<Cmd> plan) {
        int worst = 0;
        boolean skipFallback = false;
        for (int i = 0; i < plan.size(); i++) {
            Cmd c = plan.get(i);
            if (c.failure() != null) {
                err.print(c.failure().message());
                if (c.failure().stops()) {
                    return c.failure().exitCode();
                }
                worst = Math.max(worst, c.failure().exitCode());
                continue;
            }
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
            // A step with a drbdmeta fallback after it runs silently (as drbd-utils does): its
            // failure only means "ask the meta data instead".
            boolean hasFallback = i + 1 < plan.size() && plan.get(i + 1).fallback();
            int rc;
            if (hasFallback) {
                ByteArrayOutputStream held = new ByteArrayOutputStream();
                rc = execHeld(c, held);
                // A refused state change (11, 17) is an answer, not "no kernel": no fallback.
                boolean answered = rc == 0 || rc == 11 || rc == 17;
                skipFallback = answered;
                if (!answered) {
                    continue;
                }
                err.print(held.toString(StandardCharsets.UTF_8));
            } else {
                rc = exec(c, err);
                skipFallback = rc == 0;
            }
            if (rc >= 10) {
                err.print("Command '" + line + "' terminated with exit code " + rc + "\n");
            }
            if (rc >= 20) {
                return DEFERRED.contains(o.command) ? 1 : rc;
            }
            worst = Math.max(worst, rc);
        }
        return worst;
    }

    private String toolName(Cmd c) {
        if (c.tool().equals("drbd-proxy-ctl")) {
            return o.proxyCtl != null ? o.proxyCtl : "drbd-proxy-ctl";
        }
        if (c.tool().equals("drbdsetup")) {
            return o.drbdsetup != null ? o.drbdsetup : "drbdsetup";
        }
        return o.drbdmeta != null ? o.drbdmeta : "drbdmeta";
    }

    /** Runs c with its stderr held back in {@code held}. */
    private int execHeld(Cmd c, ByteArrayOutputStream held) {
        try (PrintStream quiet = new PrintStream(held, true, StandardCharsets.UTF_8)) {
            return exec(c, quiet);
        }
    }

    private int exec(Cmd c, PrintStream stepErr) {
        if (c.tool().equals("drbd-proxy-ctl")) {
            // jdrbd has no proxy of its own: always the external program
            return execExternal(toolName(c), c, stepErr);
        }
        String external = c.tool().equals("drbdsetup") ? o.drbdsetup : o.drbdmeta;
        if (external != null) {
            return execExternal(external, c, stepErr);
        }
        int rc;
        if (c.tool().equals("drbdmeta")) {
            rc = DrbdmetaMain.run(metaArgs(c.args()), out, stepErr, in, env);
        } else {
            rc = DrbdsetupMain.run(c.args().toArray(new String[0]), out, stepErr, env);
        }
        out.flush();
        stepErr.flush();
        return rc;
    }

    private int execExternal(String program, Cmd c, PrintStream stepErr) {
        List<String> argv = new ArrayList<>();
        argv.add(program);
        argv.addAll(c.args());
        ProcessBuilder pb = new ProcessBuilder(argv).inheritIO();
        if (stepErr != err) {
            pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            err.print("Can not find command (" + c.tool() + ")\n");
            return 20;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 20;
        }
    }

    /**
     * drbdmeta's argv for an in-process run: as planned, plus --force for the file-safe commands
     * on a regular file (see {@link #FILE_SAFE_META}).
     */
    static String[] metaArgs(List<String> args) {
        // Planned shape: MINOR FORMAT DEVICE INDEX COMMAND [ARGS...] with options anywhere.
        List<String> positional = args.stream().filter(a -> !a.startsWith("--")).toList();
        boolean fileSafe = positional.size() >= 5 && FILE_SAFE_META.contains(positional.get(4))
                && Files.isRegularFile(Path.of(positional.get(2)));
        List<String> argv = new ArrayList<>();
        if (fileSafe && !args.contains("--force")) {
            argv.add("--force");
        }
        argv.addAll(args);
        return argv.toArray(new String[0]);
    }
}
