package org.jdrbd.statemachine;

import java.util.List;
import java.util.Optional;

/**
 * The retry rules of {@code drbdsetup primary} ({@code drbd_set_role}, fact sheet §5.2) as a pure
 * decision: after each promotion request the caller asks {@link #onResult} what to do next.
 * The rules are checked in DRBD's order; the first that matches decides.
 *
 * <p>Once the attempt budget is spent, steps that would only change the next request (forcing a
 * field, waiting) are skipped and the last refusal is returned; fence-peer still runs because its
 * answer changes state outside this request (the peer may get outdated), as in DRBD.
 */
public final class PromotionRetry {

    /** DRBD's warning when {@code --force} makes local data UpToDate. */
    public static final String FORCED_UP_TO_DATE = "Forced to consider local data as UpToDate!";
    /** DRBD's warning when {@code --force} promotes without a fenced peer. */
    public static final String FORCED_SPLIT_BRAIN = "Forced into split brain situation!";

    private PromotionRetry() {
    }

    /**
     * @param plan the request that was just made
     * @param rv its result
     * @param state the volume's state now (after the refusal)
     * @param force {@code --force} was given
     * @param pingTimeoutTenths the net option ping-timeout (for the SS_TWO_PRIMARIES wait)
     */
    public static PromotionStep onResult(PromotionPlan plan, StateRv rv, State state, boolean force,
            int pingTimeoutTenths) {
        PromotionPlan next = plan.afterAttempt();
        if (rv.isSuccess()) {
            return promoted(plan, rv);
        }
        DiskState disk = state.disk();
        if (rv == StateRv.SS_CW_FAILED_BY_PEER && plan.pdskOutdated()) {
            // We had outdated the peer, but it is back and refused: try again without that.
            return retryOrGiveUp(next.withPdskOutdated(false), rv, Optional.empty());
        }
        if (rv == StateRv.SS_NO_UP_TO_DATE_DISK && force
                && disk.ge(DiskState.INCONSISTENT) && disk.lt(DiskState.UP_TO_DATE)) {
            return retryOrGiveUp(next.withDiskUpToDate(true), rv, Optional.empty());
        }
        if (rv == StateRv.SS_NO_UP_TO_DATE_DISK && disk == DiskState.CONSISTENT && !plan.pdskOutdated()) {
            return new PromotionStep.RunFencePeer(next, PromotionStep.Purpose.CONSISTENT_DISK, rv);
        }
        if (rv == StateRv.SS_PRIMARY_NOP && !plan.pdskOutdated()) {
            return new PromotionStep.RunFencePeer(next, PromotionStep.Purpose.PEER_NOT_OUTDATED, rv);
        }
        if (rv == StateRv.SS_TWO_PRIMARIES) {
            // The peer may be about to be declared dead: wait one ping-timeout, retry only once.
            if (next.attemptsLeft() == 0) {
                return new PromotionStep.GiveUp(rv);
            }
            return new PromotionStep.WaitThenRetry(next.withLastAttemptOnly(), Tick.fromTenths(pingTimeoutTenths + 1));
        }
        return new PromotionStep.GiveUp(rv);
    }

    /**
     * After the fence-peer procedure ran for {@code step}.
     *
     * @param peerFenced the procedure's result (true: the peer's disk is Outdated or worse)
     * @param force {@code --force} was given
     */
    public static PromotionStep afterFencePeer(PromotionStep.RunFencePeer step, boolean peerFenced,
            boolean force) {
        PromotionPlan plan = step.plan();
        switch (step.purpose()) {
            case CONSISTENT_DISK:
                return retryOrGiveUp(peerFenced ? plan.withDiskUpToDate(false) : plan, step.refusal(),
                        Optional.empty());
            case PEER_NOT_OUTDATED:
                if (!peerFenced && force) {
                    return retryOrGiveUp(plan.withPdskOutdated(true), step.refusal(),
                            Optional.of(FORCED_SPLIT_BRAIN));
                }
                return retryOrGiveUp(plan, step.refusal(), Optional.empty());
            default:
                throw new IllegalStateException("unhandled purpose " + step.purpose());
        }
    }

    /** After {@link PromotionStep.WaitThenRetry}'s wait: the retry it announced. */
    public static PromotionStep afterWait(PromotionStep.WaitThenRetry step) {
        return new PromotionStep.Retry(step.plan(), Optional.empty());
    }

    private static PromotionStep retryOrGiveUp(PromotionPlan plan, StateRv lastRefusal, Optional<String> warning) {
        if (plan.attemptsLeft() == 0) {
            return new PromotionStep.GiveUp(lastRefusal);
        }
        return new PromotionStep.Retry(plan, warning);
    }

    private static PromotionStep promoted(PromotionPlan plan, StateRv rv) {
        if (rv == StateRv.SS_NOTHING_TO_DO) {
            // Already Primary: nothing was forced into effect, so no warning and no new UUID.
            return new PromotionStep.Promoted(rv, false, List.of());
        }
        return new PromotionStep.Promoted(rv, plan.forced(),
                plan.forced() ? List.of(FORCED_UP_TO_DATE) : List.of());
    }
}
