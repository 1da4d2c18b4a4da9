package org.jdrbd.statemachine;

/**
 * What the fence-peer handler's exit code says about the peer (DRBD's {@code enum drbd_peer_state},
 * fact sheet §5.2). Only 3..7 carry an answer; every other code, and a handler that could not be
 * started, means the handler is broken and IO stays frozen (STYLE.md rule 13: handlers fail safe).
 */
public enum FenceExitCode {
    /** 3: the peer's disk is Inconsistent or worse. */
    PEER_INCONSISTENT(3, "peer is inconsistent or worse"),
    /** 4: the peer's disk was outdated by the handler. */
    PEER_OUTDATED(4, "peer was fenced"),
    /** 5: the peer could not be reached and is assumed dead. */
    PEER_DOWN(5, "peer is unreachable, assumed to be dead"),
    /** 6: the peer is Primary, so this node must outdate itself. */
    PEER_PRIMARY(6, "peer is active"),
    /** 7: the peer node was shot (STONITH). */
    PEER_STONITHED(7, "peer was stonithed"),
    /** Any other exit code, or the handler could not be executed. */
    BROKEN(-1, "fence-peer helper broken");

    /** The exit code DRBD assumes when the handler could not be executed at all. */
    public static final int EXEC_FAILURE_EXIT_CODE = 0;

    private final int exitCode;
    private final String meaning;

    FenceExitCode(int exitCode, String meaning) {
        this.exitCode = exitCode;
        this.meaning = meaning;
    }

    /** The handler's exit code for this answer; -1 for {@link #BROKEN}. */
    public int exitCode() {
        return exitCode;
    }

    /** The words used in the log line after "fence-peer helper returned N". */
    public String meaning() {
        return meaning;
    }

    /** Classifies an exit code (0..255 from a normal exit; anything else is broken too). */
    public static FenceExitCode fromExitCode(int exitCode) {
        for (FenceExitCode c : values()) {
            if (c != BROKEN && c.exitCode == exitCode) {
                return c;
            }
        }
        return BROKEN;
    }
}
