package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/*
 * Scenario: two connected jdrbdd processes (127.0.0.26 = a, 127.0.0.27 = b), both Secondary and
 * UpToDate. Promotion while connected is a cluster-wide change: the peer must approve it.
 * (1) Both nodes are told `primary` at the same moment, five rounds. (2) a is Primary and b is
 * told `primary`. (3) With allow-two-primaries both are told `primary` at once.
 * Expectation: (1) in every round exactly one node becomes Primary, the other's drbdsetup fails
 * with a DRBD refusal (exit 11) and it sees its peer as Primary, so both agree; (2) b is refused
 * with "Multiple primaries not allowed by config"; (3) both become Primary. (4) With a wrong
 * shared secret the connection is refused; net-options with the right one lets it connect.
 * Why: without the two-phase exchange both nodes could promote at once and split the data (issue 7).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterWideTest extends TwoNodeTest {
    private static final long DISK_BYTES = 16L << 20;

    @Test
    void simultaneousPromotionsLetExactlyOneWin() throws Exception {
        pair();
        for (int round = 0; round < 5; round++) {
            List<Node.Result> r = promoteBothAtOnce();
            long winners = r.stream().filter(x -> x.exitCode() == 0).count();
            assertThat(winners).as("round " + round + ": " + r).isEqualTo(1);
            Node winner = r.get(0).exitCode() == 0 ? a : b;
            Node loser = winner == a ? b : a;
            Node.Result lost = r.get(0).exitCode() == 0 ? r.get(1) : r.get(0);
            assertThat(lost.exitCode()).as(lost.output()).isEqualTo(11);
            winner.awaitStatus(30, ownLine(winner) + "Primary");
            loser.awaitStatus(30, ownLine(loser) + "Secondary", peerLine(loser) + "Primary");
            winner.ok("secondary", "r0");
            loser.awaitStatus(30, ownLine(loser) + "Secondary", peerLine(loser) + "Secondary");
        }
    }

    @Test
    void promotionWhilePeerIsPrimaryIsRefused() throws Exception {
        pair();
        a.ok("primary", "r0");
        b.awaitStatus(30, peerLine(b) + "Primary");
        Node.Result r = b.run("primary", "r0");
        assertThat(r.exitCode()).as(r.output()).isEqualTo(11);
        assertThat(r.output()).contains("Multiple primaries not allowed by config");
        assertThat(b.ok("status", "r0")).startsWith("r0 role:Secondary");
    }

    @Test
    void allowTwoPrimariesLetsBothPromote() throws Exception {
        pair("--allow-two-primaries");
        List<Node.Result> r = promoteBothAtOnce();
        assertThat(r).allMatch(x -> x.exitCode() == 0, "both promoted");
        a.awaitStatus(30, ownLine(a) + "Primary");
        b.awaitStatus(30, ownLine(b) + "Primary");
    }

    @Test
    void peersAuthenticateWithTheSharedSecretAndRefuseAWrongOne() throws Exception {
        a = new Node(dir, "a", 0, "127.0.0.26", DISK_BYTES);
        b = new Node(dir, "b", 1, "127.0.0.27", DISK_BYTES);
        a.start();
        b.start();
        a.up(b, "--cram-hmac-alg=sha256", "--shared-secret=right");
        b.up(a, "--cram-hmac-alg=sha256", "--shared-secret=wrong");
        // Each side checks the other's answer to its challenge, so either may find the wrong
        // secret first; as in DRBD, the side that found it gives up: StandAlone.
        Node finder = awaitEitherLog(a, b, "Authentication of peer failed");
        finder.awaitStatus(30, "connection:StandAlone");
        a.ok("disconnect", "r0", "1");
        b.ok("disconnect", "r0", "0");
        b.ok("net-options", "r0", "0", "--shared-secret=right");
        b.ok("connect", "r0", "0");
        a.ok("connect", "r0", "1");
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        assertThat(a.logText()).contains("peer authenticated using 32 bytes HMAC");
    }

    private List<Node.Result> promoteBothAtOnce() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Node.Result> ra = CompletableFuture.supplyAsync(() -> runAfter(go, a));
        CompletableFuture<Node.Result> rb = CompletableFuture.supplyAsync(() -> runAfter(go, b));
        go.countDown();
        return List.of(ra.get(60, TimeUnit.SECONDS), rb.get(60, TimeUnit.SECONDS));
    }

    private static Node.Result runAfter(CountDownLatch go, Node n) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return n.run("primary", "r0");
    }

    private void pair(String... opts) throws Exception {
        a = new Node(dir, "a", 0, "127.0.0.26", DISK_BYTES);
        b = new Node(dir, "b", 1, "127.0.0.27", DISK_BYTES);
        a.start();
        b.start();
        a.up(b, opts);
        b.up(a, opts);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        a.ok("secondary", "r0");
        b.awaitStatus(30, ownLine(b) + "Secondary", peerLine(b) + "Secondary");
        a.awaitStatus(30, ownLine(a) + "Secondary", peerLine(a) + "Secondary");
    }

    /** The end of n's connection line in status --verbose, up to the peer's role value. */
    private String peerLine(Node n) {
        return "node-id:" + (n == a ? 1 : 0) + " role:";
    }

    /** The start of n's resource line in status --verbose, up to its role value. */
    private String ownLine(Node n) {
        return "r0 node-id:" + (n == a ? 0 : 1) + " role:";
    }

    /** Bounded wait until one of the two logs shows {@code text}; returns that node. */
    private static Node awaitEitherLog(Node x, Node y, String text) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            for (Node n : new Node[] {x, y}) {
                if (n.logText().contains(text)) {
                    return n;
                }
            }
            Thread.sleep(100); // poll interval of the bounded wait on the condition above
        }
        throw new AssertionError("neither log showed '" + text + "':\n" + x.logText() + "\n" + y.logText());
    }
}
