package org.jdrbd.statemachine.sim;

/** An invariant broke: names the invariant, the seed and the step, and how to replay it. */
public final class SimViolation extends AssertionError {

    private static final long serialVersionUID = 1L;

    private final int invariant;
    private final long seed;

    SimViolation(int invariant, long seed, long step, String message, String config, String trace) {
        super("invariant " + invariant + " violated at seed " + seed + " step " + step + ": " + message
                + "\nreplay with -Dsim.seed=" + seed + " (add -Dsim.verbose=true for the full trace)\n" + config
                + "\nlast trace lines:\n" + trace);
        this.invariant = invariant;
        this.seed = seed;
    }

    /** Which invariant (1..6, numbered as in {@link SimInvariants}). */
    public int invariant() {
        return invariant;
    }

    public long seed() {
        return seed;
    }
}
