package org.jdrbd.drbdadm.setup;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.schema.ObjectType;

/**
 * Knowledge about events2 field names shared by the formatters: which are statistics (printed
 * only with --statistics), which are internal (leading '_', never printed), the DRBD 9 disk-state
 * order and the resync "done" percentage.
 */
final class Fields {
    /** DRBD 9 disk states in their numeric order. */
    static final List<String> DISK_ORDER = List.of("Diskless", "Attaching", "Detaching", "Failed",
            "Negotiating", "Inconsistent", "Outdated", "DUnknown", "Consistent", "UpToDate");

    private static final Set<String> RESOURCE_STATS = Set.of("write-ordering");
    private static final Set<String> DEVICE_STATS = Set.of("size", "read", "written", "al-writes",
            "bm-writes", "upper-pending", "lower-pending", "al-suspended", "blocked");
    private static final Set<String> CONNECTION_STATS = Set.of("congested", "ap-in-flight",
            "rs-in-flight");
    private static final Set<String> PEER_DEVICE_STATS = Set.of("received", "sent", "out-of-sync",
            "pending", "unacked", "dbdt1", "eta");

    private Fields() { }

    /** True when the key is printed only with --statistics. */
    static boolean isStatistic(ObjectType t, String key) {
        return switch (t) {
            case RESOURCE -> RESOURCE_STATS.contains(key);
            case DEVICE -> DEVICE_STATS.contains(key);
            case CONNECTION -> CONNECTION_STATS.contains(key);
            case PEER_DEVICE -> PEER_DEVICE_STATS.contains(key);
            default -> false;
        };
    }

    /** True for keys the daemon sends for computation only. */
    static boolean isInternal(String key) {
        return key.startsWith("_");
    }

    /** Position of a disk state in DRBD 9's order, -1 if unknown. */
    static int diskRank(String state) {
        return DISK_ORDER.indexOf(state);
    }

    /** Replication states during which "done" is shown. */
    static boolean isSyncing(String replication) {
        return replication != null && (replication.startsWith("Sync")
                || replication.startsWith("PausedSync") || replication.startsWith("Verify"));
    }

    /**
     * The done percentage with 2 decimals: 100 × (rs-total − to-go) / rs-total, to-go = ov-left
     * while verifying, else out-of-sync − rs-failed; when no total is known,
     * 100 × (1 − out-of-sync / size). Null when not syncing or nothing to compute from.
     */
    static String done(ObjectRecord pd) {
        if (!isSyncing(pd.get("replication"))) {
            return null;
        }
        if (pd.get("done") != null) {
            return pd.get("done");
        }
        double outOfSync = num(pd.get("out-of-sync"));
        double total = num(pd.get("_rs-total"));
        double pct;
        if (total > 0) {
            double toGo = pd.get("replication").startsWith("Verify")
                    ? num(pd.get("_ov-left")) : outOfSync - num(pd.get("_rs-failed"));
            pct = 100.0 * (total - toGo) / total;
        } else if (num(pd.get("_size")) > 0) {
            pct = 100.0 * (1 - outOfSync / num(pd.get("_size")));
        } else {
            return null;
        }
        return String.format(Locale.ROOT, "%.2f", pct);
    }

    private static double num(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
