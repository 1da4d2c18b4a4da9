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

    /** Commands that refuse RES/VNR and minor-N ("operates on whole resources"). */
    private static final Set<String> WHOLE_RESOURCE = Set.of("adjust-with-progress", "connect",
            "cstate", "del-path", "del-peer", "disconnect", "down", "dump", "dump-xml",
            "forget-peer", "net-options", "new-path", "new-peer", "new-resource", "primary", "proxy-down",
            "proxy-up",
            "resource-options", "role", "secondary", "sh-nop", "status", "up", "wait-con-int",
            "after-resync-target", "before-resync-source", "before-resync-target", "disconnected",
            "fence-peer", "initial-split-brain", "local-io-error", "out-of-sync", "pri-lost",
            "pri-lost-after-sb", "pri-on-incon-degr", "quorum-lost", "split-brain",
            "unfence-peer");
    /** Commands that need RES/VNR or minor-N when a resource is named (not with "all"). */
    private static final Set<String> NEED_VOLUME = Set.of("new-current-uuid", "set-gi", "sh-udev");
    /** Commands that work on the whole config; names given are only checked. */
    private static final Set<String> IGNORE_NAMES = Set.of("sh-resources", "sh-mod-parms",
            "sh-nop", "wait-con-int");

    private Commands() { }

    static boolean wholeResource(String c) {
        return WHOLE_RESOURCE.contains(c);
    }

    static boolean needsVolume(String c) {
        return NEED_VOLUME.contains(c);
    }

    /** Commands that need no resource names (the others print their usage without). */
    static boolean worksWithoutNames(String c) {
        return IGNORE_NAMES.contains(c) || c.equals("dump") || c.equals("dump-xml");
    }

    static boolean ignoresNames(String c) {
        return IGNORE_NAMES.contains(c);
    }

    static boolean known(String c) {
        return ALL.contains(c);
    }
}
