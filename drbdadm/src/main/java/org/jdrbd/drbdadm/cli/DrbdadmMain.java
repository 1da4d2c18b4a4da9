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
    private static final Set<String> NEED_VOLUME = Set.of("new-current-uuid", "set-gi", "sh-udev");

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
        Options o;
        try {
            o = Options.parse(args);
        } catch (picocli.CommandLine.ParameterException e) {
            err.println("drbdadm: " + e.getMessage());
            return 1;
        }
        if (o.version) {
            Version.print(out, env.get("DRBD_DRIVER_VERSION_OVERRIDE"));
            return 0;
        }
        if (o.command == null) {
            Usage.print(err, null);
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

    private String hostname() {
        String forced = env.get("__DRBD_NODE__");
        if (forced != null && !forced.isEmpty()) {
            err.print("\n   found __DRBD_NODE__ in environment\n   PRETENDING that I am >>" + forced + "<<\n\n");
            return forced;
        }
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/sys/kernel/hostname"))).trim();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private int command(Options o, String hostname) {
        String cmd = o.command;
        if (!Commands.known(cmd)) {
            err.print("drbdadm: Unknown command '" + cmd + "'\n");
            return 1;
        }
        boolean expand = !(cmd.equals("dump") && !o.verbose) && !cmd.equals("dump-xml");
        Diag diag = new Diag(err);
        Config cfg = ConfigLoader.load(o.configFile, in, diag, hostname,
                env.get("DRBD_DRIVER_VERSION_OVERRIDE"), expand);
        if (diag.invalid()) {
            return 10;
        }
        if (cmd.equals("sh-resources") || cmd.equals("sh-mod-parms")) {
            if (!o.names.isEmpty()) {
                err.print("This command will ignore resource names!\n");
            }
            return ShCommands.global(cmd, cfg, out);
        }
        if (cmd.equals("dump-xml") && o.names.isEmpty()) {
            out.print(new org.jdrbd.drbdadm.conf.XmlDumper().dumpAll(cfg, cfg.resources));
            return 0;
        }
        if (cmd.equals("dump") && o.names.isEmpty()) {
            if (!ipCheck(cfg, cfg.resources)) {
                return 10;
            }
            out.print(new Dumper(o.verbose, hostname).dumpAll(cfg, cfg.resources));
            return 0;
        }
        if (o.names.isEmpty()) {
            Usage.print(err, cmd);
            err.print("No resource names specified\n");
            return 1;
        }
        Targets.Result tr = Targets.resolve(cfg, o.names, hostname, cmd.equals("dump"));
        if (tr.error() != null) {
            err.print(tr.error());
            return 1;
        }
        List<Target> targets = tr.targets();
        if (NEED_VOLUME.contains(cmd)) {
            for (Target t : targets) {
                if (t.vnr() == null) {
                    err.print(cmd + " requires a specific volume id, but none is specified.\nTry '" + cmd
                            + " minor-<minor_number>' or '" + cmd + " " + t.res().name + "/<vnr>'\n");
                    return 1;
                }
            }
        }
        if (cmd.equals("dump-xml")) {
            List<Resource> rs = new ArrayList<>();
            targets.forEach(t -> rs.add(t.res()));
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
            return ShCommands.perTarget(cmd, targets, out, cfg);
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
