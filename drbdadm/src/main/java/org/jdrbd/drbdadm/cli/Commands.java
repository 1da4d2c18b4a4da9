package org.jdrbd.drbdadm.cli;

import java.util.Set;

/** The DRBD 9 drbdadm command names (normal, hidden, handler and expert ones). */
final class Commands {
    private static final Set<String> ALL = Set.of("adjust", "adjust-with-progress", "apply-al",
            "attach", "connect", "create-md", "cstate", "del-path", "del-peer", "detach",
            "disconnect", "disk-options", "down", "dstate", "dump", "dump-md", "dump-xml",
            "forget-peer", "get-gi", "hidden-commands", "invalidate", "invalidate-remote",
            "net-options", "new-path", "new-peer", "outdate", "pause-sync", "peer-device-options",
            "primary", "resize", "resource-options", "resume-sync", "role", "secondary", "show-gi",
            "status", "up", "verify", "wait-con-int", "wait-connect", "wait-sync", "wipe-md",
            "new-resource", "new-minor", "del-minor", "proxy-up", "proxy-down", "sh-dev", "sh-ip",
            "sh-ll-dev", "sh-lr-of", "sh-md-dev", "sh-md-idx", "sh-minor", "sh-mod-parms", "sh-nop",
            "sh-resource", "sh-resources", "sh-udev", "after-resync-target",
            "before-resync-source", "before-resync-target", "disconnected", "fence-peer",
            "initial-split-brain", "local-io-error", "out-of-sync", "pri-lost",
            "pri-lost-after-sb", "pri-on-incon-degr", "quorum-lost", "split-brain",
            "unfence-peer", "check-resize", "new-current-uuid", "resume-io", "set-gi", "suspend-io");

    private Commands() { }

    static boolean known(String c) {
        return ALL.contains(c);
    }
}
