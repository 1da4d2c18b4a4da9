package org.jdrbd.drbdadm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The backend options each drbdadm command accepts on its command line (drbd-utils 9.22 takes
 * them from drbdsetup's and drbdmeta's option tables), in the order "drbdadm help CMD" lists
 * them. "name=" takes a value; "name?" may take one ("--name" or "--name=value").
 */
final class CommandOptions {
    private static final List<String> FORCE = List.of("force?");
    private static final List<String> DISK = List.of("size=", "on-io-error=", "disk-barrier?",
            "disk-flushes?", "disk-drain?", "md-flushes?", "resync-after=", "al-extents=",
            "al-updates?", "discard-zeroes-if-aligned?", "disable-write-same?", "disk-timeout=",
            "read-balancing=", "rs-discard-granularity=");
    private static final List<String> NET = List.of("protocol=", "timeout=", "max-epoch-size=",
            "connect-int=", "ping-int=", "sndbuf-size=", "rcvbuf-size=", "ko-count=",
            "allow-two-primaries?", "cram-hmac-alg=", "shared-secret=", "after-sb-0pri=",
            "after-sb-1pri=", "after-sb-2pri=", "always-asbp?", "rr-conflict=", "ping-timeout=",
            "data-integrity-alg=", "tcp-cork?", "on-congestion=", "congestion-fill=",
            "congestion-extents=", "csums-alg=", "csums-after-crash-only?", "verify-alg=",
            "use-rle?", "socket-check-timeout=", "fencing=", "max-buffers=", "allow-remote-read?",
            "_name=");
    private static final List<String> RESOURCE = List.of("cpu-mask=", "on-no-data-accessible=",
            "auto-promote?", "peer-ack-window=", "peer-ack-delay=", "twopc-timeout=",
            "twopc-retry-timeout=", "auto-promote-timeout=", "max-io-depth=", "quorum=",
            "on-no-quorum=", "quorum-minimum-redundancy=", "on-suspended-primary-outdated=");
    private static final Map<String, List<String>> TABLE = Map.ofEntries(
            Map.entry("adjust", List.of("skip-disk?", "skip-net?", "tentative?", "discard-my-data?")),
            Map.entry("apply-al", FORCE),
            Map.entry("attach", DISK),
            Map.entry("connect", List.of("tentative?", "discard-my-data?")),
            Map.entry("create-md", List.of("max-peers=", "peer-max-bio-size=", "al-stripes=",
                    "al-stripe-size-kB=", "force?")),
            Map.entry("del-peer", FORCE),
            Map.entry("detach", List.of("force?", "diskless?")),
            Map.entry("disconnect", FORCE),
            Map.entry("disk-options", DISK),
            Map.entry("dstate", FORCE),
            Map.entry("dump-md", FORCE),
            Map.entry("forget-peer", FORCE),
            Map.entry("get-gi", FORCE),
            Map.entry("invalidate", List.of("force?", "sync-from-peer-node-id=", "reset-bitmap?")),
            Map.entry("invalidate-remote", List.of("reset-bitmap?")),
            Map.entry("net-options", NET),
            Map.entry("new-peer", concat(List.of("transport="), NET)),
            Map.entry("peer-device-options", List.of("resync-rate=", "c-plan-ahead=",
                    "c-delay-target=", "c-fill-target=", "c-max-rate=", "c-min-rate=", "bitmap?")),
            Map.entry("primary", FORCE),
            Map.entry("resize", List.of("size=", "assume-peer-has-space?", "assume-clean?",
                    "al-stripes=", "al-stripe-size-kB=")),
            Map.entry("resource-options", RESOURCE),
            Map.entry("secondary", FORCE),
            Map.entry("show-gi", FORCE),
            Map.entry("verify", List.of("start=", "stop=")),
            Map.entry("wipe-md", FORCE),
            Map.entry("new-resource", RESOURCE),
            Map.entry("new-current-uuid", List.of("clear-bitmap?", "force-resync?")),
            Map.entry("new-minor", List.of("max-bio-size=", "diskless?")));
    /** Accepted although "help" does not list it (drbdmeta's --force). */
    private static final Map<String, List<String>> UNLISTED = Map.of("set-gi", FORCE);

    private CommandOptions() { }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The options "drbdadm help CMD" lists, as "--name=..." / "--name[=...]". */
    static List<String> listed(String cmd) {
        List<String> out = new ArrayList<>();
        for (String o : TABLE.getOrDefault(cmd, List.of())) {
            String name = o.substring(0, o.length() - 1);
            out.add("--" + name + (o.endsWith("=") ? "=..." : "[=...]"));
        }
        return out;
    }

    /** Whether cmd accepts the option name (without dashes). */
    static boolean accepts(String cmd, String name) {
        for (List<String> l : List.of(TABLE.getOrDefault(cmd, List.of()),
                UNLISTED.getOrDefault(cmd, List.of()))) {
            for (String o : l) {
                if (o.substring(0, o.length() - 1).equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The order in which drbd-utils puts the commands' options into its one getopt table (seen
     * in its "is ambiguous" messages); commands that only take --force add nothing new.
     */
    private static final List<String> GETOPT_ORDER = List.of("attach", "disk-options", "detach",
            "new-peer", "connect", "net-options", "disconnect", "del-peer", "primary", "secondary",
            "resource-options", "peer-device-options", "invalidate", "invalidate-remote", "resize",
            "verify", "adjust", "create-md", "dstate", "dump-md", "apply-al", "wipe-md", "get-gi",
            "show-gi", "forget-peer", "new-resource", "new-current-uuid", "new-minor");

    /**
     * Every command's options in getopt-table order, repeats included ("name=" needs a value,
     * "name?" may take one); command-line words are matched against these.
     */
    static List<String> getoptTable() {
        List<String> out = new ArrayList<>();
        GETOPT_ORDER.forEach(c -> out.addAll(TABLE.get(c)));
        return out;
    }
}
