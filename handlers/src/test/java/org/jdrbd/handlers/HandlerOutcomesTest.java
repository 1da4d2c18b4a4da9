package org.jdrbd.handlers;

// Scenario: every handler x every way a run can end (exit codes 0..255, timeout, exec failure,
// not configured) x current or older connection epoch, classified by the exit-code table.
// Expectation: the table of drbd-semantics §5.2/§5.5, written out independently below: fence-peer
// 3..7 are answers and everything else (also no answer at all) is broken; before-resync-target
// proceeds only on 0; before-resync-source on 0 or 3; other handlers are DONE; an older epoch is
// STALE regardless. For fence-peer the answer agrees with statemachine's Fencing.interpret.
// Why: a wrong entry here either unfreezes IO without a fence or starts a resync the admin's
// script refused (STYLE.md rule 13).

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdrbd.statemachine.FenceExitCode;
import org.jdrbd.statemachine.FenceRun;
import org.jdrbd.statemachine.FencingPolicy;
import org.jdrbd.statemachine.Fencing;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandlerOutcomesTest {
    private static final long EPOCH = 7;

    static HandlerResult exited(HandlerName h, int code) {
        return new HandlerResult(h, "r0", EPOCH, HandlerResult.Status.EXITED, code, "",
                CapturedOutput.EMPTY, CapturedOutput.EMPTY, 1);
    }

    static HandlerResult notRun(HandlerName h, HandlerResult.Status s) {
        return new HandlerResult(h, "r0", EPOCH, s, -1, s == HandlerResult.Status.EXEC_FAILED ? "no sh" : "",
                CapturedOutput.EMPTY, CapturedOutput.EMPTY, 0);
    }

    /** The specification, spelled out per handler rather than derived from the code under test. */
    static HandlerOutcome.Kind expected(HandlerName h, HandlerResult.Status s, int code) {
        boolean ran = s == HandlerResult.Status.EXITED;
        switch (h) {
            case FENCE_PEER:
                return ran && code >= 3 && code <= 7 ? HandlerOutcome.Kind.FENCE_ANSWER : HandlerOutcome.Kind.FENCE_BROKEN;
            case BEFORE_RESYNC_TARGET:
                return (ran && code == 0) || s == HandlerResult.Status.NOT_CONFIGURED
                        ? HandlerOutcome.Kind.PROCEED : HandlerOutcome.Kind.DROP_CONNECTION;
            case BEFORE_RESYNC_SOURCE:
                return (ran && (code == 0 || code == 3)) || s == HandlerResult.Status.NOT_CONFIGURED
                        ? HandlerOutcome.Kind.PROCEED : HandlerOutcome.Kind.DROP_CONNECTION;
            default:
                return HandlerOutcome.Kind.DONE;
        }
    }

    static Stream<Arguments> everyHandlerAndEnding() {
        List<Arguments> all = new ArrayList<>();
        for (HandlerName h : HandlerName.values()) {
            for (int code = 0; code <= 255; code++) {
                all.add(Arguments.of(h, exited(h, code)));
            }
            for (HandlerResult.Status s : List.of(HandlerResult.Status.TIMED_OUT,
                    HandlerResult.Status.EXEC_FAILED, HandlerResult.Status.NOT_CONFIGURED)) {
                all.add(Arguments.of(h, notRun(h, s)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("everyHandlerAndEnding")
    void tableMatchesSpecification(HandlerName h, HandlerResult r) {
        HandlerOutcome o = HandlerOutcomes.classify(r, EPOCH);
        assertEquals(expected(h, r.status(), r.exitCode()), o.kind(), o.logText());
        assertEquals(r.effectiveExitCode(), o.exitCode());
        assertEquals(h, o.handler());
        assertEquals(HandlerOutcome.Kind.STALE, HandlerOutcomes.classify(r, EPOCH + 1).kind());
        assertEquals(Optional.empty(), HandlerOutcomes.classify(r, EPOCH + 1).fenceAnswer());
    }

    @ParameterizedTest
    @MethodSource("everyHandlerAndEnding")
    void fenceAnswerAgreesWithStatemachine(HandlerName h, HandlerResult r) {
        if (h != HandlerName.FENCE_PEER) {
            assertEquals(Optional.empty(), HandlerOutcomes.classify(r, EPOCH).fenceAnswer());
            return;
        }
        FenceExitCode viaStatemachine = Fencing.interpret(new FenceRun(FencingPolicy.RESOURCE_AND_STONITH, EPOCH),
                r.effectiveExitCode(), List.of()).answer();
        assertEquals(Optional.of(viaStatemachine), HandlerOutcomes.classify(r, EPOCH).fenceAnswer());
    }

    @Test
    void effectiveExitCodesOfRunsWithoutExit() {
        assertEquals(0, notRun(HandlerName.FENCE_PEER, HandlerResult.Status.NOT_CONFIGURED).effectiveExitCode());
        assertEquals(20, notRun(HandlerName.FENCE_PEER, HandlerResult.Status.TIMED_OUT).effectiveExitCode());
        assertEquals(20, notRun(HandlerName.FENCE_PEER, HandlerResult.Status.EXEC_FAILED).effectiveExitCode());
        assertEquals(143, exited(HandlerName.FENCE_PEER, 143).effectiveExitCode());
    }

    @Test
    void staleOutcomeNamesBothEpochs() {
        HandlerOutcome o = HandlerOutcomes.classify(exited(HandlerName.FENCE_PEER, 4), EPOCH + 3);
        assertEquals("fence-peer result from connection epoch 7 ignored, current epoch is 10", o.logText());
    }

    @Test
    void logTextNamesTheAnswer() {
        assertEquals("helper command: fence-peer r0 exit code 4: peer was fenced",
                HandlerOutcomes.classify(exited(HandlerName.FENCE_PEER, 4), EPOCH).logText());
        assertEquals("helper command: before-resync-target r0 could not be run: no sh: dropping connection",
                HandlerOutcomes.classify(notRun(HandlerName.BEFORE_RESYNC_TARGET, HandlerResult.Status.EXEC_FAILED),
                        EPOCH).logText());
    }
}
