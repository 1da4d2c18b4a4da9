package org.jdrbd.statemachine;

/**
 * The promotion request being retried by {@code drbdsetup primary} (fact sheet §5.2): besides
 * role := Primary it may also set the own disk UpToDate and/or the peer's disk Outdated.
 *
 * @param attemptsLeft how many more requests may be made (DRBD tries at most {@link #MAX_ATTEMPTS})
 * @param diskUpToDate also request disk := UpToDate
 * @param pdskOutdated also request pdsk := Outdated
 * @param forced disk := UpToDate was forced by {@code --force}: a new current UUID follows success
 */
public record PromotionPlan(int attemptsLeft, boolean diskUpToDate, boolean pdskOutdated, boolean forced) {

    /** DRBD makes at most four promotion requests per {@code primary} command. */
    public static final int MAX_ATTEMPTS = 4;

    public PromotionPlan {
        if (attemptsLeft < 0 || attemptsLeft > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attemptsLeft out of range: " + attemptsLeft);
        }
        if (forced && !diskUpToDate) {
            throw new IllegalArgumentException("forced implies diskUpToDate");
        }
    }

    /** The first request: just role := Primary. */
    public static PromotionPlan initial() {
        return new PromotionPlan(MAX_ATTEMPTS, false, false, false);
    }

    /** DRBD's mask of the request, in state-word layout. */
    public int mask() {
        return StateWord.ROLE_MASK
                | (diskUpToDate ? StateWord.DISK_MASK : 0)
                | (pdskOutdated ? StateWord.PDSK_MASK : 0);
    }

    /** DRBD's val of the request, matching {@link #mask()}. */
    public int val() {
        return Role.PRIMARY.code() << StateWord.ROLE_SHIFT
                | (diskUpToDate ? DiskState.UP_TO_DATE.code() << StateWord.DISK_SHIFT : 0)
                | (pdskOutdated ? DiskState.OUTDATED.code() << StateWord.PDSK_SHIFT : 0);
    }

    /** The state this plan proposes from {@code current} (before sanitize and validation). */
    public State proposedFrom(State current) {
        State s = current.withRole(Role.PRIMARY);
        s = diskUpToDate ? s.withDisk(DiskState.UP_TO_DATE) : s;
        return pdskOutdated ? s.withPdsk(DiskState.OUTDATED) : s;
    }

    PromotionPlan afterAttempt() {
        if (attemptsLeft == 0) {
            throw new IllegalStateException("no promotion attempt was left to make");
        }
        return new PromotionPlan(attemptsLeft - 1, diskUpToDate, pdskOutdated, forced);
    }

    PromotionPlan withLastAttemptOnly() {
        return new PromotionPlan(Math.min(attemptsLeft, 1), diskUpToDate, pdskOutdated, forced);
    }

    PromotionPlan withDiskUpToDate(boolean byForce) {
        return new PromotionPlan(attemptsLeft, true, pdskOutdated, forced || byForce);
    }

    PromotionPlan withPdskOutdated(boolean on) {
        return new PromotionPlan(attemptsLeft, diskUpToDate, on, forced);
    }
}
