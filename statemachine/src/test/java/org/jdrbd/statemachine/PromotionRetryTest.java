package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: `drbdsetup primary [--force]` on a disconnected node; each promotion request is refused
 * with an SS_ code and the retry rules of fact sheet §5.2 decide what happens next.
 * Expectation: SS_NO_UP_TO_DATE_DISK on a Consistent disk runs fence-peer and a fenced peer makes
 * the retry set disk UpToDate; with --force an Inconsistent..Consistent disk is forced UpToDate
 * (new current UUID, warning); SS_PRIMARY_NOP runs fence-peer and, if that fails under --force,
 * forces pdsk Outdated ("Forced into split brain situation!"); SS_TWO_PRIMARIES waits
 * ping-timeout + 0.1 s and retries once; at most four requests; other codes give up.
 * Why: these rules decide whether a cluster manager can promote a node, and whether it does so
 * with stale data.
 */
class PromotionRetryTest {

    private static final int PING_TIMEOUT_TENTHS = 5;

    private static State disconnected(DiskState disk) {
        return State.INITIAL.withConn(ConnState.WF_CONNECTION).withDisk(disk).withPdsk(DiskState.UNKNOWN);
    }

    private static PromotionStep first(StateRv rv, DiskState disk, boolean force) {
        return PromotionRetry.onResult(PromotionPlan.initial(), rv, disconnected(disk), force, PING_TIMEOUT_TENTHS);
    }

    @ParameterizedTest(name = "force={0}")
    @ValueSource(booleans = {false, true})
    void successPromotes(boolean force) {
        assertEquals(new PromotionStep.Promoted(StateRv.SS_SUCCESS, false, List.of()),
                first(StateRv.SS_SUCCESS, DiskState.UP_TO_DATE, force));
        assertEquals(new PromotionStep.Promoted(StateRv.SS_NOTHING_TO_DO, false, List.of()),
                first(StateRv.SS_NOTHING_TO_DO, DiskState.UP_TO_DATE, force));
    }

    @Test
    void consistentDiskRunsFencePeerAndAFencedPeerMakesItUpToDate() {
        PromotionStep s = first(StateRv.SS_NO_UP_TO_DATE_DISK, DiskState.CONSISTENT, false);
        PromotionStep.RunFencePeer run = assertInstanceOf(PromotionStep.RunFencePeer.class, s);
        assertEquals(PromotionStep.Purpose.CONSISTENT_DISK, run.purpose());

        PromotionStep.Retry retry = assertInstanceOf(PromotionStep.Retry.class,
                PromotionRetry.afterFencePeer(run, true, false));
        assertTrue(retry.plan().diskUpToDate());
        assertFalse(retry.plan().forced(), "a fenced peer is not a forced promotion");
        assertEquals(3, retry.plan().attemptsLeft());

        PromotionStep done = PromotionRetry.onResult(retry.plan(), StateRv.SS_SUCCESS,
                disconnected(DiskState.UP_TO_DATE), false, PING_TIMEOUT_TENTHS);
        assertEquals(new PromotionStep.Promoted(StateRv.SS_SUCCESS, false, List.of()), done);
    }

    @Test
    void consistentDiskWithUnfencedPeerRetriesUnchangedUntilBudgetIsSpent() {
        Drive d = drive(DiskState.CONSISTENT, false, plan -> StateRv.SS_NO_UP_TO_DATE_DISK, false);
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_NO_UP_TO_DATE_DISK), d.end);
        assertEquals(PromotionPlan.MAX_ATTEMPTS, d.requests);
        assertEquals(PromotionPlan.MAX_ATTEMPTS, d.fenceRuns, "DRBD runs fence-peer after every refusal");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DiskState.class, names = {"INCONSISTENT", "OUTDATED", "CONSISTENT"})
    void forceMakesDiskUpToDateWithNewUuid(DiskState disk) {
        PromotionStep.Retry retry = assertInstanceOf(PromotionStep.Retry.class,
                first(StateRv.SS_NO_UP_TO_DATE_DISK, disk, true));
        assertTrue(retry.plan().diskUpToDate());
        assertTrue(retry.plan().forced());
        assertEquals(Optional.empty(), retry.warning());

        PromotionStep done = PromotionRetry.onResult(retry.plan(), StateRv.SS_SUCCESS, disconnected(disk), true,
                PING_TIMEOUT_TENTHS);
        assertEquals(new PromotionStep.Promoted(StateRv.SS_SUCCESS, true,
                List.of("Forced to consider local data as UpToDate!")), done);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DiskState.class, names = {"DISKLESS", "FAILED", "ATTACHING", "NEGOTIATING"})
    void forceCannotHelpWithoutUsableDisk(DiskState disk) {
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_NO_UP_TO_DATE_DISK),
                first(StateRv.SS_NO_UP_TO_DATE_DISK, disk, true));
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_NO_UP_TO_DATE_DISK),
                first(StateRv.SS_NO_UP_TO_DATE_DISK, disk, false));
    }

    @Test
    void primaryNopRunsFencePeer() {
        PromotionStep.RunFencePeer run = assertInstanceOf(PromotionStep.RunFencePeer.class,
                first(StateRv.SS_PRIMARY_NOP, DiskState.UP_TO_DATE, false));
        assertEquals(PromotionStep.Purpose.PEER_NOT_OUTDATED, run.purpose());
        // The fenced peer is now Outdated in the state itself; the retry carries no extra field.
        assertEquals(new PromotionStep.Retry(new PromotionPlan(3, false, false, false), Optional.empty()),
                PromotionRetry.afterFencePeer(run, true, false));
        assertEquals(new PromotionStep.Retry(new PromotionPlan(3, false, false, false), Optional.empty()),
                PromotionRetry.afterFencePeer(run, false, false));
    }

    @Test
    void primaryNopWithFailedFenceAndForceForcesSplitBrain() {
        PromotionStep.RunFencePeer run = assertInstanceOf(PromotionStep.RunFencePeer.class,
                first(StateRv.SS_PRIMARY_NOP, DiskState.UP_TO_DATE, true));
        PromotionStep.Retry retry = assertInstanceOf(PromotionStep.Retry.class,
                PromotionRetry.afterFencePeer(run, false, true));
        assertTrue(retry.plan().pdskOutdated());
        assertEquals(Optional.of("Forced into split brain situation!"), retry.warning());
        State proposed = retry.plan().proposedFrom(disconnected(DiskState.UP_TO_DATE));
        assertEquals(DiskState.OUTDATED, proposed.pdsk());
        assertEquals(Role.PRIMARY, proposed.role());
        assertEquals(proposed, StateWord.applyMaskVal(disconnected(DiskState.UP_TO_DATE),
                retry.plan().mask(), retry.plan().val()).orElseThrow());

        // Refused again although pdsk is forced: no second fence-peer run, give up.
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_PRIMARY_NOP), PromotionRetry.onResult(retry.plan(),
                StateRv.SS_PRIMARY_NOP, disconnected(DiskState.UP_TO_DATE), true, PING_TIMEOUT_TENTHS));
    }

    @Test
    void peerRefusalDropsForcedPeerDisk() {
        PromotionPlan withPdsk = new PromotionPlan(3, false, true, false);
        PromotionStep s = PromotionRetry.onResult(withPdsk, StateRv.SS_CW_FAILED_BY_PEER,
                disconnected(DiskState.UP_TO_DATE), true, PING_TIMEOUT_TENTHS);
        assertEquals(new PromotionStep.Retry(new PromotionPlan(2, false, false, false), Optional.empty()), s);
        // Without a forced peer disk the peer's refusal is final.
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_CW_FAILED_BY_PEER),
                first(StateRv.SS_CW_FAILED_BY_PEER, DiskState.UP_TO_DATE, true));
    }

    @ParameterizedTest(name = "force={0}")
    @ValueSource(booleans = {false, true})
    void twoPrimariesWaitsPingTimeoutThenRetriesOnce(boolean force) {
        PromotionStep.WaitThenRetry wait = assertInstanceOf(PromotionStep.WaitThenRetry.class,
                first(StateRv.SS_TWO_PRIMARIES, DiskState.UP_TO_DATE, force));
        assertEquals(PING_TIMEOUT_TENTHS + 1, wait.waitTicks(), "ping-timeout + 0.1 s in 100 ms ticks");
        assertEquals(1, wait.plan().attemptsLeft());
        PromotionStep.Retry retry = assertInstanceOf(PromotionStep.Retry.class, PromotionRetry.afterWait(wait));
        assertEquals(new PromotionStep.GiveUp(StateRv.SS_TWO_PRIMARIES), PromotionRetry.onResult(retry.plan(),
                StateRv.SS_TWO_PRIMARIES, disconnected(DiskState.UP_TO_DATE), force, PING_TIMEOUT_TENTHS));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = StateRv.class, names = {"SS_DEVICE_IN_USE", "SS_NO_LOCAL_DISK", "SS_IN_TRANSIENT_STATE",
        "SS_O_VOL_PEER_PRI", "SS_CONCURRENT_ST_CHG", "SS_IS_DISKLESS", "SS_LOWER_THAN_OUTDATED"})
    void otherRefusalsGiveUpAtOnce(StateRv rv) {
        assertEquals(new PromotionStep.GiveUp(rv), first(rv, DiskState.UP_TO_DATE, false));
        assertEquals(new PromotionStep.GiveUp(rv), first(rv, DiskState.CONSISTENT, true));
    }

    @Test
    void consistentForcedBeatsFencing() {
        // DRBD checks --force before the Consistent/fence-peer rule: no handler runs.
        assertInstanceOf(PromotionStep.Retry.class, first(StateRv.SS_NO_UP_TO_DATE_DISK, DiskState.CONSISTENT, true));
    }

    @Test
    void fullDriveWithFencingThatWorks() {
        // The peer answers "outdated" to fence-peer; the next request then succeeds.
        Drive d = drive(DiskState.CONSISTENT, false,
                plan -> plan.diskUpToDate() ? StateRv.SS_SUCCESS : StateRv.SS_NO_UP_TO_DATE_DISK, true);
        assertEquals(new PromotionStep.Promoted(StateRv.SS_SUCCESS, false, List.of()), d.end);
        assertEquals(2, d.requests);
        assertEquals(1, d.fenceRuns);
    }

    @Test
    void planRejectsMisuse() {
        assertThrows(IllegalArgumentException.class, () -> new PromotionPlan(5, false, false, false));
        assertThrows(IllegalArgumentException.class, () -> new PromotionPlan(1, false, false, true));
        PromotionPlan spent = new PromotionPlan(0, false, false, false);
        assertThrows(IllegalStateException.class, () -> PromotionRetry.onResult(spent, StateRv.SS_SUCCESS,
                disconnected(DiskState.UP_TO_DATE), false, PING_TIMEOUT_TENTHS));
    }

    /** Runs the retry loop like drbdsetup would, against a scripted node. */
    private static Drive drive(DiskState disk, boolean force, Function<PromotionPlan, StateRv> node,
            boolean fenceSucceeds) {
        Drive d = new Drive();
        PromotionPlan plan = PromotionPlan.initial();
        for (int guard = 0; guard < 20; guard++) {
            d.requests++;
            PromotionStep s = PromotionRetry.onResult(plan, node.apply(plan), disconnected(disk), force,
                    PING_TIMEOUT_TENTHS);
            if (s instanceof PromotionStep.RunFencePeer run) {
                d.fenceRuns++;
                s = PromotionRetry.afterFencePeer(run, fenceSucceeds, force);
            }
            if (s instanceof PromotionStep.WaitThenRetry w) {
                s = PromotionRetry.afterWait(w);
            }
            if (s instanceof PromotionStep.Retry r) {
                plan = r.plan();
                continue;
            }
            d.end = s;
            return d;
        }
        throw new AssertionError("retry loop did not end");
    }

    private static final class Drive {
        int requests;
        int fenceRuns;
        PromotionStep end;
    }
}
