package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * A side effect of a committed state change, as a value (STYLE.md rules 1 and 2): the pure state
 * machine returns a list of these in the order they must run, and the daemon's one executor
 * carries them out. {@link #durability()} says whether an effect must be on stable storage before
 * the next effect in the list may start (raft's "persist before send").
 *
 * <p>The records follow fact sheet §2.6 step 4 (meta-data flags) and §2.7 (after_state_ch), plus
 * the thaw paths of §5.3.
 */
public sealed interface Effect {

    /** What an effect promises about stable storage before the list moves on. */
    enum Durability {
        /** In memory, on the wire or a process: the next effect may start right away. */
        VOLATILE,
        /** Must be durable (written and flushed) before the next effect starts. */
        DURABLE_BEFORE_NEXT
    }

    /** Which IO freeze a thaw lifts (§1.4, §5.3). */
    enum Suspension {
        /** susp_nod: on-no-data-accessible=suspend-io. */
        NO_DATA,
        /** susp_fen: fencing=resource-and-stonith. */
        FENCING
    }

    /** How the transfer log is restarted when frozen IO thaws ({@code _tl_restart}, §5.3). */
    enum TlRestart {
        /** Connection back: writes the peer did not acknowledge are sent again. */
        RESEND,
        /** Fence-peer succeeded: pending requests complete, their blocks become out-of-sync. */
        CONNECTION_LOST_WHILE_PENDING,
        /** An attach reached UpToDate: frozen local disk IO is restarted. */
        RESTART_FROZEN_DISK_IO,
        /** resume-io without a usable disk: frozen local disk IO fails. */
        FAIL_FROZEN_DISK_IO
    }

    /** Ordering promise of this effect. */
    Durability durability();

    /** Whether the executor must make this effect durable before it starts the next one. */
    default boolean durableBeforeNext() {
        return durability() == Durability.DURABLE_BEFORE_NEXT;
    }

    /**
     * §2.6 step 4: set the state-derived MDF_* bits to {@code mdfFlags} within {@code managedMask},
     * keeping other bits (FULL_SYNC, AL_CLEAN, ...). DRBD only marks the meta data dirty here;
     * the next {@link MdSync} (or the periodic writer) makes it durable.
     *
     * @param mdfFlags the new values of the managed bits
     * @param managedMask the bits this update owns ({@link MetaFlags#STATE_DERIVED})
     */
    record UpdateMetaFlags(int mdfFlags, int managedMask) implements Effect {
        public UpdateMetaFlags {
            if ((mdfFlags & ~managedMask) != 0) {
                throw new IllegalArgumentException("flags outside the managed mask: "
                        + Integer.toHexString(mdfFlags & ~managedMask));
            }
        }

        /** The superblock flags word after this update. */
        public int applyTo(int currentFlags) {
            return (currentFlags & ~managedMask) | mdfFlags;
        }

        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /**
     * Run a user-mode handler (§5.4). The executor syncs dirty meta data before the call, as DRBD
     * does, so the handler sees the on-disk state that caused it.
     */
    record RunHandler(HandlerName handler) implements Effect {
        public RunHandler {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Lift an IO freeze: restart the transfer log as told, then clear the suspend flag. */
    record ThawIo(Suspension suspension, TlRestart restart) implements Effect {
        public ThawIo {
            Objects.requireNonNull(suspension, "suspension");
            Objects.requireNonNull(restart, "restart");
        }

        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Generate a new current UUID (§3.2); DRBD syncs the meta data right after. */
    record NewCurrentUuid() implements Effect {
        @Override
        public Durability durability() {
            return Durability.DURABLE_BEFORE_NEXT;
        }
    }

    /** IO is frozen: remember (flag NEW_CUR_UUID) to generate a new current UUID on thaw. */
    record SetNewCurUuidPending() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** The connection came back while frozen: drop a pending NEW_CUR_UUID. */
    record ClearNewCurUuidPending() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** SyncSource with apv >= 96: generate a new sync UUID (bitmap slot) and persist it (§3.5). */
    record NewSyncUuid() implements Effect {
        @Override
        public Durability durability() {
            return Durability.DURABLE_BEFORE_NEXT;
        }
    }

    /** Send P_SYNC_UUID with the sync UUID made by the preceding {@link NewSyncUuid}. */
    record SendSyncUuid() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Send P_UUIDS (the peer must learn a new current UUID). */
    record SendUuids() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** The peer attached: send P_UUIDS and then P_STATE. */
    record SendUuidsAndState() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Send P_STATE with the committed state. */
    record SendState() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Send the bitmap (P_BITMAP / P_COMPRESSED_BITMAP) as the would-be SyncSource. */
    record SendBitmap() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Mark every bitmap bit out-of-sync in memory (full sync); {@link WriteBitmap} follows. */
    record SetAllBitmapBits() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /**
     * Write the in-memory bitmap to the meta-data device and flush.
     *
     * @param why short reason for the log ("demote", "set_n_write from StartingSync", ...)
     */
    record WriteBitmap(String why) implements Effect {
        public WriteBitmap {
            Objects.requireNonNull(why, "why");
        }

        @Override
        public Durability durability() {
            return Durability.DURABLE_BEFORE_NEXT;
        }
    }

    /**
     * Start a resync ({@code drbd_start_resync}).
     *
     * @param asSource true for SyncSource, false for SyncTarget
     */
    record StartResync(boolean asSource) implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /**
     * Request a further local state change of the connection state (normal, verbose request),
     * e.g. StartingSyncT to WFSyncUUID once the bitmap is written.
     */
    record RequestConnState(ConnState conn) implements Effect {
        public RequestConnState {
            Objects.requireNonNull(conn, "conn");
        }

        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** The peer attached: zero the resync totals and failure counts before a resync may start. */
    record ResetResyncCounters() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Cancel all outstanding resync requests ({@code drbd_rs_cancel_all}). */
    record CancelResync() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }

    /** Write dirty meta data now and flush ("last chance" before a failing disk goes). */
    record MdSync() implements Effect {
        @Override
        public Durability durability() {
            return Durability.DURABLE_BEFORE_NEXT;
        }
    }

    /** Re-evaluate resync-after dependencies and resume resyncs that waited for this one. */
    record ResumeDependentResyncs() implements Effect {
        @Override
        public Durability durability() {
            return Durability.VOLATILE;
        }
    }
}
