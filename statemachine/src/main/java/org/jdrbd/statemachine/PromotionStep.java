package org.jdrbd.statemachine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What {@code drbdsetup primary} does next after one promotion request (see {@link PromotionRetry}). */
public sealed interface PromotionStep {

    /** Make the request of {@code plan} again; log {@code warning} first if present. */
    record Retry(PromotionPlan plan, Optional<String> warning) implements PromotionStep {
        public Retry {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(warning, "warning");
        }
    }

    /**
     * Run the fence-peer procedure ({@link Fencing#begin} and on), then hand its boolean result to
     * {@link PromotionRetry#afterFencePeer}. The procedure may end without a handler (dont-care).
     */
    record RunFencePeer(PromotionPlan plan, Purpose purpose, StateRv refusal) implements PromotionStep {
        public RunFencePeer {
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /** Wait {@code waitTicks} (ping-timeout + 0.1 s), then make the request once more. */
    record WaitThenRetry(PromotionPlan plan, int waitTicks) implements PromotionStep {
        public WaitThenRetry {
            Objects.requireNonNull(plan, "plan");
        }
    }

    /** Done: {@code rv} is SS_SUCCESS or SS_NOTHING_TO_DO (already Primary). */
    record Promoted(StateRv rv, boolean newCurrentUuid, List<String> warnings) implements PromotionStep {
        public Promoted {
            Objects.requireNonNull(rv, "rv");
            warnings = List.copyOf(warnings);
        }
    }

    /** Done: the promotion failed with {@code rv}. */
    record GiveUp(StateRv rv) implements PromotionStep {
        public GiveUp {
            Objects.requireNonNull(rv, "rv");
        }
    }

    /** Why fence-peer is run during a promotion. */
    enum Purpose {
        /** SS_NO_UP_TO_DATE_DISK on a Consistent disk: a fenced peer lets us count as UpToDate. */
        CONSISTENT_DISK,
        /** SS_PRIMARY_NOP: the peer's disk must be Outdated before we may become Primary. */
        PEER_NOT_OUTDATED
    }
}
