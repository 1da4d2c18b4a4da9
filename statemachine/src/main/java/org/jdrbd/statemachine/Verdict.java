package org.jdrbd.statemachine;

import java.util.Objects;

/**
 * A validation result with the rule that produced it (STYLE.md rule 4): "why was this refused".
 *
 * @param rv DRBD's result code
 * @param check which rule table decided
 * @param rule the rule's number in that table as the fact sheet writes it ("1b", "7", ...), or
 *     {@link #OTHERWISE} when no rule matched
 */
public record Verdict(StateRv rv, Check check, String rule) {

    /** The rule name used when no row matched and the table's default applied. */
    public static final String OTHERWISE = "otherwise";

    /** The rule tables of fact sheet §2 plus the pipeline's own steps. */
    public enum Check {
        /** §2.2 is_valid_state (first match wins). */
        VALID_STATE("is_valid_state", "2.2"),
        /** §2.3 is_valid_soft_transition (last match wins). */
        SOFT_TRANSITION("is_valid_soft_transition", "2.3"),
        /** §2.4 is_valid_transition (connection part, then the disk override). */
        TRANSITION("is_valid_transition", "2.4"),
        /** §2.6 the pipeline itself (step 1: unchanged after sanitize). */
        PIPELINE("_drbd_set_state", "2.6");

        private final String drbdName;
        private final String section;

        Check(String drbdName, String section) {
            this.drbdName = drbdName;
            this.section = section;
        }

        /** DRBD's function name. */
        public String drbdName() {
            return drbdName;
        }

        /** The fact sheet section. */
        public String section() {
            return section;
        }
    }

    public Verdict {
        Objects.requireNonNull(rv, "rv");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(rule, "rule");
    }

    /** {@code rv >= SS_SUCCESS}. */
    public boolean isSuccess() {
        return rv.isSuccess();
    }

    /** E.g. "SS_PRIMARY_NOP by is_valid_state rule 4 (§2.2): Refusing to be Primary ...". */
    public String describe() {
        String where = OTHERWISE.equals(rule) ? "no rule matched" : "rule " + rule;
        String text = rv.name() + " by " + check.drbdName() + " " + where + " (§" + check.section()
                + ")";
        return rv.message().isEmpty() ? text : text + ": " + rv.message();
    }

    @Override
    public String toString() {
        return describe();
    }
}
