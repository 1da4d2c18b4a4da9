package org.jdrbd.drbdadm.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;
import org.jdrbd.drbdadm.plan.Target;

/**
 * Resolves all / RES / RES/VNR / minor-N / RES:PEER[/VNR] into targets, in the order given.
 * As with drbd-utils, the names are taken one by one and the first bad one ends the list: the
 * targets before it still run, then drbdadm reports the problem ({@link Result#error}) and
 * exits with {@link Result#exitCode}. A few problems ({@link Result#fatal}) stop drbdadm before
 * anything runs.
 */
final class Targets {
    /** Targets that run, and the problem met after them (error null when there was none). */
    record Result(List<Target> targets, String error, int exitCode, boolean fatal) {
        static Result ok(List<Target> targets) {
            return new Result(targets, null, 0, false);
        }
    }

    private final Config cfg;
    private final String hostname;
    private final String cmd;
    private final boolean includeIgnored;
    private final List<String> names;
    private final boolean stacked;

    private Targets(Config cfg, String hostname, String cmd, List<String> names, boolean stacked) {
        this.stacked = stacked;
        this.cfg = cfg;
        this.hostname = hostname;
        this.cmd = cmd;
        this.includeIgnored = cmd.equals("dump");
        this.names = names;
    }

    /** stacked: drbdadm -S, where "all" means the stacked resources (else the others). */
    static Result resolve(Config cfg, List<String> names, String hostname, String cmd,
                          boolean stacked) {
        return new Targets(cfg, hostname, cmd, names, stacked).resolve();
    }

    private Result resolve() {
        List<Target> out = new ArrayList<>();
        if (names.get(0).equals("all")) {
            // drbd-utils takes "all" only as the first name and then ignores the others
            for (Resource r : cfg.resources) {
                if (eligible(r) && (r.stacked == stacked || includeIgnored)) {
                    out.add(new Target(r, null, null));
                }
            }
            if (out.isEmpty()) {
                return new Result(out, cfg.resources.isEmpty() ? "no resources defined!\n"
                        : stacked ? "WARN: nothing stacked for this host (" + hostname + "), nothing "
                        + "to do in stacked mode!\n"
                        : "WARN: no normal resources defined for this host (" + hostname + ")!?\n"
                        + "Misspelled name of the local machine with the 'on' keyword ?\n", 1, false);
            }
            return Result.ok(out);
        }
        Set<String> wholeNamed = new HashSet<>();
        for (String n : names) {
            Target t;
            try {
                t = one(n);
            } catch (Problem p) {
                return new Result(out, p.message, p.exitCode, false);
            }
            if (t.vnr() == null && !wholeNamed.add(t.res().name)) {
                return new Result(List.of(), "USAGE_BUG: " + n
                        + " would enable an already enabled connection\n", 1, true);
            }
            out.add(t);
        }
        return Result.ok(out);
    }

    /** A problem with one name: the message drbd-utils prints and its exit code. */
    private static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;
        final String message;
        final int exitCode;

        Problem(String message, int exitCode) {
            super(message, null, false, false);
            this.message = message;
            this.exitCode = exitCode;
        }
    }

    private Target one(String n) throws Problem {
        if (n.startsWith("minor-")) {
            Target t = byMinor(number(n.substring(6)));
            if (t == null) {
                throw unknown(n);
            }
            return scoped(t, n);
        }
        String res = n;
        String vnrText = null;
        int slash = res.indexOf('/');
        if (slash >= 0) {
            vnrText = res.substring(slash + 1);
            res = res.substring(0, slash);
        }
        String peer = null;
        int colon = res.indexOf(':');
        if (colon >= 0) {
            peer = res.substring(colon + 1);
            res = res.substring(0, colon);
        }
        Resource r = cfg.resource(res);
        if (r == null || !eligible(r)) {
            throw unknown(n);
        }
        Integer vnr = vnrText == null ? null : number(vnrText);
        Target t = new Target(r, vnr, peer);
        if (peer != null && t.connections().isEmpty()) {
            throw new Problem("Not a valid connection (" + n + ") for this host\n", 1);
        }
        if (vnr != null && t.volumes().isEmpty()) {
            throw new Problem("Resource '" + r.name + "' has no volume " + vnr + "\n", 1);
        }
        return scoped(t, n);
    }

    private Target scoped(Target t, String n) throws Problem {
        // an implicit volume (no volume section) stands for the whole resource
        boolean implicitOnly = t.res().me != null && t.res().me.volumes.size() == 1
                && t.res().me.volumes.get(0).implicit;
        if (t.vnr() != null && Commands.wholeResource(cmd) && !implicitOnly) {
            throw new Problem(cmd + " operates on whole resources, but you specified a "
                    + "specific volume!\n", 1);
        }
        if (t.vnr() == null && Commands.needsVolume(cmd) && implicitOnly) {
            return new Target(t.res(), t.res().me.volumes.get(0).vnr, t.peer());
        }
        if (t.vnr() == null && Commands.needsVolume(cmd)) {
            throw new Problem(cmd + " requires a specific volume id, but none is specified.\n"
                    + "Try '" + cmd + " minor-<minor_number>' or '" + cmd + " " + n + "/<vnr>'\n", 1);
        }
        return t;
    }

    /**
     * drbd-utils names an unknown resource only when no other name on the command line is a
     * resource of the config; otherwise it just fails.
     */
    private Problem unknown(String n) {
        for (String other : names) {
            String res = other.split("[/:]", 2)[0];
            if (!other.equals(n) && cfg.resource(res) != null) {
                return new Problem("", 1);
            }
        }
        return new Problem("'" + n + "' not defined in your config (for this host).\n", 1);
    }

    /** Resources a command may address: this host's (dump: all); proxy commands: proxied ones. */
    private boolean eligible(Resource r) {
        if (cmd.startsWith("proxy-")) {
            return !r.ignored && r.me.proxy != null;
        }
        return !r.ignored || includeIgnored;
    }

    private static int number(String text) throws Problem {
        if (text.isEmpty()) {
            throw new Problem("missing number argument\n", 100);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new Problem(text + " is not a valid number\n", 20);
        }
    }

    private Target byMinor(int minor) {
        for (Resource r : cfg.resources) {
            if (r.me != null && eligible(r)) {
                for (Volume v : r.me.volumes) {
                    if (v.minor == minor) {
                        return new Target(r, v.vnr, null);
                    }
                }
            }
        }
        return null;
    }
}
