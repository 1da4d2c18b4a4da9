package org.jdrbd.drbdadm.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdrbd.drbdadm.conf.ConfigException;
import org.jdrbd.drbdadm.conf.Diag;
import org.jdrbd.drbdadm.conf.Dumper;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.plan.Adjust;
import org.jdrbd.drbdadm.plan.Cmd;
import org.jdrbd.drbdadm.plan.Planner;
import org.jdrbd.drbdadm.plan.Target;

/** jdrbd's drbdadm (DRBD 9 mode): entry point, dispatch and exit codes. */
public final class DrbdadmMain {
    /** jdrbd's own version, printed by --version. */
    public static final String JDRBD_VERSION = "0.1.0-SNAPSHOT";
    private static final Set<String> HANDLERS = Set.of("after-resync-target",
            "before-resync-source", "before-resync-target", "disconnected", "fence-peer",
            "initial-split-brain", "local-io-error", "out-of-sync", "pri-lost",
            "pri-lost-after-sb", "pri-on-incon-degr", "quorum-lost", "split-brain", "unfence-peer");

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final java.util.Map<String, String> env;

    public DrbdadmMain(PrintStream out, PrintStream err, InputStream in, java.util.Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.env = env;
    }

    public static void main(String[] args) {
        int rc = new DrbdadmMain(System.out, System.err, System.in, System.getenv()).run(args);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs drbdadm and returns its exit code; never throws for operating errors. */
    public int run(String[] args) {
        String hostname = hostname();
        Options o = Options.parse(args, FILES);
        if (o.error != null) {
            err.print(o.error);
            return o.errorCode;
        }
        if (o.version) {
            Version.print(out, env.get("DRBD_DRIVER_VERSION_OVERRIDE"));
            return 0;
        }
        if (o.help || "help".equals(o.command)) {
            return help(o.help ? o.command : o.names.isEmpty() ? null : o.names.get(0));
        }
        if (o.command == null) {
            Usage.print(out, null);
            out.print("\nNo command specified\n");
            return 1;
        }
        if (!Commands.known(o.command)) {
            err.print("drbdadm: Unknown command '" + o.command + "'\n");
            return 1;
        }
        if (o.configToTest != null && !List.of("dump", "dump-xml", "sh-nop").contains(o.command)) {
            err.print("The --config-to-test (-t) option is only allowed with the dump and sh-nop "
                    + "commands\n");
            return 1;
        }
        String unsupported = o.unsupportedBackendOption(o.command);
        if (unsupported != null) {
            err.print(unsupported);
            return 1;
        }
        if (o.command.equals("hidden-commands")) {
            Usage.hidden(out);
            return 0;
        }
        if (o.names.isEmpty() && !Commands.worksWithoutNames(o.command)) {
            Usage.print(out, o.command);
            out.print("\nNo resource names specified\n");
            return 1;
        }
        try {
            return command(o, hostname);
        } catch (ConfigException e) {
            err.print(e.getMessage());
            err.flush();
            return e.exitCode;
        }
    }

    /** drbdadm help [CMD] and -h: the command's usage, or drbdadm's (exit 1) for no/unknown command. */
    private int help(String cmd) {
        if ("hidden-commands".equals(cmd)) {
            Usage.hidden(out);
            return 0;
        }
        if (cmd != null && Commands.known(cmd)) {
            Usage.print(out, cmd);
            return 0;
        }
        Usage.print(out, null);
        return 1;
    }

    /** The real file system behind the option checks. */
    private static final Options.Probe FILES = new Options.Probe() {
        @Override
        public boolean readable(String file) {
            return java.nio.file.Files.isReadable(java.nio.file.Paths.get(file));
        }

        @Override
        public boolean executable(String path) {
            java.nio.file.Path p = java.nio.file.Paths.get(path);
            return java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isExecutable(p);
        }
    };

    /**
     * The name drbdadm looks for in the {@code on HOST} sections. As drbd-utils: the
     * {@code __DRBD_NODE__} override (announced on stderr), else the kernel's host name.
     * jdrbd extension: {@code JDRBD_HOSTNAME} names the node silently, so several jdrbdd nodes on
     * one machine (bin/demo, tests) can share one drbd.conf, each administered with its own
     * {@code JDRBD_HOSTNAME} and {@code JDRBD_CONTROL_SOCKET}; {@code __DRBD_NODE__} still wins.
     */
    private String hostname() {
        String forced = env.get("__DRBD_NODE__");
        if (forced != null && !forced.isEmpty()) {
            err.print("\n   found __DRBD_NODE__ in environment\n   PRETENDING that I am >>" + forced + "<<\n\n");
            return forced;
        }
        String jdrbd = env.get("JDRBD_HOSTNAME");
        if (jdrbd != null && !jdrbd.isEmpty()) {
            return jdrbd;
        }
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/sys/kernel/hostname"))).trim();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private int command(Options o, String hostname) {
        String cmd = o.command;
        if (Commands.ignoresNames(cmd) && !o.names.isEmpty()) {
            // said before the config is read, as drbd-utils does
            err.print("This command will ignore resource names!\n");
        }
        boolean expand = !(cmd.equals("dump") && !o.verbose) && !cmd.equals("dump-xml");
        Diag diag = new Diag(err);
        Config cfg = ConfigLoader.load(o, in, diag, hostname,
                env.get("DRBD_DRIVER_VERSION_OVERRIDE"), expand, !cmd.equals("dump"));
        if (diag.invalid()) {
            return 10;
        }
        if (Commands.ignoresNames(cmd)) {
            if (!o.names.isEmpty()) {
                Targets.Result tr = Targets.resolve(cfg, o.names, hostname, cmd, o.stacked);
                if (tr.error() != null) {
                    err.print(tr.error());
                    return tr.exitCode();
                }
            }
            return wholeConfig(o, cfg);
        }
        // "dump all" is plain "dump" (the whole config with its global section)
        boolean wholeDump = o.names.isEmpty() || o.names.get(0).equals("all");
        if (cmd.equals("dump-xml") && wholeDump) {
            if (!ipCheck(cfg, cfg.resources)) {
                return 10;
            }
            out.print(new org.jdrbd.drbdadm.conf.XmlDumper().dumpAll(cfg, cfg.resources));
            return 0;
        }
        if (cmd.equals("dump") && wholeDump) {
            if (!ipCheck(cfg, cfg.resources)) {
                return 10;
            }
            out.print(new Dumper(o.verbose, hostname).dumpAll(cfg, cfg.resources));
            return 0;
        }
        Targets.Result tr = Targets.resolve(cfg, o.names, hostname, cmd, o.stacked);
        if (tr.fatal()) {
            err.print(tr.error());
            return tr.exitCode();
        }
        // up and adjust queue their steps and run them only when every name was good
        boolean deferred = cmd.equals("up") || cmd.startsWith("adjust");
        boolean run = !tr.targets().isEmpty() && (tr.error() == null || !deferred);
        int rc = run ? onTargets(o, cfg, hostname, tr.targets()) : 0;
        if (tr.error() == null) {
            return rc;
        }
        err.print(tr.error());
        return Math.max(rc, tr.exitCode());
    }

    /** The commands that ignore resource names and work on the whole config. */
    private int wholeConfig(Options o, Config cfg) {
        switch (o.command) {
            case "sh-resources", "sh-mod-parms" -> {
                return ShCommands.global(o.command, cfg, out, o.stacked);
            }
            case "wait-con-int" -> {
                List<Target> all = new ArrayList<>();
                cfg.resources.stream().filter(r -> !r.ignored).forEach(r -> all.add(new Target(r, null, null)));
                return new Executor(o, out, err, in, env).run(new Planner(o.backendOpts).plan("wait-connect", all));
            }
            default -> {
                return 0;
            }
        }
    }

    private int onTargets(Options o, Config cfg, String hostname, List<Target> targets) {
        String cmd = o.command;
        if (cmd.equals("dump-xml")) {
            List<Resource> rs = new ArrayList<>();
            targets.forEach(t -> rs.add(t.res()));
            // for named resources drbd-utils reports a missing local IP but dumps anyway
            ipCheck(cfg, rs);
            out.print(new org.jdrbd.drbdadm.conf.XmlDumper().dumpResources(rs));
            return 0;
        }
        if (cmd.equals("dump")) {
            List<Resource> rs = new ArrayList<>();
            targets.forEach(t -> rs.add(t.res()));
            if (!ipCheck(cfg, rs)) {
                return 10;
            }
            out.print(new Dumper(o.verbose, hostname).dumpResources(rs));
            return 0;
        }
        if (cmd.startsWith("sh-")) {
            return ShCommands.perTarget(cmd, targets, out, err, cfg);
        }
        if (HANDLERS.contains(cmd)) {
            return HandlerRunner.run(cmd, targets.get(0).res(), cfg, env, out, err);
        }
        List<Cmd> plan = cmd.startsWith("adjust")
                ? new Adjust(o.backendOpts, !o.names.contains("all") && targets.size() == 1).plan(targets, RunningConfig.load(env, o.configFile))
                : new Planner(o.backendOpts).plan(cmd, targets);
        if (plan == null) {
            err.print("drbdadm: command '" + cmd + "' is not implemented in jdrbd yet\n");
            return 20;
        }
        return new Executor(o, out, err, in, env).run(plan);
    }

    private boolean ipCheck(Config cfg, List<Resource> rs) {
        if (cfg.global.containsKey("disable-ip-verification")) {
            return true;
        }
        boolean ok = true;
        for (Resource r : rs) {
            if (r.me != null && r.me.address != null && r.me.address.af().startsWith("ipv")
                    && r.me.kind == org.jdrbd.drbdadm.conf.Model.HostKind.ON
                    && !org.jdrbd.drbdadm.conf.ThisHost.haveIp(r.me.address.addr())) {
                err.print(r.file + ": in resource " + r.name + ", on " + String.join(" ", r.me.names)
                        + ":\n\tIP " + r.me.address.addr() + " not found on this host.\n");
                ok = false;
            }
        }
        return ok;
    }
}
