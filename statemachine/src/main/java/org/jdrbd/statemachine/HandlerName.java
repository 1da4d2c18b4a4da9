package org.jdrbd.statemachine;

/**
 * DRBD's user-mode handlers (fact sheet §5.5): the word used in the {@code handlers} section of
 * drbd.conf, whether the handler runs per device (minor) or per resource (connection), and whether
 * DRBD looks at its exit code. Other modules (handshake, fencing, daemon) share this list.
 */
public enum HandlerName {
    /** A change made the node Primary while neither disk is UpToDate. */
    PRI_ON_INCON_DEGR("pri-on-incon-degr", Level.DEVICE, false, false),
    /** After-split-brain recovery chose this Primary as loser and demotion failed. */
    PRI_LOST_AFTER_SB("pri-lost-after-sb", Level.DEVICE, false, false),
    /** rr-conflict=call-pri-lost: the handshake wants this Primary to become SyncTarget. */
    PRI_LOST("pri-lost", Level.DEVICE, false, false),
    /** Disk failed after a real IO error with on-io-error=call-local-io-error. */
    LOCAL_IO_ERROR("local-io-error", Level.DEVICE, false, false),
    /** Handshake found a split brain (+-100), before automatic recovery. */
    INITIAL_SPLIT_BRAIN("initial-split-brain", Level.DEVICE, false, false),
    /** Split brain not resolved; the connection is dropped. */
    SPLIT_BRAIN("split-brain", Level.DEVICE, false, false),
    /** Resync as SyncTarget is about to start; nonzero exit drops the connection. */
    BEFORE_RESYNC_TARGET("before-resync-target", Level.DEVICE, true, false),
    /** Resync finished on the SyncTarget. */
    AFTER_RESYNC_TARGET("after-resync-target", Level.DEVICE, false, false),
    /** Resync as SyncSource is about to start; nonzero exit (except 3) drops the connection. */
    BEFORE_RESYNC_SOURCE("before-resync-source", Level.DEVICE, true, false),
    /** Fence the peer's disk (formerly outdate-peer); exit codes 3..7 carry the answer. */
    FENCE_PEER("fence-peer", Level.RESOURCE, true, false),
    /** Lift the fence at the end of a resync on the SyncSource. */
    UNFENCE_PEER("unfence-peer", Level.RESOURCE, false, false),
    /** Online verify finished and found out-of-sync blocks. */
    OUT_OF_SYNC("out-of-sync", Level.DEVICE, false, false),
    /** DRBD 9 only: a connection was lost. */
    DISCONNECTED("disconnected", Level.RESOURCE, false, true),
    /** DRBD 9 only: the resource lost quorum. */
    QUORUM_LOST("quorum-lost", Level.RESOURCE, false, true);

    /** The old drbd.conf word that drbdadm still maps to {@link #FENCE_PEER}. */
    public static final String LEGACY_FENCE_PEER_NAME = "outdate-peer";

    /** Whether a handler's argv names a minor or the resource (§5.4). */
    public enum Level {
        /** argv[2] is "minor-N"; DRBD_MINOR, DRBD_VOLUME and DRBD_LL_DISK are set. */
        DEVICE,
        /** argv[2] is the resource name; DRBD_MINOR lists every minor. */
        RESOURCE
    }

    private final String configName;
    private final Level level;
    private final boolean exitCodeUsed;
    private final boolean drbd9Only;

    HandlerName(String configName, Level level, boolean exitCodeUsed, boolean drbd9Only) {
        this.configName = configName;
        this.level = level;
        this.exitCodeUsed = exitCodeUsed;
        this.drbd9Only = drbd9Only;
    }

    /** The word in drbd.conf's handlers section and in the helper's argv[1]. */
    public String configName() {
        return configName;
    }

    /** Device (minor) or resource (connection) handler. */
    public Level level() {
        return level;
    }

    /** Whether DRBD acts on the handler's exit code. */
    public boolean exitCodeUsed() {
        return exitCodeUsed;
    }

    /** Whether only DRBD 9 knows this handler. */
    public boolean drbd9Only() {
        return drbd9Only;
    }

    /** Parses a drbd.conf word (also the legacy "outdate-peer"); {@code null} when unknown. */
    public static HandlerName fromConfigName(String name) {
        if (LEGACY_FENCE_PEER_NAME.equals(name)) {
            return FENCE_PEER;
        }
        for (HandlerName h : values()) {
            if (h.configName.equals(name)) {
                return h;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return configName;
    }
}
