package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: two jdrbdd processes (127.0.0.28 = a, 127.0.0.29 = b), a Primary, both UpToDate and
 * connected, with fencing resource-only (or dont-care); then drbdsetup disconnect on one side.
 * Expectation (DRBD's graceful disconnect, roadmap item 18):
 *  - on the fencing Primary: the peer is outdated in the same cluster-wide step: a StandAlone with
 *    the peer's disk Outdated, b Outdated and reconnecting, having seen TearDown (not a broken
 *    pipe); no fence-peer handler runs;
 *  - on the Secondary of a fencing Primary: the Primary refuses, so b outdates itself and goes
 *    StandAlone; a keeps running with the peer disk Outdated and runs no fence-peer;
 *  - with dont-care: nobody is outdated, b sees TearDown;
 *  - with --force: no exchange, b stays UpToDate and sees the connection break.
 * Why: issue 7 / roadmap 18: a planned disconnect must leave a Secondary that knows it is stale,
 * so it can never be promoted with old data, without running a fencing handler.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DisconnectTest {
    private static final long DISK_BYTES = 16L << 20;

    @TempDir
    Path dir;
    private Pair pair;

    @AfterEach
    void stop() {
        if (pair != null) {
            pair.close();
        }
    }

    private Pair start(String fencing) throws Exception {
        pair = Pair.create(dir, "127.0.0.28", "127.0.0.29", DISK_BYTES);
        HandlerLog.install(pair.a, "");
        HandlerLog.install(pair.b, "");
        return pair.upAndSync("--fencing=" + fencing);
    }

    @Test
    void primaryThatFencesOutdatesThePeerWithTheDisconnect() throws Exception {
        Pair p = start("resource-only");
        p.a.ok("disconnect", "r0", "1");
        p.a.awaitEvents(30, "connection:StandAlone", "peer-disk:Outdated");
        p.b.awaitEvents(30, "disk:Outdated", "connection:Connecting");
        assertThat(p.b.logText()).contains("conn( Connected -> TearDown )").doesNotContain("BrokenPipe");
        assertThat(HandlerLog.called(p.a, "fence-peer")).as("fence-peer on a").isFalse();
        assertThat(p.a.logText()).contains("outdating the peer's disk with the disconnect");
    }

    @Test
    void secondaryOfAFencingPrimaryOutdatesItself() throws Exception {
        Pair p = start("resource-only");
        p.b.ok("disconnect", "r0", "0");
        p.b.awaitEvents(30, "connection:StandAlone", "disk:Outdated");
        p.a.awaitEvents(30, "role:Primary", "connection:Connecting");
        assertThat(p.b.logText()).contains("outdating our disk with it");
        assertThat(p.a.logText()).contains("TearDown");
        assertThat(HandlerLog.called(p.a, "fence-peer")).as("fence-peer on a").isFalse();
        // The outdated Secondary may not be promoted without --force.
        Node.Result r = p.b.run("primary", "r0");
        assertThat(r.exitCode()).as(r.output()).isNotZero();
    }

    @Test
    void withoutFencingNobodyIsOutdated() throws Exception {
        Pair p = start("dont-care");
        p.a.ok("disconnect", "r0", "1");
        p.a.awaitEvents(30, "connection:StandAlone");
        p.b.awaitEvents(30, "disk:UpToDate", "connection:Connecting");
        assertThat(p.b.logText()).contains("TearDown");
    }

    @Test
    void forceSkipsTheExchange() throws Exception {
        Pair p = start("resource-only");
        p.b.ok("disconnect", "r0", "0", "--force");
        p.b.awaitEvents(30, "connection:StandAlone", "disk:UpToDate");
        p.a.awaitEvents(30, "connection:Connecting");
        assertThat(p.a.logText()).doesNotContain("TearDown");
    }
}
