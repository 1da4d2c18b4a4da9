package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * drbdadm's help texts (all on stdout, as drbd-utils prints them): the usage of one command
 * or of drbdadm with the command list, and the hidden-commands list.
 */
final class Usage {
    /** The commands "drbdadm help" lists. */
    private static final List<String> COMMANDS = List.of("adjust", "adjust-with-progress",
            "apply-al", "attach", "connect", "create-md", "cstate", "del-path", "del-peer", "detach",
            "disconnect", "disk-options", "down", "dstate", "dump", "dump-md", "dump-xml",
            "forget-peer", "get-gi", "hidden-commands", "invalidate", "invalidate-remote",
            "net-options", "new-path", "new-peer", "outdate", "pause-sync", "peer-device-options",
            "primary", "resize", "resource-options", "resume-sync", "role", "secondary", "show-gi",
            "status", "up", "verify", "wait-con-int", "wait-connect", "wait-sync", "wipe-md");
    /** hidden-commands: helpers for scripts. */
    private static final List<String> SCRIPT_HELPERS = List.of("new-resource", "proxy-down",
            "proxy-up", "sh-dev", "sh-ip", "sh-ll-dev", "sh-lr-of", "sh-md-dev", "sh-md-idx",
            "sh-minor", "sh-mod-parms", "sh-nop", "sh-resource", "sh-resources", "sh-udev");
    /** hidden-commands: the handler entry points the kernel part calls. */
    private static final List<String> HANDLERS = List.of("after-resync-target",
            "before-resync-source", "before-resync-target", "disconnected", "fence-peer",
            "initial-split-brain", "local-io-error", "out-of-sync", "pri-lost",
            "pri-lost-after-sb", "pri-on-incon-degr", "quorum-lost", "split-brain", "unfence-peer");
    /** hidden-commands: expert commands. */
    private static final List<String> EXPERT = List.of("check-resize", "del-minor",
            "new-current-uuid", "new-minor", "resume-io", "set-gi", "suspend-io");

    private Usage() { }

    /** Usage of cmd (its options listed), or of drbdadm with the command list when cmd is null. */
    static void print(PrintStream out, String cmd) {
        StringBuilder b = new StringBuilder("\nUSAGE: drbdadm " + (cmd == null ? "COMMAND" : cmd)
                + " [OPTION...] {all|RESOURCE...}\n\n"
                + "GENERAL OPTIONS:\n"
                + "  --stacked, -S\n  --dry-run, -d\n  --verbose, -v\n"
                + "  --config-file=..., -c ...\n  --config-to-test=..., -t ...\n"
                + "  --config-to-exclude=..., -E ...\n  --drbdsetup=..., -s ...\n"
                + "  --drbdmeta=..., -m ...\n  --drbd-proxy-ctl=..., -p ...\n"
                + "  --sh-varname=..., -n ...\n  --version, -V\n  --setup-option=..., -W ...\n"
                + "  --help, -h\n\n");
        if (cmd == null) {
            b.append("COMMANDS:\n");
            columns(b, COMMANDS);
            b.append('\n');
        } else if (!CommandOptions.listed(cmd).isEmpty()) {
            b.append("OPTIONS FOR ").append(cmd).append(":\n");
            CommandOptions.listed(cmd).forEach(o -> b.append("  ").append(o).append('\n'));
            b.append('\n');
        }
        b.append("Version: 9.22.0 (api:2)\n"
                + "GIT-hash: 409097fe02187f83790b88ac3e0d94f3c167adab reproducible build, 2023-01-09 14:51:18\n");
        out.print(b);
    }

    /** drbdadm hidden-commands. */
    static void hidden(PrintStream out) {
        StringBuilder b = new StringBuilder("\nThese additional commands might be useful for writing\n"
                + "nifty shell scripts around drbdadm:\n\n");
        columns(b, SCRIPT_HELPERS);
        b.append("\nThese commands are used by the kernel part of DRBD to\n"
                + "invoke user mode helper programs:\n\n");
        columns(b, HANDLERS);
        b.append("\nThese commands ought to be used by experts and developers:\n\n");
        columns(b, EXPERT);
        b.append('\n');
        out.print(b);
    }

    /** Two columns filled top to bottom, each entry " %-35s". */
    private static void columns(StringBuilder b, List<String> names) {
        int rows = (names.size() + 1) / 2;
        for (int i = 0; i < rows; i++) {
            cell(b, names.get(i));
            if (i + rows < names.size()) {
                cell(b, names.get(i + rows));
            }
            b.append('\n');
        }
    }

    private static void cell(StringBuilder b, String name) {
        b.append(' ').append(name);
        for (int i = name.length(); i < 35; i++) {
            b.append(' ');
        }
    }
}
