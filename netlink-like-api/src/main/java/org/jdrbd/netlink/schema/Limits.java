package org.jdrbd.netlink.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of drbd.conf option keywords (DRBD 9 mode): section, type, default unit,
 * default and range. Values come from {@code drbdsetup xml-help} of drbd-utils 9.22 and
 * drbd_limits.h. drbdadm's parser and planner, the control protocol schema ({@link Tags}) and
 * drbdsetup's option parsing all read it: one table, one truth (STYLE.md rule 8).
 */
public final class Limits {

    /** Where an option keyword lives and which drbdsetup command receives it. */
    public enum Section {
        /** net { } → new-peer / net-options */ NET,
        /** disk { } attach/disk-options part */ DISK,
        /** disk { } peer-device part → peer-device-options */ PEER_DEVICE,
        /** options { } → new-resource / resource-options */ RESOURCE,
        /** startup { } → drbdadm wait-* */ STARTUP,
        /** handlers { } → drbdadm handler entry points */ HANDLERS,
        /** proxy { } → drbd-proxy-ctl */ PROXY
    }

    /** How a value is checked. */
    public enum Type {
        /** number with optional K/M/G/s suffix */ NUMBER,
        /** one of a fixed list of words */ ENUM,
        /** yes / no; bare keyword means yes */ BOOLEAN,
        /** free text, optionally length-limited */ STRING,
        /** a number in range or one of the symbols */ NUMBER_OR_SYMBOL,
        /** keyword without value */ FLAG
    }

    /**
     * One keyword. unit is the default unit letter ('1' plain, 'k' KiB, 's' sectors);
     * checked=false for numbers drbd-utils 9.22 passes through unchecked.
     */
    public record Option(String name, Section section, Type type, char unit, String dflt,
                         long min, long max, List<String> symbols, int maxLen, boolean checked) { }

    private static final Map<String, Option> NET = new LinkedHashMap<>();
    private static final Map<String, Option> DISK = new LinkedHashMap<>();
    private static final Map<String, Option> PEER_DEVICE = new LinkedHashMap<>();
    private static final Map<String, Option> RESOURCE = new LinkedHashMap<>();
    private static final Map<String, Option> STARTUP = new LinkedHashMap<>();
    private static final Map<String, Option> HANDLERS = new LinkedHashMap<>();
    private static final Map<String, Option> PROXY = new LinkedHashMap<>();

    static {
        net();
        disk();
        peerDevice();
        resource();
        startup();
        handlers();
        proxy();
    }

    private Limits() { }

    private static void net() {
        num(NET, "transport", Type.STRING, 0);
        enDefault(NET, "protocol", "C", "A", "B", "C");
        num(NET, "timeout", 1, 600, "60", '1');
        num(NET, "max-epoch-size", 1, 20000, "2048", '1');
        num(NET, "connect-int", 1, 120, "10", '1');
        num(NET, "ping-int", 1, 120, "10", '1');
        num(NET, "sndbuf-size", 0, 10485760, "0", '1');
        num(NET, "rcvbuf-size", 0, 10485760, "0", '1');
        num(NET, "ko-count", 0, 200, "7", '1');
        bool(NET, "allow-two-primaries", "no");
        num(NET, "cram-hmac-alg", Type.STRING, 63);
        num(NET, "shared-secret", Type.STRING, 63);
        en(NET, "after-sb-0pri", "disconnect", "discard-younger-primary", "discard-older-primary",
                "discard-zero-changes", "discard-least-changes", "discard-local", "discard-remote");
        en(NET, "after-sb-1pri", "disconnect", "consensus", "discard-secondary",
                "call-pri-lost-after-sb", "violently-as0p");
        en(NET, "after-sb-2pri", "disconnect", "call-pri-lost-after-sb", "violently-as0p");
        bool(NET, "always-asbp", "no");
        en(NET, "rr-conflict", "disconnect", "call-pri-lost", "violently", "retry-connect",
                "auto-discard");
        num(NET, "ping-timeout", 1, 300, "5", '1');
        num(NET, "data-integrity-alg", Type.STRING, 63);
        bool(NET, "tcp-cork", "yes");
        en(NET, "on-congestion", "block", "pull-ahead", "disconnect");
        num(NET, "congestion-fill", 0, 20971520, "0", 's');
        num(NET, "congestion-extents", 67, 65534, "1237", '1');
        num(NET, "csums-alg", Type.STRING, 63);
        bool(NET, "csums-after-crash-only", "no");
        num(NET, "verify-alg", Type.STRING, 63);
        bool(NET, "use-rle", "yes");
        num(NET, "socket-check-timeout", 0, 300, "0", '1');
        en(NET, "fencing", "dont-care", "resource-only", "resource-and-stonith");
        num(NET, "max-buffers", 32, 131072, "2048", '1');
        bool(NET, "allow-remote-read", "yes");
        num(NET, "_name", Type.STRING, 0);
    }

    private static void disk() {
        num(DISK, "size", 0, 2199023255552L, "0", 's');
        enDefault(DISK, "on-io-error", "detach", "pass_on", "call-local-io-error", "detach");
        bool(DISK, "disk-barrier", "no");
        bool(DISK, "disk-flushes", "yes");
        bool(DISK, "disk-drain", "yes");
        bool(DISK, "md-flushes", "yes");
        num(DISK, "resync-after", Type.STRING, 0);
        put(DISK, new Option("al-extents", null, Type.NUMBER, '1', "1237", 67, 65534,
                List.of(), 0, false));
        bool(DISK, "al-updates", "yes");
        bool(DISK, "discard-zeroes-if-aligned", "yes");
        bool(DISK, "disable-write-same", "no");
        num(DISK, "disk-timeout", 0, 6000, "0", '1');
        en(DISK, "read-balancing", "prefer-local", "prefer-remote", "round-robin",
                "least-pending", "when-congested-remote", "32K-striping", "64K-striping",
                "128K-striping", "256K-striping", "512K-striping", "1M-striping");
        num(DISK, "rs-discard-granularity", 0, 1048576, "0", '1');
    }

    private static void peerDevice() {
        num(PEER_DEVICE, "resync-rate", 1, 8388608, "250", 'k');
        num(PEER_DEVICE, "c-plan-ahead", 0, 300, "20", '1');
        num(PEER_DEVICE, "c-delay-target", 1, 100, "10", '1');
        num(PEER_DEVICE, "c-fill-target", 0, 1048576, "100", 's');
        num(PEER_DEVICE, "c-max-rate", 0, 4194304, "102400", 'k');
        num(PEER_DEVICE, "c-min-rate", 0, 4194304, "250", 'k');
        bool(PEER_DEVICE, "bitmap", "yes");
    }

    private static void resource() {
        num(RESOURCE, "cpu-mask", Type.STRING, 0);
        en(RESOURCE, "on-no-data-accessible", "io-error", "suspend-io");
        bool(RESOURCE, "auto-promote", "yes");
        num(RESOURCE, "peer-ack-window", 2048, 204800, "4096", 's');
        num(RESOURCE, "peer-ack-delay", 1, 10000, "100", '1');
        num(RESOURCE, "twopc-timeout", 50, 600, "300", '1');
        num(RESOURCE, "twopc-retry-timeout", 1, 50, "1", '1');
        num(RESOURCE, "auto-promote-timeout", 0, 600, "20", '1');
        num(RESOURCE, "max-io-depth", 4, 4294967295L, "8000", '1');
        put(RESOURCE, new Option("quorum", null, Type.NUMBER_OR_SYMBOL, '1', "off", 1, 32,
                List.of("off", "majority", "all"), 0, true));
        enDefault(RESOURCE, "on-no-quorum", "suspend-io", "io-error", "suspend-io");
        put(RESOURCE, new Option("quorum-minimum-redundancy", null, Type.NUMBER_OR_SYMBOL, '1',
                "off", 1, 32, List.of("off", "majority", "all"), 0, true));
        en(RESOURCE, "on-suspended-primary-outdated", "disconnect", "force-secondary");
    }

    private static void startup() {
        num(STARTUP, "wfc-timeout", 0, 300000, "0", '1');
        num(STARTUP, "degr-wfc-timeout", 0, 300000, "0", '1');
        num(STARTUP, "outdated-wfc-timeout", 0, 300000, "0", '1');
        bool(STARTUP, "wait-after-sb", "no");
        put(STARTUP, new Option("stacked-timeouts", null, Type.FLAG, '1', null, 0, 0,
                List.of(), 0, true));
        num(STARTUP, "become-primary-on", Type.STRING, 0);
    }

    private static void handlers() {
        for (String h : List.of("pri-on-incon-degr", "pri-lost-after-sb", "pri-lost",
                "initial-split-brain", "split-brain", "outdate-peer", "fence-peer",
                "unfence-peer", "local-io-error", "before-resync-target", "after-resync-target",
                "before-resync-source", "out-of-sync", "quorum-lost", "disconnected")) {
            num(HANDLERS, h, Type.STRING, 0);
        }
    }

    private static void proxy() {
        for (String p : List.of("memlimit", "read-loops", "compression", "bwlimit",
                "sndbuf-size", "rcvbuf-size", "ping-timeout")) {
            put(PROXY, new Option(p, null, Type.NUMBER, '1', null, 0, Long.MAX_VALUE,
                    List.of(), 0, false));
        }
    }

    private static void put(Map<String, Option> m, Option o) {
        Section s = m == NET ? Section.NET : m == DISK ? Section.DISK
                : m == PEER_DEVICE ? Section.PEER_DEVICE : m == RESOURCE ? Section.RESOURCE
                : m == STARTUP ? Section.STARTUP : m == HANDLERS ? Section.HANDLERS
                : Section.PROXY;
        m.put(o.name(), new Option(o.name(), s, o.type(), o.unit(), o.dflt(), o.min(), o.max(),
                o.symbols(), o.maxLen(), o.checked()));
    }

    private static void num(Map<String, Option> m, String n, long min, long max, String d,
                            char unit) {
        put(m, new Option(n, null, Type.NUMBER, unit, d, min, max, List.of(), 0, true));
    }

    private static void num(Map<String, Option> m, String n, Type t, int maxLen) {
        put(m, new Option(n, null, t, '1', null, 0, 0, List.of(), maxLen, true));
    }

    private static void en(Map<String, Option> m, String n, String... values) {
        put(m, new Option(n, null, Type.ENUM, '1', values[0], 0, 0, List.of(values), 0, true));
    }

    /** An enum whose default is not its first symbol. */
    private static void enDefault(Map<String, Option> m, String n, String d, String... values) {
        put(m, new Option(n, null, Type.ENUM, '1', d, 0, 0, List.of(values), 0, true));
    }

    private static void bool(Map<String, Option> m, String n, String d) {
        put(m, new Option(n, null, Type.BOOLEAN, '1', d, 0, 0, List.of(), 0, true));
    }

    /** The keywords of one section in table order. */
    public static Map<String, Option> section(Section s) {
        Map<String, Option> m = switch (s) {
            case NET -> NET;
            case DISK -> DISK;
            case PEER_DEVICE -> PEER_DEVICE;
            case RESOURCE -> RESOURCE;
            case STARTUP -> STARTUP;
            case HANDLERS -> HANDLERS;
            case PROXY -> PROXY;
        };
        return Collections.unmodifiableMap(m);
    }

    /** Names of a section joined with " | " (as in parse error messages). */
    public static String names(Section s) {
        return String.join(" | ", new ArrayList<>(section(s).keySet()));
    }

    /** Looks a keyword up in one section, or null. */
    public static Option lookup(Section s, String name) {
        return section(s).get(name);
    }
}
