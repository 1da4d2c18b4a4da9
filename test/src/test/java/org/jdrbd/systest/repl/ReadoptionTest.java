package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.repl.DataChecks.awaitSameData;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: two jdrbdd processes (127.0.0.90 = a, 127.0.0.91 = b), connected with non-default
 * net options (verify-alg, ping-int), a Primary. b's daemon is killed with SIGKILL, a writes
 * 1 MiB through NBD, and b's daemon is started again on the same state directory, with no admin
 * command at all. In the second case b was disconnected by the administrator before the kill.
 * Expectation: b re-adopts its resource with the peer's net options and path and connects by
 * itself (it was connected when it died): drbdsetup show lists the options, the missed 1 MiB is
 * resynced, both hold the same data. A resource the administrator had disconnected stays
 * StandAlone after the restart, with its path and options kept.
 * Why: issue 8: a daemon restart must not need an administrator to re-enter the connection, and
 * must not connect what the administrator had disconnected.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReadoptionTest {
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

    /** Handlers recorded, not run through a drbdadm without this test's configuration. */
    private Pair pair() throws Exception {
        Pair p = Pair.create(dir, "127.0.0.90", "127.0.0.91", DISK_BYTES);
        HandlerLog.install(p.a, "");
        HandlerLog.install(p.b, "");
        return p;
    }

    @Test
    void restartedNodeReconnectsWithItsNetOptionsAndResyncs() throws Exception {
        pair = pair();
        pair.upAndSync("--verify-alg=crc32c", "--ping-int=7");
        pair.b.close();
        pair.a.awaitStatus(30, "connection:Connecting");
        DataChecks.writeThroughNbd(pair.a, 256, 5);

        pair.b.start();
        pair.b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        pair.a.awaitStatus(60, "peer-disk:UpToDate", "replication:Established");
        String show = pair.b.ok("show", "r0");
        assertThat(show).contains("verify-alg", "crc32c", "ping-int", "7", "127.0.0.91:7789", "127.0.0.90:7789");
        assertThat(pair.b.logText()).contains("re-adopted");
        awaitSameData(pair.a, pair.b, DISK_BYTES / 2);
    }

    @Test
    void disconnectedResourceStaysStandAloneAfterARestart() throws Exception {
        pair = pair();
        pair.upAndSync("--ping-int=7");
        pair.b.ok("disconnect", "r0", "0");
        pair.b.awaitStatus(30, "connection:StandAlone");
        pair.b.close();

        pair.b.start();
        pair.b.awaitLog("re-adopted", 60);
        String status = pair.b.ok("status", "r0", "--verbose");
        assertThat(status).contains("connection:StandAlone");
        assertThat(pair.b.ok("show", "r0")).contains("ping-int", "127.0.0.90:7789");
        pair.b.ok("connect", "r0", "0");
        pair.b.awaitStatus(60, "replication:Established", "peer-disk:UpToDate");
    }
}
