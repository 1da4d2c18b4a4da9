package org.jdrbd.netlink.schema;

import java.util.List;
import java.util.Set;

/**
 * The events2 field roles per object type, shared by the daemon (which decides that an object
 * changed) and drbdsetup (which prints a change line): the identity keys that name an object
 * (all a {@code destroy} line carries), the keys every other line repeats, the statistics (a
 * change of only these is no event), and the groups a {@code change} line prints whole when any
 * member changed. A key in no group and no other role is a group of its own.
 */
public final class EventFields {
    private static final Set<String> RESOURCE_STATS = Set.of("write-ordering");
    private static final Set<String> DEVICE_STATS = Set.of("size", "read", "written", "al-writes",
            "bm-writes", "upper-pending", "lower-pending", "al-suspended", "blocked");
    private static final Set<String> CONNECTION_STATS = Set.of("congested", "ap-in-flight",
            "rs-in-flight");
    private static final Set<String> PEER_DEVICE_STATS = Set.of("received", "sent", "out-of-sync",
            "pending", "unacked", "dbdt1", "eta");

    /** jdrbd's split-brain damage report (beyond DRBD): shown together or not at all. */
    private static final List<String> SPLIT_BRAIN = List.of("split-brain-rule", "split-brain-victim",
            "split-brain-discarded-blocks", "split-brain-changed-here", "split-brain-changed-peer");

    private EventFields() {
    }

    /** The keys that name an object of type {@code t}, in line order. */
    public static List<String> identity(ObjectType t) {
        return switch (t) {
            case RESOURCE -> List.of("name");
            case DEVICE -> List.of("name", "volume");
            case CONNECTION -> List.of("name", "peer-node-id", "conn-name");
            case PEER_DEVICE -> List.of("name", "peer-node-id", "conn-name", "volume");
            case PATH -> List.of("name", "peer-node-id", "conn-name", "local", "peer");
            case HELPER, NONE -> List.of();
        };
    }

    /** The keys every line but {@code destroy} prints (identity plus the device's minor). */
    public static List<String> always(ObjectType t) {
        return t == ObjectType.DEVICE ? List.of("name", "volume", "minor") : identity(t);
    }

    /** The groups of a change line: all members are printed when one of them changed. */
    public static List<List<String>> groups(ObjectType t) {
        return switch (t) {
            case DEVICE -> List.of(List.of("backing_dev", "disk", "client", "quorum"));
            case PEER_DEVICE -> List.of(List.of("replication", "peer-disk", "peer-client"),
                    SPLIT_BRAIN);
            default -> List.of();
        };
    }

    /** True when {@code key} is a statistic of {@code t} (printed only with --statistics). */
    public static boolean isStatistic(ObjectType t, String key) {
        return switch (t) {
            case RESOURCE -> RESOURCE_STATS.contains(key);
            case DEVICE -> DEVICE_STATS.contains(key);
            case CONNECTION -> CONNECTION_STATS.contains(key);
            case PEER_DEVICE -> PEER_DEVICE_STATS.contains(key);
            default -> false;
        };
    }

    /** True for keys the daemon sends for computation only (never printed). */
    public static boolean isInternal(String key) {
        return key.startsWith("_");
    }

    /** True when a change of {@code key} alone makes {@code t} changed (not a statistic or internal). */
    public static boolean isState(ObjectType t, String key) {
        return !isStatistic(t, key) && !isInternal(key);
    }
}
