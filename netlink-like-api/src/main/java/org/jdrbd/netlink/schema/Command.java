package org.jdrbd.netlink.schema;

import static org.jdrbd.netlink.schema.Arg.*;

import java.util.List;

/**
 * Every control command: its pinned wire number, drbdsetup name, positional arguments, the
 * option sections it accepts (tags from {@link Tags}, ranges from {@link Limits}) and its
 * command-specific flags. drbdsetup parses, the codec checks and the daemon dispatches from this
 * one table.
 */
public enum Command {
    /** Create a resource with the own node id. */
    NEW_RESOURCE(1, "new-resource", Kind.ACTION, list(RESOURCE, NODE_ID), sec(Limits.Section.RESOURCE)),
    /** Create a volume/minor of a resource. */
    NEW_MINOR(2, "new-minor", Kind.ACTION, list(RESOURCE, MINOR, VOLUME), none(), Tags.DISKLESS),
    /** Remove a minor. */
    DEL_MINOR(3, "del-minor", Kind.ACTION, list(MINOR), none()),
    /** Remove a resource. */
    DEL_RESOURCE(4, "del-resource", Kind.ACTION, list(RESOURCE), none()),
    /** Attach a backing device and its meta data to a minor. */
    ATTACH(5, "attach", Kind.ACTION, list(MINOR, BACKING_DEV, META_DEV, META_IDX), sec(Limits.Section.DISK)),
    /** Detach the backing device. */
    DETACH(6, "detach", Kind.ACTION, list(MINOR), none(), Tags.FORCE),
    /** Create a connection to a peer. */
    NEW_PEER(7, "new-peer", Kind.ACTION, list(RESOURCE, PEER), sec(Limits.Section.NET)),
    /** Add a network path to a connection. */
    NEW_PATH(8, "new-path", Kind.ACTION, list(RESOURCE, PEER, LOCAL_ADDR, PEER_ADDR), none()),
    /** Remove a connection. */
    DEL_PEER(9, "del-peer", Kind.ACTION, list(RESOURCE, PEER), none(), Tags.FORCE),
    /** Remove a network path. */
    DEL_PATH(10, "del-path", Kind.ACTION, list(RESOURCE, PEER, LOCAL_ADDR, PEER_ADDR), none()),
    /** Start connecting to a peer. */
    CONNECT(11, "connect", Kind.ACTION, list(RESOURCE, PEER), none(), Tags.DISCARD_MY_DATA,
            Tags.TENTATIVE),
    /** Stop the connection to a peer (StandAlone). */
    DISCONNECT(12, "disconnect", Kind.ACTION, list(RESOURCE, PEER), none(), Tags.FORCE),
    /** Promote the resource. */
    PRIMARY(13, "primary", Kind.ACTION, list(RESOURCE), none(), Tags.FORCE),
    /** Demote the resource. */
    SECONDARY(14, "secondary", Kind.ACTION, list(RESOURCE), none(), Tags.FORCE),
    /** Take the whole resource down. */
    DOWN(15, "down", Kind.ACTION, list(RESOURCE), none()),
    /** Change resource options. */
    RESOURCE_OPTIONS(16, "resource-options", Kind.ACTION, list(RESOURCE), sec(Limits.Section.RESOURCE)),
    /** Change disk options of a minor. */
    DISK_OPTIONS(17, "disk-options", Kind.ACTION, list(MINOR), sec(Limits.Section.DISK)),
    /** Change net options of a connection. */
    NET_OPTIONS(18, "net-options", Kind.ACTION, list(RESOURCE, PEER), sec(Limits.Section.NET),
            Tags.SET_DEFAULTS),
    /** Change peer-device options. */
    PEER_DEVICE_OPTIONS(19, "peer-device-options", Kind.ACTION, list(RESOURCE, PEER, VOLUME),
            sec(Limits.Section.PEER_DEVICE), Tags.SET_DEFAULTS),
    /** The applied configuration (snapshot). */
    SHOW(20, "show", Kind.QUERY, list(RESOURCE_OPT), none()),
    /** Status snapshot. */
    STATUS(21, "status", Kind.QUERY, list(RESOURCE_OPT), none(), Tags.VERBOSE, Tags.STATISTICS),
    /** Event stream: initial dump then changes. */
    EVENTS2(22, "events2", Kind.STREAM, list(RESOURCE_OPT), none(), Tags.NOW, Tags.STATISTICS,
            Tags.TIMESTAMPS),
    /** Role of a resource. */
    ROLE(23, "role", Kind.QUERY, list(RESOURCE), none()),
    /** Connection state. */
    CSTATE(24, "cstate", Kind.QUERY, list(RESOURCE, PEER), none()),
    /** Disk states of a minor and its peers. */
    DSTATE(25, "dstate", Kind.QUERY, list(MINOR), none()),
    /** Generation identifiers, one line. */
    GET_GI(26, "get-gi", Kind.QUERY, list(RESOURCE, PEER, VOLUME), none()),
    /** Generation identifiers, explained. */
    SHOW_GI(27, "show-gi", Kind.QUERY, list(RESOURCE, PEER, VOLUME), none()),
    /** Wait until a peer device is connected. */
    WAIT_CONNECT_VOLUME(28, "wait-connect-volume", Kind.WAIT, list(RESOURCE, PEER, VOLUME),
            sec(Limits.Section.STARTUP)),
    /** Wait until a connection is connected. */
    WAIT_CONNECT_CONNECTION(29, "wait-connect-connection", Kind.WAIT, list(RESOURCE, PEER),
            sec(Limits.Section.STARTUP)),
    /** Wait until all connections of a resource are connected. */
    WAIT_CONNECT_RESOURCE(30, "wait-connect-resource", Kind.WAIT, list(RESOURCE),
            sec(Limits.Section.STARTUP)),
    /** Wait until a peer device finished resync. */
    WAIT_SYNC_VOLUME(31, "wait-sync-volume", Kind.WAIT, list(RESOURCE, PEER, VOLUME),
            sec(Limits.Section.STARTUP)),
    /** Wait until a connection finished resync. */
    WAIT_SYNC_CONNECTION(32, "wait-sync-connection", Kind.WAIT, list(RESOURCE, PEER),
            sec(Limits.Section.STARTUP)),
    /** Wait until a resource finished resync. */
    WAIT_SYNC_RESOURCE(33, "wait-sync-resource", Kind.WAIT, list(RESOURCE),
            sec(Limits.Section.STARTUP)),
    /** Mark the local data invalid (full resync as target). */
    INVALIDATE(34, "invalidate", Kind.ACTION, list(MINOR), none()),
    /** Mark the peer's data invalid (full resync as source). */
    INVALIDATE_REMOTE(35, "invalidate-remote", Kind.ACTION, list(RESOURCE, PEER, VOLUME), none()),
    /** Mark the local data Outdated. */
    OUTDATE(36, "outdate", Kind.ACTION, list(RESOURCE, MINOR), none()),
    /** Start online verify. */
    VERIFY(37, "verify", Kind.ACTION, list(RESOURCE, PEER, VOLUME), none(), Tags.VERIFY_START,
            Tags.VERIFY_STOP),
    /** Pause resync to a peer device. */
    PAUSE_SYNC(38, "pause-sync", Kind.ACTION, list(RESOURCE, PEER, VOLUME), none()),
    /** Resume resync to a peer device. */
    RESUME_SYNC(39, "resume-sync", Kind.ACTION, list(RESOURCE, PEER, VOLUME), none()),
    /** Start a new data generation. */
    NEW_CURRENT_UUID(40, "new-current-uuid", Kind.ACTION, list(MINOR), none(), Tags.CLEAR_BITMAP),
    /** Freeze IO on a minor. */
    SUSPEND_IO(41, "suspend-io", Kind.ACTION, list(MINOR), none()),
    /** Thaw IO on a minor. */
    RESUME_IO(42, "resume-io", Kind.ACTION, list(MINOR), none()),
    /** Resize a minor to its backing device (or --size). */
    RESIZE(43, "resize", Kind.ACTION, list(MINOR), none(), Tags.option(Limits.Section.DISK, "size"),
            Tags.ASSUME_PEER_HAS_SPACE, Tags.ASSUME_CLEAN, Tags.AL_STRIPES, Tags.AL_STRIPE_SIZE_KB),
    /** Re-check the backing device size. */
    CHECK_RESIZE(44, "check-resize", Kind.ACTION, list(MINOR), none()),
    /** Drop the bitmap slot of a peer. */
    FORGET_PEER(45, "forget-peer", Kind.ACTION, list(RESOURCE, PEER), none()),
    /** Event messages of a subscription (not a drbdsetup command). */
    EVENT(1000, "_event", Kind.INTERNAL, list(), none());

    /** How a command is answered. */
    public enum Kind {
        /** Changes state; one reply with a result. */
        ACTION,
        /** Reads state; one reply with a result and data. */
        QUERY,
        /** Waits for a condition; one reply when reached or timed out. */
        WAIT,
        /** Event messages until the stream ends, then one reply. */
        STREAM,
        /** Used inside the protocol only. */
        INTERNAL
    }

    private final int number;
    private final String cliName;
    private final Kind kind;
    private final List<Arg> args;
    private final List<Limits.Section> sections;
    private final List<TagDef> flags;

    Command(int number, String cliName, Kind kind, List<Arg> args, List<Limits.Section> sections,
            TagDef... flags) {
        this.number = number;
        this.cliName = cliName;
        this.kind = kind;
        this.args = args;
        this.sections = sections;
        this.flags = List.of(flags);
    }

    private static List<Arg> list(Arg... a) {
        return List.of(a);
    }

    private static List<Limits.Section> sec(Limits.Section s) {
        return List.of(s);
    }

    private static List<Limits.Section> none() {
        return List.of();
    }

    /** The pinned wire number. */
    public int number() {
        return number;
    }

    /** The drbdsetup command word. */
    public String cliName() {
        return cliName;
    }

    /** How it is answered. */
    public Kind kind() {
        return kind;
    }

    /** Positional arguments in order. */
    public List<Arg> args() {
        return args;
    }

    /** Option sections whose tags the request may carry (nested in the section's container). */
    public List<Limits.Section> sections() {
        return sections;
    }

    /** Command-specific top-level option tags. */
    public List<TagDef> flags() {
        return flags;
    }

    /** The command for a wire number, or null. */
    public static Command fromNumber(int number) {
        for (Command c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        return null;
    }

    /** The drbdsetup command with this name, or null (internal commands have none). */
    public static Command fromCliName(String name) {
        for (Command c : values()) {
            if (c.kind != Kind.INTERNAL && c.cliName.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
