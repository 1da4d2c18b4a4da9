package org.jdrbd.handlers;

// Scenario: real /bin/sh handlers run through HandlerRunner: printing their environment, exiting
// with chosen codes for every handler kind, hanging past the timeout (also with TERM ignored and
// with a grandchild), flooding stdout, listing their open descriptors, reading stdin, and being
// impossible to start.
// Expectation: the child sees exactly the built environment (plus PWD, which the shell sets
// itself), exit codes classify per the table, a hang is killed (tree included) and reported
// TIMED_OUT without the caller blocking, output is cut at the limit, only fds 0-2 are open,
// stdin is at EOF, exec failures are EXEC_FAILED; events are reported in call/response order.
// Why: this is the process boundary DRBD's kernel and drbdadm enforce; a leak or a hang here
// means a frozen cluster or a handler acting on the daemon's secrets.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandlerRunnerTest {
    private static final long WAIT_S = 20;
    private final List<String> events = Collections.synchronizedList(new ArrayList<>());
    private final HandlerEventListener recorder = new HandlerEventListener() {
        @Override
        public void called(HandlerRequest req) {
            events.add(HelperEventLine.call(req));
        }

        @Override
        public void responded(HandlerRequest req, HandlerResult result) {
            events.add(HelperEventLine.response(req, result.effectiveExitCode()));
        }
    };
    private HandlerRunner runner = new HandlerRunner(RunnerSettings.defaults(), recorder);

    @TempDir
    Path tmp;

    @AfterEach
    void close() {
        runner.close();
    }

    private HandlerResult run(HandlerRequest req) throws Exception {
        return runner.start(req).get(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void childSeesExactlyTheBuiltEnvironment() throws Exception {
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER, "env").peer(Requests.BETA).build();
        HandlerResult r = run(req);
        assertEquals(HandlerResult.Status.EXITED, r.status());
        Map<String, String> seen = new TreeMap<>();
        for (String line : r.stdout().text().split("\n")) {
            int eq = line.indexOf('=');
            seen.put(line.substring(0, eq), line.substring(eq + 1));
        }
        Map<String, String> expected = new TreeMap<>(HandlerEnvironment.forDaemon(req));
        expected.put("PWD", "/");
        assertEquals(expected, seen);
        assertEquals("r0", seen.get("DRBD_RESOURCE"));
        assertEquals("0x00000001", seen.get("UP_TO_DATE_NODES"));
    }

    static Stream<Arguments> handlersAndCodes() {
        List<Arguments> all = new ArrayList<>();
        for (HandlerName h : HandlerName.values()) {
            for (int code : new int[] {0, 1, 3, 4, 5, 6, 7, 8, 255}) {
                all.add(Arguments.of(h, code));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("handlersAndCodes")
    void exitCodeOfRealProcessIsClassified(HandlerName h, int code) throws Exception {
        HandlerResult r = run(Requests.r0(h, "exit " + code).build());
        assertEquals(HandlerResult.Status.EXITED, r.status());
        assertEquals(code, r.exitCode());
        assertEquals(HandlerOutcomesTest.expected(h, r.status(), code), HandlerOutcomes.classify(r, 7).kind());
    }

    @Test
    void hangingHandlerIsKilledAndReportedTimedOutWithoutBlocking() throws Exception {
        Path pid = tmp.resolve("pid");
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER, "sleep 60 & echo $! > " + pid + "; wait")
                .timeout(Duration.ofMillis(300)).build();
        CompletableFuture<HandlerResult> f = runner.start(req);
        assertFalse(f.isDone(), "start must return before the handler finishes");
        HandlerResult r = f.get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(HandlerResult.Status.TIMED_OUT, r.status());
        assertTrue(r.timedOut());
        assertTrue(r.durationMs() >= 300, "duration " + r.durationMs());
        assertEquals(HandlerOutcome.Kind.FENCE_BROKEN, HandlerOutcomes.classify(r, 7).kind());
        assertGrandchildDies(pid);
    }

    @Test
    void handlerIgnoringTermIsKilledAfterGrace() throws Exception {
        runner.close();
        runner = new HandlerRunner(RunnerSettings.defaults().withKillGrace(Duration.ofMillis(200)), recorder);
        Path pid = tmp.resolve("pid");
        HandlerRequest req = Requests.r0(HandlerName.SPLIT_BRAIN,
                "trap '' TERM; sleep 60 & echo $! > " + pid + "; wait; wait; wait")
                .timeout(Duration.ofMillis(200)).build();
        HandlerResult r = runner.start(req).get(WAIT_S, TimeUnit.SECONDS);
        assertEquals(HandlerResult.Status.TIMED_OUT, r.status());
        assertTrue(r.durationMs() >= 400, "killed before grace ended: " + r.durationMs());
        assertGrandchildDies(pid);
    }

    private static void assertGrandchildDies(Path pidFile) throws Exception {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(WAIT_S, TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "grandchild " + pid + " alive");
    }

    @Test
    void execFailureIsItsOwnStatusAndBreaksFencing() throws Exception {
        runner.close();
        runner = new HandlerRunner(RunnerSettings.defaults().withShell(tmp.resolve("no-such-sh").toString()), recorder);
        HandlerResult r = run(Requests.r0(HandlerName.FENCE_PEER, "exit 4").build());
        assertEquals(HandlerResult.Status.EXEC_FAILED, r.status());
        assertFalse(r.execFailure().isEmpty());
        assertEquals(HandlerOutcome.Kind.FENCE_BROKEN, HandlerOutcomes.classify(r, 7).kind());
    }

    @Test
    void largeOutputIsTruncatedAndDoesNotBlockTheHandler() throws Exception {
        HandlerResult r = run(Requests.r0(HandlerName.OUT_OF_SYNC,
                "head -c 300000 /dev/zero | tr '\\0' a; echo err >&2; exit 2").build());
        assertEquals(HandlerResult.Status.EXITED, r.status());
        assertEquals(2, r.exitCode());
        assertEquals(300000, r.stdout().totalBytes());
        assertTrue(r.stdout().truncated());
        assertEquals(RunnerSettings.DEFAULT_OUTPUT_LIMIT_BYTES, r.stdout().text().length());
        assertEquals("a".repeat(10), r.stdout().text().substring(0, 10));
        assertEquals("err\n", r.stderr().text());
        assertFalse(r.stderr().truncated());
    }

    @Test
    void onlyStandardDescriptorsAreOpenInTheChild() throws Exception {
        // Hold a file open in this JVM so a leak would have something to show.
        try (RandomAccessFile held = new RandomAccessFile(tmp.resolve("held").toFile(), "rw")) {
            HandlerResult r = run(Requests.r0(HandlerName.SPLIT_BRAIN, "ls -l /proc/self/fd/").build());
            List<String> fds = new ArrayList<>();
            for (String line : r.stdout().text().split("\n")) {
                int arrow = line.indexOf(" -> ");
                if (arrow < 0) {
                    continue; // the "total" line
                }
                String target = line.substring(arrow + 4);
                String fd = line.substring(line.lastIndexOf(' ', arrow - 1) + 1, arrow);
                // ls itself opens /proc/self/fd to read it; every other descriptor must be 0..2.
                if (!target.matches("/proc/\\d+/fd")) {
                    fds.add(fd);
                }
            }
            assertEquals(List.of("0", "1", "2"), fds, r.stdout().text());
            assertTrue(r.stdout().text().contains(" 0 -> /dev/null"), r.stdout().text());
        }
    }

    @Test
    void stdinIsEndOfFile() throws Exception {
        HandlerResult r = run(Requests.r0(HandlerName.SPLIT_BRAIN, "cat; echo done").timeout(Duration.ofSeconds(10)).build());
        assertEquals(HandlerResult.Status.EXITED, r.status());
        assertEquals("done\n", r.stdout().text());
    }

    @Test
    void notConfiguredAnswersAtOnceAndBreaksFencing() throws Exception {
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER).peer(Requests.BETA).build();
        CompletableFuture<HandlerResult> f = runner.start(req);
        assertTrue(f.isDone());
        HandlerResult r = f.get();
        assertEquals(HandlerResult.Status.NOT_CONFIGURED, r.status());
        assertEquals(HandlerOutcome.Kind.FENCE_BROKEN, HandlerOutcomes.classify(r, 7).kind());
        assertEquals(List.of("call helper name:r0 peer-node-id:1 conn-name:beta helper:fence-peer",
                "response helper name:r0 peer-node-id:1 conn-name:beta helper:fence-peer status:0"), events);
    }

    @Test
    void resultIsTaggedWithItsEpochAndReportedStaleAfterReconnect() throws Exception {
        HandlerResult r = run(Requests.r0(HandlerName.FENCE_PEER, "exit 4").connectionEpoch(41).build());
        assertEquals(41, r.connectionEpoch());
        assertEquals(HandlerOutcome.Kind.FENCE_ANSWER, HandlerOutcomes.classify(r, 41).kind());
        assertEquals(HandlerOutcome.Kind.STALE, HandlerOutcomes.classify(r, 42).kind());
    }

    @Test
    void eventsAreCallThenResponseWithStatus() throws Exception {
        run(Requests.r0(HandlerName.BEFORE_RESYNC_SOURCE, "exit 3").peer(Requests.BETA).device(0).build());
        assertEquals(List.of(
                "call helper name:r0 peer-node-id:1 conn-name:beta volume:0 helper:before-resync-source",
                "response helper name:r0 peer-node-id:1 conn-name:beta volume:0 helper:before-resync-source status:3"),
                events);
    }

    @Test
    void handlersRunConcurrently() throws Exception {
        // Two handlers that each wait for the other's marker file: only concurrent runs finish.
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        String waitFor = "i=0; while [ ! -e %s ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done; [ -e %s ]";
        CompletableFuture<HandlerResult> fa = runner.start(Requests.r0(HandlerName.SPLIT_BRAIN,
                "touch " + a + "; " + String.format(waitFor, b, b)).build());
        CompletableFuture<HandlerResult> fb = runner.start(Requests.r0(HandlerName.SPLIT_BRAIN,
                "touch " + b + "; " + String.format(waitFor, a, a)).build());
        assertEquals(0, fa.get(WAIT_S, TimeUnit.SECONDS).exitCode());
        assertEquals(0, fb.get(WAIT_S, TimeUnit.SECONDS).exitCode());
    }
}
