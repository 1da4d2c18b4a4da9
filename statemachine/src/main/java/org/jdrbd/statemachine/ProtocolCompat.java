package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * The P_PROTOCOL compatibility check (DRBD's {@code receive_protocol}, fact sheet §4.1): the peer's
 * settings, with discard-local and discard-remote swapped, must equal ours; both sides asking to
 * discard their own data is an error. The first mismatch decides; the connection then goes to
 * Disconnecting. rr-conflict and always-asbp are local matters and not compared.
 */
public final class ProtocolCompat {

    /**
     * The settings a node announces in P_PROTOCOL.
     *
     * @param wireProtocol replication protocol A=1, B=2, C=3
     * @param afterSb0pri after-sb-0pri
     * @param afterSb1pri after-sb-1pri
     * @param afterSb2pri after-sb-2pri
     * @param discardMyData CF_DISCARD_MY_DATA
     * @param allowTwoPrimaries allow-two-primaries
     * @param integrityAlg data-integrity-alg, "" when none
     */
    public record Settings(int wireProtocol, AfterSbPolicy afterSb0pri, AfterSbPolicy afterSb1pri,
            AfterSbPolicy afterSb2pri, boolean discardMyData, boolean allowTwoPrimaries, String integrityAlg) {

        public Settings {
            Objects.requireNonNull(afterSb0pri, "afterSb0pri");
            Objects.requireNonNull(afterSb1pri, "afterSb1pri");
            Objects.requireNonNull(afterSb2pri, "afterSb2pri");
            integrityAlg = integrityAlg == null ? "" : integrityAlg;
        }

        /** Protocol C, every policy disconnect, nothing else set: DRBD's defaults. */
        public static Settings defaults() {
            return new Settings(3, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT,
                    false, false, "");
        }
    }

    /**
     * The verdict.
     *
     * @param compatible whether the connection may proceed
     * @param setting the first setting that differs ("" when compatible)
     * @param message the line DRBD logs ("" when compatible)
     */
    public record Result(boolean compatible, String setting, String message) {
        static Result ok() {
            return new Result(true, "", "");
        }

        static Result incompatible(String setting) {
            return new Result(false, setting, "incompatible " + setting + " settings");
        }
    }

    private ProtocolCompat() {
    }

    /** Compares our settings with the peer's P_PROTOCOL, in DRBD's order. */
    public static Result check(Settings mine, Settings peers) {
        if (mine.wireProtocol() != peers.wireProtocol()) {
            return Result.incompatible("protocol");
        }
        if (peers.afterSb0pri().peerView() != mine.afterSb0pri()) {
            return Result.incompatible("after-sb-0pri");
        }
        if (peers.afterSb1pri().peerView() != mine.afterSb1pri()) {
            return Result.incompatible("after-sb-1pri");
        }
        if (peers.afterSb2pri().peerView() != mine.afterSb2pri()) {
            return Result.incompatible("after-sb-2pri");
        }
        if (mine.discardMyData() && peers.discardMyData()) {
            return Result.incompatible("discard-my-data");
        }
        if (mine.allowTwoPrimaries() != peers.allowTwoPrimaries()) {
            return Result.incompatible("allow-two-primaries");
        }
        if (!mine.integrityAlg().equals(peers.integrityAlg())) {
            return Result.incompatible("data-integrity-alg");
        }
        return Result.ok();
    }
}
