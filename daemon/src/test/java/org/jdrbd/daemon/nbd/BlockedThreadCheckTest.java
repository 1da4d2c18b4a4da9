package org.jdrbd.daemon.nbd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a task blocks a Vert.x event loop on purpose for longer than the fixture's limit.
 * Expectation: the fixture's blocked-thread hook records a warning.
 * Why: every NBD test relies on that hook to fail when something blocks an event loop; this
 * negative control shows the hook can fire at all (STYLE.md rule 12).
 */
@Timeout(30)
class BlockedThreadCheckTest {

    @TempDir
    Path dir;

    @Test
    void blockingAnEventLoopIsReported() throws Exception {
        try (NbdFixture nbd = new NbdFixture(dir)) {
            CountDownLatch done = new CountDownLatch(1);
            nbd.vertx.runOnContext(v -> {
                blockEventLoopOnPurpose(4 * NbdFixture.MAX_EVENT_LOOP_MS);
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(nbd.stopAndTakeBlockedThreadWarnings()).isNotEmpty();
        }
    }

    /** The deliberate fault under test: a busy event loop, not a wait for an event. */
    private static void blockEventLoopOnPurpose(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
