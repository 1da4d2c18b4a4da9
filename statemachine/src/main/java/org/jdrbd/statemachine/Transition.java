package org.jdrbd.statemachine;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of proposing a state change (fact sheet §2.6): the state before and after, DRBD's
 * result code with the rule that decided it, and, if committed, the effects to run in order and
 * the sanitize warnings to log.
 *
 * @param before the state the change was proposed against
 * @param requested the requested state, before sanitizing
 * @param after the state from now on: the sanitized request if committed, else {@code before}
 * @param rv DRBD's result; note SS_NOTHING_TO_DO on a committed CS_HARD change that kept conn
 * @param verdict the check and rule behind {@code rv}
 * @param committed whether {@code after} replaces {@code before}
 * @param effects side effects in execution order (empty unless committed)
 * @param warnings sanitize warnings to log (empty unless committed, as in DRBD)
 */
public record Transition(
        State before,
        State requested,
        State after,
        StateRv rv,
        Verdict verdict,
        boolean committed,
        List<Effect> effects,
        List<String> warnings) {

    public Transition {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(requested, "requested");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(rv, "rv");
        Objects.requireNonNull(verdict, "verdict");
        effects = List.copyOf(effects);
        warnings = List.copyOf(warnings);
        if (!committed && !after.equals(before)) {
            throw new IllegalStateException("refused change must keep the old state");
        }
    }

    /** A change that was not applied. */
    static Transition refused(State before, State requested, Verdict verdict) {
        return new Transition(before, requested, before, verdict.rv(), verdict, false, List.of(),
                List.of());
    }

    /** {@code rv >= SS_SUCCESS} (SS_NOTHING_TO_DO counts as success, as in DRBD). */
    public boolean isSuccess() {
        return rv.isSuccess();
    }

    /**
     * DRBD's kernel log line for the change, e.g. {@code role( Secondary -> Primary ) disk(
     * Inconsistent -> UpToDate )}; empty when nothing changed.
     */
    public String changeLog() {
        StringBuilder b = new StringBuilder();
        State o = before;
        State n = after;
        field(b, "role", o.role(), n.role());
        field(b, "peer", o.peer(), n.peer());
        field(b, "conn", o.conn(), n.conn());
        field(b, "disk", o.disk(), n.disk());
        field(b, "pdsk", o.pdsk(), n.pdsk());
        flag(b, "susp", o.susp(), n.susp());
        flag(b, "susp_nod", o.suspNod(), n.suspNod());
        flag(b, "susp_fen", o.suspFen(), n.suspFen());
        flag(b, "aftr_isp", o.aftrIsp(), n.aftrIsp());
        flag(b, "peer_isp", o.peerIsp(), n.peerIsp());
        flag(b, "user_isp", o.userIsp(), n.userIsp());
        return b.toString();
    }

    private static void field(StringBuilder b, String name, Object o, Object n) {
        if (!o.equals(n)) {
            b.append(b.length() == 0 ? "" : " ").append(name).append("( ").append(o)
                    .append(" -> ").append(n).append(" )");
        }
    }

    private static void flag(StringBuilder b, String name, boolean o, boolean n) {
        field(b, name, o ? 1 : 0, n ? 1 : 0);
    }
}
