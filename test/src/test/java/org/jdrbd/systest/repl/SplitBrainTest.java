package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jdrbd.systest.repl.DataChecks.awaitSameData;
import static org.jdrbd.systest.FileHashes.sha256;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: two jdrbdd processes (127.0.0.20 = a, node 0; 127.0.0.21 = b, node 1) with a small
 * volume connect and finish the initial sync (a Primary). Both disconnect (StandAlone), then
 * each side is Primary for a while and writes its own number of 4 KiB blocks through NBD, so
 * their data splits. The roles at reconnect (none, one, both Primary) pick after-sb-0pri, -1pri
 * or -2pri; each case sets one policy (and for discard-my-data a one-shot connect flag), then
 * both reconnect. The daemons run handlers through a recording usermode helper.
 * Expectation: the outcome DRBD's decision table gives for that scenario, worked out by hand in
 * each case: either one node becomes SyncTarget and afterwards both backing files hold exactly
 * the winner's bytes, the loser's status shows the damage (victim local, its own written block
 * count discarded), and initial-split-brain ran on both; or the split brain stays unresolved,
 * both end StandAlone with their own data untouched and the split-brain handler ran on both.
 * Why: this is the decision that must never sync the wrong way silently (issue 7).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SplitBrainTest extends TwoNodeTest {
    private static final long DISK_BYTES = 16L << 20;

    /** Who is Primary when the nodes reconnect. */
    enum Roles {
        /** Both Secondary: after-sb-0pri decides. */
        NONE,
        /** a Primary: after-sb-1pri decides. */
        A_PRIMARY,
        /** Both Primary: after-sb-2pri decides. */
        BOTH
    }

    /**
     * One row of the matrix.
     *
     * @param name what the case shows
     * @param optsA net options of a
     * @param optsB net options of b
     * @param roles roles at reconnect
     * @param blocksA blocks a writes after the split (first, as the older Primary)
     * @param blocksB blocks b writes after the split (second, as the younger Primary)
     * @param discardOnB b reconnects with --discard-my-data
     * @param winner "a", "b", or "none" when the split brain stays unresolved
     */
    record Case(String name, List<String> optsA, List<String> optsB, Roles roles, int blocksA,
            int blocksB, boolean discardOnB, String winner) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** -Dsplitbrain.only=TEXT runs only the cases whose name contains TEXT. */
    static Stream<Case> cases() {
        String only = System.getProperty("splitbrain.only", "");
        return allCases().filter(c -> c.name().contains(only));
    }

    private static Stream<Case> allCases() {
        return Stream.of(
                new Case("0pri disconnect leaves both StandAlone", List.of(), List.of(), Roles.NONE,
                        5, 7, false, "none"),
                new Case("0pri discard-zero-changes discards b, which wrote nothing",
                        List.of("--after-sb-0pri=discard-zero-changes"),
                        List.of("--after-sb-0pri=discard-zero-changes"), Roles.NONE, 6, 0, false, "a"),
                new Case("0pri discard-least-changes discards a, which wrote less",
                        List.of("--after-sb-0pri=discard-least-changes"),
                        List.of("--after-sb-0pri=discard-least-changes"), Roles.NONE, 3, 9, false, "b"),
                new Case("0pri discard-node-b (discard-remote on a, discard-local on b)",
                        List.of("--after-sb-0pri=discard-remote"),
                        List.of("--after-sb-0pri=discard-local"), Roles.NONE, 4, 8, false, "a"),
                new Case("0pri discard-younger-primary discards b, Primary after a",
                        List.of("--after-sb-0pri=discard-younger-primary"),
                        List.of("--after-sb-0pri=discard-younger-primary"), Roles.NONE, 2, 6, false, "a"),
                new Case("0pri discard-older-primary discards a, Primary before b",
                        List.of("--after-sb-0pri=discard-older-primary"),
                        List.of("--after-sb-0pri=discard-older-primary"), Roles.NONE, 6, 2, false, "b"),
                new Case("connect --discard-my-data on b resolves a manual split brain",
                        List.of(), List.of(), Roles.NONE, 3, 5, true, "a"),
                new Case("1pri discard-secondary discards b (a is Primary)",
                        List.of("--after-sb-1pri=discard-secondary"),
                        List.of("--after-sb-1pri=discard-secondary"), Roles.A_PRIMARY, 2, 9, false, "a"),
                new Case("1pri consensus agrees with 0pri discard-zero-changes on the Secondary b",
                        List.of("--after-sb-0pri=discard-zero-changes", "--after-sb-1pri=consensus"),
                        List.of("--after-sb-0pri=discard-zero-changes", "--after-sb-1pri=consensus"),
                        Roles.A_PRIMARY, 4, 0, false, "a"),
                new Case("1pri consensus refuses when 0pri would discard the Primary a",
                        List.of("--after-sb-0pri=discard-least-changes", "--after-sb-1pri=consensus"),
                        List.of("--after-sb-0pri=discard-least-changes", "--after-sb-1pri=consensus"),
                        Roles.A_PRIMARY, 2, 7, false, "none"),
                new Case("2pri disconnect leaves both StandAlone", List.of(), List.of(), Roles.BOTH,
                        4, 4, false, "none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void splitBrainEndsAsTheDecisionTableSays(Case c) throws Exception {
        a = node("a", 0, "127.0.0.20");
        b = node("b", 1, "127.0.0.21");
        a.start();
        b.start();
        a.up(b, c.optsA().toArray(String[]::new));
        b.up(a, c.optsB().toArray(String[]::new));
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");

        a.ok("disconnect", "r0", "1");
        b.ok("disconnect", "r0", "0");
        a.awaitStatus(30, "connection:StandAlone");
        b.awaitStatus(30, "connection:StandAlone");
        Path dataA = DataChecks.writeThroughNbd(a, c.blocksA(), 1);
        if (c.roles() == Roles.NONE) {
            a.ok("secondary", "r0");
        }
        b.ok("primary", "r0");
        Path dataB = DataChecks.writeThroughNbd(b, c.blocksB(), 2);
        if (c.roles() != Roles.BOTH) {
            b.ok("secondary", "r0");
        }
        String beforeA = sha256(a.disk, DISK_BYTES / 2);
        String beforeB = sha256(b.disk, DISK_BYTES / 2);

        a.ok("connect", "r0", "1");
        if (c.discardOnB()) {
            b.ok("connect", "r0", "0", "--discard-my-data");
        } else {
            b.ok("connect", "r0", "0");
        }

        if (c.winner().equals("none")) {
            a.awaitStatus(60, "connection:StandAlone");
            b.awaitStatus(60, "connection:StandAlone");
            assertThat(sha256(a.disk, DISK_BYTES / 2)).as("a's data untouched").isEqualTo(beforeA);
            assertThat(sha256(b.disk, DISK_BYTES / 2)).as("b's data untouched").isEqualTo(beforeB);
            assertThat(HandlerLog.awaitDone(a, "initial-split-brain", "split-brain"))
                    .contains("initial-split-brain r0", "split-brain r0");
            assertThat(HandlerLog.awaitDone(b, "initial-split-brain", "split-brain"))
                    .contains("initial-split-brain r0", "split-brain r0");
            return;
        }
        Node winner = c.winner().equals("a") ? a : b;
        Node loser = winner == a ? b : a;
        int lost = winner == a ? c.blocksB() : c.blocksA();
        Path winnerData = winner == a ? dataA : dataB;
        int winnerBlocks = winner == a ? c.blocksA() : c.blocksB();
        String st = loser.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate",
                "replication:Established");
        winner.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        assertThat(st).contains("split-brain-victim:local",
                "split-brain-discarded-blocks:" + lost);
        assertThat(winner.ok("status", "r0", "--verbose")).contains("split-brain-victim:peer");
        assertThat(loser.logText()).contains("SYNC_TARGET");
        awaitSameData(a, b, DISK_BYTES / 2);
        if (winnerBlocks > 0) {
            assertThat(sha256(loser.disk, winnerBlocks * 4096L))
                    .as("the loser holds the winner's writes")
                    .isEqualTo(sha256(winnerData, winnerBlocks * 4096L));
        }
        assertThat(sha256(winner.disk, DISK_BYTES / 2)).as("the winner's data is untouched")
                .isEqualTo(winner == a ? beforeA : beforeB);
        // split-brain would have been called in the same handshake as initial-split-brain.
        assertThat(HandlerLog.awaitDone(a, "initial-split-brain")).contains("initial-split-brain r0");
        assertThat(HandlerLog.awaitDone(b, "initial-split-brain")).contains("initial-split-brain r0");
        assertThat(HandlerLog.called(a, "split-brain")).as("split-brain handler on a").isFalse();
        assertThat(HandlerLog.called(b, "split-brain")).as("split-brain handler on b").isFalse();
    }

    private Node node(String name, int id, String address) throws Exception {
        Node n = new Node(dir, name, id, address, DISK_BYTES);
        HandlerLog.install(n, "");
        return n;
    }
}
