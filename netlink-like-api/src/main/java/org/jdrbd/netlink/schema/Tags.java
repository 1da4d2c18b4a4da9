package org.jdrbd.netlink.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every tag of the control protocol: protocol tags (results, arguments, command flags, snapshot
 * and event records) and one tag per drbd.conf option, whose type, default and range come from
 * {@link Limits}. Numbers are pinned forever: append new tags, never renumber, never reuse
 * (TagNumbersTest compares this table with a checked-in list).
 */
public final class Tags {
    private static final Map<Integer, TagDef> BY_NUMBER = new LinkedHashMap<>();
    private static final Map<String, TagDef> BY_NAME = new LinkedHashMap<>();
    private static final Map<Limits.Section, List<TagDef>> BY_SECTION = new LinkedHashMap<>();

    /**
     * Options whose silent loss would change data safety or the outcome: a receiver that does
     * not know them must refuse the request rather than run without them.
     */
    private static final Set<String> MANDATORY_OPTIONS = Set.of("protocol", "allow-two-primaries",
            "after-sb-0pri", "after-sb-1pri", "after-sb-2pri", "rr-conflict", "fencing",
            "on-io-error", "size", "disk-barrier", "disk-flushes", "disk-drain", "md-flushes",
            "al-updates", "quorum", "on-no-quorum", "on-no-data-accessible", "verify-alg",
            "csums-alg", "shared-secret", "cram-hmac-alg", "data-integrity-alg", "transport");

    /** Options that can only be given when the object is created. */
    private static final Set<String> INVARIANT_OPTIONS = Set.of("transport");

    /** Longest resource name; also the header's limit. */
    public static final int MAX_NAME_BYTES = 128;
    /** Longest path or free text value carried in a string tag. */
    public static final int MAX_TEXT_BYTES = 4096;

    // ---- protocol tags (1..99) ----
    /** Result code of a reply: ERR_* (101..) or SS_* (<= 4). */
    public static final TagDef RESULT_CODE = proto(1, "result-code", TagType.S32, true);
    /** Human-readable detail of a reply. */
    public static final TagDef RESULT_TEXT = str(2, "result-text", MAX_TEXT_BYTES, false);
    /** Own node id (new-resource). */
    public static final TagDef NODE_ID = inv(3, "node-id", TagType.U32);
    /** Backing device path (attach). */
    public static final TagDef BACKING_DEV = str(4, "backing-dev", MAX_TEXT_BYTES, true);
    /** Meta-data device path (attach). */
    public static final TagDef META_DEV = str(5, "meta-dev", MAX_TEXT_BYTES, true);
    /** Meta-data index: internal, flexible or a number (attach). */
    public static final TagDef META_IDX = str(6, "meta-idx", 32, true);
    /** Local address AF:IP:PORT (new-path, del-path). */
    public static final TagDef LOCAL_ADDR = str(7, "local-addr", 128, true);
    /** Peer address AF:IP:PORT (new-path, del-path). */
    public static final TagDef PEER_ADDR = str(8, "peer-addr", 128, true);
    /** --force: changes the outcome, so a receiver must understand it. */
    public static final TagDef FORCE = flag(9, "force", true);
    /** --clear-bitmap of new-current-uuid. */
    public static final TagDef CLEAR_BITMAP = flag(10, "clear-bitmap", true);
    /** --diskless of new-minor. */
    public static final TagDef DISKLESS = flag(11, "diskless", true);
    /** --verbose of status. */
    public static final TagDef VERBOSE = flag(12, "verbose", false);
    /** --statistics of status / events2. */
    public static final TagDef STATISTICS = flag(13, "statistics", false);
    /** --now of events2: end after the initial dump. */
    public static final TagDef NOW = flag(14, "now", false);
    /** --timestamps of events2 (the client formats them). */
    public static final TagDef TIMESTAMPS = flag(15, "timestamps", false);
    /** One object of a snapshot reply (nested: OBJECT_TYPE, FIELD...). */
    public static final TagDef OBJECT = nested(16, "object", true);
    /** ObjectType wire code. */
    public static final TagDef OBJECT_TYPE = proto(17, "object-type", TagType.U8, true);
    /** EventAction wire code. */
    public static final TagDef EVENT_ACTION = proto(18, "event-action", TagType.U8, true);
    /** One key/value field (nested: FIELD_KEY, FIELD_VALUE). */
    public static final TagDef FIELD = nested(19, "field", true);
    /** Field key as printed by events2. */
    public static final TagDef FIELD_KEY = str(20, "field-key", 64, true);
    /** Field value as printed by events2. */
    public static final TagDef FIELD_VALUE = str(21, "field-value", MAX_TEXT_BYTES, true);
    /** Event time, microseconds since the epoch. */
    public static final TagDef TIMESTAMP_US = proto(22, "timestamp-us", TagType.U64, false);
    /** net { } options (nested). */
    public static final TagDef NET_CONF = nested(23, "net-conf", false);
    /** disk { } options (nested). */
    public static final TagDef DISK_CONF = nested(24, "disk-conf", false);
    /** peer-device options (nested). */
    public static final TagDef PEER_DEVICE_CONF = nested(25, "peer-device-conf", false);
    /** resource options (nested). */
    public static final TagDef RESOURCE_CONF = nested(26, "resource-conf", false);
    /** startup { } wait timeouts (nested). */
    public static final TagDef STARTUP_CONF = nested(27, "startup-conf", false);
    /** Current data generation UUID (get-gi). */
    public static final TagDef CURRENT_UUID = proto(28, "current-uuid", TagType.U64, false);
    /** Bitmap UUID of the peer slot (get-gi). */
    public static final TagDef BITMAP_UUID = proto(29, "bitmap-uuid", TagType.U64, false);
    /** Younger history UUID (get-gi). */
    public static final TagDef HISTORY0_UUID = proto(30, "history0-uuid", TagType.U64, false);
    /** Older history UUID (get-gi). */
    public static final TagDef HISTORY1_UUID = proto(31, "history1-uuid", TagType.U64, false);
    /** Superblock flags (MdFlags bits). */
    public static final TagDef MD_FLAGS = proto(32, "md-flags", TagType.U32, false);
    /** Peer slot flags (MdFlags PEER_* bits). */
    public static final TagDef PEER_MD_FLAGS = proto(33, "peer-md-flags", TagType.U32, false);
    /** Last agreed size in sectors (show-gi). */
    public static final TagDef LA_SIZE_SECT = proto(34, "la-size-sect", TagType.U64, false);
    /** Last agreed max bio size in bytes (show-gi). */
    public static final TagDef LA_MAX_BIO_BYTES = proto(35, "la-max-bio-bytes", TagType.U32, false);
    /** resize --assume-peer-has-space. */
    public static final TagDef ASSUME_PEER_HAS_SPACE = flag(36, "assume-peer-has-space", true);
    /** resize --assume-clean. */
    public static final TagDef ASSUME_CLEAN = flag(37, "assume-clean", true);
    /** resize --al-stripes. */
    public static final TagDef AL_STRIPES = proto(38, "al-stripes", TagType.U32, true);
    /** resize --al-stripe-size-kB. */
    public static final TagDef AL_STRIPE_SIZE_KB = proto(39, "al-stripe-size-kB", TagType.U32, true);
    /** verify --start, in sectors. */
    public static final TagDef VERIFY_START = proto(40, "start", TagType.U64, true);
    /** verify --stop, in sectors. */
    public static final TagDef VERIFY_STOP = proto(41, "stop", TagType.U64, true);
    /** A wait-* reply: the timeout expired before the condition held (drbdsetup exits 5). */
    public static final TagDef TIMED_OUT = flag(42, "timed-out", true);
    /** connect --discard-my-data: this node gives up its data in a split brain (one-shot). */
    public static final TagDef DISCARD_MY_DATA = flag(43, "discard-my-data", true);
    /** connect --tentative (--dry-run): only report what the handshake would do, then drop. */
    public static final TagDef TENTATIVE = flag(44, "tentative", true);
    /** *-options --set-defaults: options not named go back to their defaults. */
    public static final TagDef SET_DEFAULTS = flag(45, "set-defaults", true);

    /*
     * Option tags: number = block base + position. Append only; a retired keyword keeps its
     * place in the list so later numbers never move.
     */
    static {
        options(Limits.Section.NET, 100, "transport", "protocol", "timeout", "max-epoch-size",
                "connect-int", "ping-int", "sndbuf-size", "rcvbuf-size", "ko-count",
                "allow-two-primaries", "cram-hmac-alg", "shared-secret", "after-sb-0pri",
                "after-sb-1pri", "after-sb-2pri", "always-asbp", "rr-conflict", "ping-timeout",
                "data-integrity-alg", "tcp-cork", "on-congestion", "congestion-fill",
                "congestion-extents", "csums-alg", "csums-after-crash-only", "verify-alg",
                "use-rle", "socket-check-timeout", "fencing", "max-buffers", "allow-remote-read",
                "_name");
        options(Limits.Section.DISK, 200, "size", "on-io-error", "disk-barrier", "disk-flushes",
                "disk-drain", "md-flushes", "resync-after", "al-extents", "al-updates",
                "discard-zeroes-if-aligned", "disable-write-same", "disk-timeout",
                "read-balancing", "rs-discard-granularity");
        options(Limits.Section.PEER_DEVICE, 300, "resync-rate", "c-plan-ahead",
                "c-delay-target", "c-fill-target", "c-max-rate", "c-min-rate", "bitmap");
        options(Limits.Section.RESOURCE, 400, "cpu-mask", "on-no-data-accessible",
                "auto-promote", "peer-ack-window", "peer-ack-delay", "twopc-timeout",
                "twopc-retry-timeout", "auto-promote-timeout", "max-io-depth", "quorum",
                "on-no-quorum", "quorum-minimum-redundancy", "on-suspended-primary-outdated");
        options(Limits.Section.STARTUP, 500, "wfc-timeout", "degr-wfc-timeout",
                "outdated-wfc-timeout", "wait-after-sb");
    }

    private Tags() { }

    private static TagDef add(TagDef d) {
        if (BY_NUMBER.putIfAbsent(d.number(), d) != null) {
            throw new IllegalStateException("tag number reused: " + d.number());
        }
        return d;
    }

    private static TagDef proto(int n, String name, TagType t, boolean mandatory) {
        return add(new TagDef(n, name, t, t.fixedBytes(), false, false, mandatory, null));
    }

    private static TagDef inv(int n, String name, TagType t) {
        return add(new TagDef(n, name, t, t.fixedBytes(), false, true, true, null));
    }

    private static TagDef str(int n, String name, int maxBytes, boolean mandatory) {
        return add(new TagDef(n, name, TagType.STRING, maxBytes, false, false, mandatory, null));
    }

    private static TagDef flag(int n, String name, boolean mandatory) {
        return add(new TagDef(n, name, TagType.FLAG, 1, false, false, mandatory, null));
    }

    private static TagDef nested(int n, String name, boolean mandatory) {
        return add(new TagDef(n, name, TagType.NESTED, MAX_TEXT_BYTES * 16, false, false,
                mandatory, null));
    }

    private static void options(Limits.Section s, int base, String... names) {
        List<TagDef> list = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Limits.Option o = Limits.lookup(s, names[i]);
            if (o == null) {
                throw new IllegalStateException("no Limits row for " + names[i]);
            }
            TagType t = typeOf(o);
            int max = t == TagType.STRING ? (o.maxLen() > 0 ? o.maxLen() : 255) : t.fixedBytes();
            TagDef d = add(new TagDef(base + i, o.name(), t, max, false,
                    INVARIANT_OPTIONS.contains(o.name()), MANDATORY_OPTIONS.contains(o.name()), o));
            list.add(d);
            BY_NAME.put(s + "/" + o.name(), d);
        }
        BY_SECTION.put(s, List.copyOf(list));
    }

    /** The wire type of an option: numbers u64, enums u32 (index), booleans flag, rest text. */
    static TagType typeOf(Limits.Option o) {
        return switch (o.type()) {
            case NUMBER -> TagType.U64;
            case ENUM -> TagType.U32;
            case BOOLEAN, FLAG -> TagType.FLAG;
            case STRING, NUMBER_OR_SYMBOL -> TagType.STRING;
        };
    }

    /** The tag with this number, or null (unknown to this version). */
    public static TagDef byNumber(int number) {
        return BY_NUMBER.get(number);
    }

    /** The option tag of a keyword in a section, or null. */
    public static TagDef option(Limits.Section s, String name) {
        return BY_NAME.get(s + "/" + name);
    }

    /** The option tags of a section in number order (empty for sections without tags). */
    public static List<TagDef> options(Limits.Section s) {
        return BY_SECTION.getOrDefault(s, List.of());
    }

    /** The nested container tag that carries a section's options. */
    public static TagDef container(Limits.Section s) {
        return switch (s) {
            case NET -> NET_CONF;
            case DISK -> DISK_CONF;
            case PEER_DEVICE -> PEER_DEVICE_CONF;
            case RESOURCE -> RESOURCE_CONF;
            case STARTUP -> STARTUP_CONF;
            case HANDLERS, PROXY -> throw new IllegalStateException("no control tags for " + s);
        };
    }

    /** Every tag, in number order of definition. */
    public static Map<Integer, TagDef> all() {
        return Collections.unmodifiableMap(BY_NUMBER);
    }
}
