package org.jdrbd.statemachine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When frozen application IO is released, and how (fact sheet §5.3). The freeze itself is set by
 * sanitize (susp_fen, susp_nod) and by the admin (susp); this class decides the thaws.
 */
public final class IoFreeze {

    /** DRBD's error when a rebooted (only Consistent) peer comes back while IO waits for it. */
    public static final String ONLY_CONSISTENT_PEER =
            "Aborting Connect, can not thaw IO with an only Consistent peer";

    private IoFreeze() {
    }

    /**
     * Thaw case 1: susp_fen is set and fence-peer made every peer disk Outdated or worse. Deferred
     * UUIDs are generated now and pending requests complete as out-of-sync.
     */
    public static Optional<IoThaw> afterFencing(List<FenceVolume> volumes) {
        boolean frozen = volumes.stream().anyMatch(v -> v.state().suspFen());
        if (!frozen || Fencing.highestPeerDisk(volumes).gt(DiskState.OUTDATED)) {
            return Optional.empty();
        }
        List<Integer> uuidVolumes = volumes.stream()
                .filter(FenceVolume::newCurUuidPending).map(FenceVolume::volume).toList();
        return Optional.of(new IoThaw(IoThaw.Cause.PEER_FENCED, uuidVolumes, false,
                Effect.TlRestart.CONNECTION_LOST_WHILE_PENDING, false, true));
    }

    /**
     * Thaw case 2, judged on the states after the handshake ({@code pdsk} = what the peer reported):
     * once every volume is Connected again, frozen writes are resent and the deferred UUID dropped,
     * unless a volume's peer came back only Consistent while a new UUID is pending.
     */
    public static ReconnectThaw onReconnect(List<FenceVolume> volumes) {
        List<Integer> refused = volumes.stream()
                .filter(v -> v.state().suspended() && v.newCurUuidPending()
                        && v.state().pdsk() == DiskState.CONSISTENT)
                .map(FenceVolume::volume).toList();
        if (!refused.isEmpty()) {
            // The peer rebooted and lost what it had acknowledged: resending cannot make it whole.
            return new ReconnectThaw.AbortConnect(refused);
        }
        boolean allConnected = !volumes.isEmpty()
                && volumes.stream().allMatch(v -> v.state().conn().ge(ConnState.CONNECTED));
        boolean frozen = volumes.stream().anyMatch(v -> v.state().suspFen() || v.state().suspNod());
        if (!allConnected || !frozen) {
            return new ReconnectThaw.NotYet();
        }
        return new ReconnectThaw.Thaw(new IoThaw(IoThaw.Cause.RECONNECTED, List.of(), true,
                Effect.TlRestart.RESEND, true, true));
    }

    /** susp_nod thaws when an attach leaves the local disk UpToDate. */
    public static Optional<IoThaw> afterAttach(State s) {
        if (!s.suspNod() || s.disk() != DiskState.UP_TO_DATE) {
            return Optional.empty();
        }
        return Optional.of(new IoThaw(IoThaw.Cause.DISK_UP_TO_DATE, List.of(), false,
                Effect.TlRestart.RESTART_FROZEN_DISK_IO, true, false));
    }

    /** Admin {@code resume-io} on one volume. */
    public static ResumeIo resumeIo(FenceVolume v) {
        State s = v.state();
        ResumeIo.UuidAction uuid = ResumeIo.UuidAction.NONE;
        if (v.newCurUuidPending()) {
            // Without a disk there is no UUID to advance: a random effective UUID makes sure this
            // node can never again connect or attach as if nothing had happened.
            boolean hasDisk = s.disk().gt(DiskState.FAILED);
            uuid = hasDisk ? ResumeIo.UuidAction.NEW_CURRENT : ResumeIo.UuidAction.RANDOM_EFFECTIVE;
        }
        State next = s.withSusp(false).withSuspNod(false).withSuspFen(false);
        boolean clearTl = s.conn().lt(ConnState.CONNECTED);
        boolean failDiskIo = s.disk() == DiskState.DISKLESS || s.disk() == DiskState.FAILED;
        return new ResumeIo(next, uuid, clearTl, failDiskIo);
    }

    /** Admin {@code suspend-io}: sets susp only. */
    public static State suspendIo(State s) {
        return Objects.requireNonNull(s, "s").withSusp(true);
    }

    /** The result of {@link #onReconnect}. */
    public sealed interface ReconnectThaw {
        /** Not every volume is Connected yet, or nothing is frozen. */
        record NotYet() implements ReconnectThaw {
        }

        /** Release IO by resending. */
        record Thaw(IoThaw thaw) implements ReconnectThaw {
            public Thaw {
                Objects.requireNonNull(thaw, "thaw");
            }
        }

        /**
         * Refuse the connection: log {@link #ONLY_CONSISTENT_PEER}, clear the transfer log, give the
         * listed volumes a new current UUID (clearing NEW_CUR_UUID) and go to ProtocolError (hard).
         */
        record AbortConnect(List<Integer> volumes) implements ReconnectThaw {
            public AbortConnect {
                volumes = List.copyOf(volumes);
            }

            /** The connection state to request (hard). */
            public ConnState conn() {
                return ConnState.PROTOCOL_ERROR;
            }
        }
    }

    /**
     * The result of {@link #resumeIo}.
     *
     * @param next the volume's state with susp, susp_nod and susp_fen cleared
     * @param uuid what to do about a deferred new current UUID
     * @param clearTransferLog conn < Connected: complete frozen requests, marking blocks out-of-sync
     * @param failFrozenDiskIo disk Diskless or Failed: fail IO that was waiting for a disk
     */
    public record ResumeIo(State next, UuidAction uuid, boolean clearTransferLog, boolean failFrozenDiskIo) {
        public ResumeIo {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(uuid, "uuid");
        }

        /** What resume-io does about NEW_CUR_UUID. */
        public enum UuidAction {
            /** Nothing was deferred. */
            NONE,
            /** Generate the deferred new current UUID. */
            NEW_CURRENT,
            /** No disk: set a random effective data UUID instead. */
            RANDOM_EFFECTIVE
        }
    }
}
