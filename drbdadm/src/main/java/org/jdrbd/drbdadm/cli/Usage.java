package org.jdrbd.drbdadm.cli;

import java.io.PrintStream;

/** The per-command usage text drbdadm prints when resource names are missing. */
final class Usage {
    private Usage() { }

    static void print(PrintStream err, String cmd) {
        err.print("USAGE: drbdadm " + (cmd == null ? "COMMAND" : cmd) + " [OPTION...] {all|RESOURCE...}\n"
                + "GENERAL OPTIONS:\n"
                + "  --stacked, -S\n  --dry-run, -d\n  --verbose, -v\n"
                + "  --config-file=..., -c ...\n  --config-to-test=..., -t ...\n"
                + "  --config-to-exclude=..., -E ...\n  --drbdsetup=..., -s ...\n"
                + "  --drbdmeta=..., -m ...\n  --drbd-proxy-ctl=..., -p ...\n"
                + "  --sh-varname=..., -n ...\n  --version, -V\n  --setup-option=..., -W ...\n"
                + "  --help, -h\n"
                + "Version: 9.22.0 (api:2)\n"
                + "GIT-hash: 409097fe02187f83790b88ac3e0d94f3c167adab reproducible build, 2023-01-09 14:51:18\n");
    }
}
