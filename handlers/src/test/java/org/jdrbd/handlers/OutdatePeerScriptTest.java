package org.jdrbd.handlers;

// Scenario: outdate-peer.sh run as fence-peer handler with a fake ssh (which "connects" unless
// the host is listed as unreachable and then runs the remote command locally) and a fake drbdadm
// answering `outdate` with a chosen exit code.
// Expectation: DRBD's contract: peer outdated -> 4; peer already inconsistent/diskless -> 3;
// peer Primary -> 6; nobody reachable (refused or hanging) -> 5; reachable but unexpected failure
// or missing resource -> 1 (broken, fail safe); candidates tried in order; overrides honoured.
// Why: this script decides whether a Primary may go on writing alone.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdrbd.statemachine.FenceExitCode;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutdatePeerScriptTest {
    private static final String SSH_CALL = "ssh [-o] [BatchMode=yes] [-o] [ConnectTimeout=10] [%s] [drbdadm] [outdate] [r0]";

    @TempDir
    Path tmp;
    ScriptHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ScriptHarness(tmp);
        // Fake ssh: skip options, take the host; unreachable hosts fail like ssh (255),
        // hanging hosts never answer; otherwise run the remote command here.
        h.fake("ssh", "while [ \"${1#-}\" != \"$1\" ]; do shift 2; done; host=$1; shift\n"
                + "case \" $UNREACHABLE \" in *\" $host \"*) exit 255 ;; esac\n"
                + "case \" $HANGING \" in *\" $host \"*) exec sleep 30 ;; esac\n"
                + "exec \"$@\"");
        h.fake("drbdadm", "exit ${REMOTE_EXIT:-0}");
        h.env("DRBD_RESOURCE", "r0").env("DRBD_PEER_ADDRESS", "10.0.0.2").env("DRBD_PEER_AF", "ipv4");
    }

    @ParameterizedTest
    @CsvSource({"0,4", "5,3", "16,3", "17,6", "10,1", "20,1"})
    void remoteDrbdadmResultIsMapped(int remoteExit, int expected) throws Exception {
        h.env("REMOTE_EXIT", Integer.toString(remoteExit));
        assertEquals(expected, h.run("outdate-peer.sh").exitCode());
        assertEquals(List.of(String.format(SSH_CALL, "10.0.0.2"), "drbdadm [outdate] [r0]"), h.calls());
    }

    @Test
    void unreachablePeerGivesFive() throws Exception {
        h.env("UNREACHABLE", "10.0.0.2");
        ScriptHarness.Run r = h.run("outdate-peer.sh");
        assertEquals(5, r.exitCode());
        assertEquals(List.of(String.format(SSH_CALL, "10.0.0.2")), h.calls());
        assertTrue(r.stderr().contains("unreachable"), r.stderr());
    }

    @Test
    void hangingPeerTimesOutAsUnreachable() throws Exception {
        h.env("HANGING", "10.0.0.2");
        assertEquals(5, h.run("outdate-peer.sh", "-t", "1").exitCode());
        assertEquals(List.of("ssh [-o] [BatchMode=yes] [-o] [ConnectTimeout=1] [10.0.0.2] [drbdadm] [outdate] [r0]"),
                h.calls());
    }

    @Test
    void peersListIsTriedInOrderUntilOneAnswers() throws Exception {
        h.env("DRBD_PEER_ADDRESS", "").env("DRBD_PEERS", "b1 b2 b3").env("UNREACHABLE", "b1");
        assertEquals(4, h.run("outdate-peer.sh").exitCode());
        assertEquals(List.of(String.format(SSH_CALL, "b1"), String.format(SSH_CALL, "b2"),
                "drbdadm [outdate] [r0]"), h.calls());
    }

    @Test
    void nodeIdNamesAreUsedWithoutAddress() throws Exception {
        h.env("DRBD_PEER_ADDRESS", "").env("DRBD_PEER_NODE_ID", "1").env("DRBD_NODE_ID_1", "beta beta2")
                .env("UNREACHABLE", "beta beta2");
        assertEquals(5, h.run("outdate-peer.sh").exitCode());
        assertEquals(List.of(String.format(SSH_CALL, "beta"), String.format(SSH_CALL, "beta2")), h.calls());
    }

    @Test
    void overridesForSshCommandAndHost() throws Exception {
        h.fake("myssh", "exit 0");
        h.env("JDRBD_SSH", "myssh -i /k").env("JDRBD_PEER_HOST", "admin@peer");
        assertEquals(4, h.run("outdate-peer.sh").exitCode());
        assertEquals(List.of("myssh [-i] [/k] [-o] [BatchMode=yes] [-o] [ConnectTimeout=10] [admin@peer]"
                + " [drbdadm] [outdate] [r0]"), h.calls());
    }

    @Test
    void missingResourceOrPeerOrBadNodeIdIsBrokenWithoutCalls() throws Exception {
        h.env("DRBD_RESOURCE", "");
        assertEquals(1, h.run("outdate-peer.sh").exitCode());
        h.env("DRBD_RESOURCE", "r0").env("DRBD_PEER_ADDRESS", "");
        assertEquals(1, h.run("outdate-peer.sh").exitCode());
        h.env("DRBD_PEER_NODE_ID", "1;touch " + tmp.resolve("pwned"));
        assertEquals(1, h.run("outdate-peer.sh").exitCode());
        assertEquals(List.of(), h.calls());
        assertTrue(!tmp.resolve("pwned").toFile().exists());
    }

    @Test
    void throughTheRunnerTheAnswerFencesThePeer() throws Exception {
        // End to end: the runner's clean environment reaches the script; only PATH is prefixed.
        String cmd = "PATH=" + h.bin + ":$PATH exec " + ScriptHarness.SCRIPTS.resolve("outdate-peer.sh");
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER, cmd).peer(Requests.BETA).build();
        try (HandlerRunner runner = new HandlerRunner(RunnerSettings.defaults(), HandlerEventListener.NONE)) {
            HandlerResult r = runner.start(req).get(20, TimeUnit.SECONDS);
            HandlerOutcome o = HandlerOutcomes.classify(r, req.connectionEpoch());
            assertEquals(HandlerOutcome.Kind.FENCE_ANSWER, o.kind(), r.stderr().text());
            assertEquals(FenceExitCode.PEER_OUTDATED, o.fenceAnswer().orElseThrow());
        }
        assertEquals(List.of(String.format(SSH_CALL, "10.0.0.2"), "drbdadm [outdate] [r0]"), h.calls());
    }
}
