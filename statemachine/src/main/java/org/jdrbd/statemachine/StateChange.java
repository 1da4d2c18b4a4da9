package org.jdrbd.statemachine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * DRBD's change pipeline (_drbd_set_state, fact sheet §2.6) over immutable states: sanitize,
 * hard transition limits, state and soft-transition rules (skipped for CS_HARD), commit, effects.
 * Pure: it decides and describes; the caller stores {@link Transition#after()} and runs the
 * effects.
 *
 * <p>Cluster-wide changes (§1.6, {@link ClusterWidePredicate}): the caller proposes locally first;
 * if that succeeds and the change is cluster-wide, it asks the peer and, once approved, proposes
 * again against the then-current state and commits.
 */
public final class StateChange {

    private StateChange() {
    }

    /**
     * Proposes {@code os -> ns}.
     *
     * <p>Faithful to DRBD: a CS_HARD change skips the state and soft rules, so its result is that
     * of is_valid_transition; when conn does not change that is SS_NOTHING_TO_DO although the
     * change is committed ({@link Transition#committed()} tells).
     */
    public static Transition propose(State os, State ns, StateContext ctx, Set<ChangeFlag> flags) {
        Sanitizer.Result sanitized = Sanitizer.sanitize(os, ns, ctx);
        State s = sanitized.state();
        if (s.equals(os)) {
            return Transition.refused(os, ns,
                    new Verdict(StateRv.SS_NOTHING_TO_DO, Verdict.Check.PIPELINE, "1"));
        }
        Verdict v = StateRules.isValidTransition(os, s);
        if (!v.isSuccess()) {
            return Transition.refused(os, ns, v);
        }
        if (!flags.contains(ChangeFlag.HARD)) {
            v = stateThenSoft(os, s, ctx);
            if (!v.isSuccess()) {
                return Transition.refused(os, ns, v);
            }
        }
        return new Transition(os, ns, s, v.rv(), v, true, commitEffects(os, s, ctx),
                sanitized.warnings());
    }

    /** Step 3: is_valid_state; a state already invalid the same way may still change (softly). */
    private static Verdict stateThenSoft(State os, State ns, StateContext ctx) {
        Verdict st = StateRules.isValidState(ns, ctx);
        if (st.isSuccess() || StateRules.isValidState(os, ctx).rv() == st.rv()) {
            return StateRules.isValidSoftTransition(os, ns, ctx);
        }
        return st;
    }

    /** Step 4's meta-data flags (only with a local disk, DRBD's get_ldev), then after_state_ch. */
    static List<Effect> commitEffects(State os, State ns, StateContext ctx) {
        List<Effect> after = AfterStateChange.effects(os, ns, ctx);
        if (!AfterStateChange.hasLocalDisk(ns)) {
            return after;
        }
        List<Effect> all = new ArrayList<>(after.size() + 1);
        all.add(MetaFlags.update(ns, ctx.crashedPrimary()));
        all.addAll(after);
        return all;
    }

    /**
     * DRBD's mask/val request: {@code ns = (os & ~mask) | val}, then {@link #propose}. Empty when
     * the resulting word names no state (e.g. conn 24..31 or role 3): the caller reports that as a
     * protocol or request error.
     */
    public static Optional<Transition> proposeMaskVal(State os, int mask, int val,
            StateContext ctx, Set<ChangeFlag> flags) {
        return StateWord.applyMaskVal(os, mask, val).map(ns -> propose(os, ns, ctx, flags));
    }

    /** Whether this change must first be approved by the peer (§1.6, honouring CS_LOCAL_ONLY). */
    public static boolean requiresClusterWide(State os, State ns, Set<ChangeFlag> flags) {
        return ClusterWidePredicate.requiresClusterWide(os, ns, flags);
    }
}
