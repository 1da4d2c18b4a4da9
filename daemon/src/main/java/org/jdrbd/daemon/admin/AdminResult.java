package org.jdrbd.daemon.admin;

import java.util.List;
import java.util.Objects;
import org.jdrbd.statemachine.StateRv;

/**
 * The outcome of one admin operation: DRBD's ERR_* code, or a state-change result (SS_*), with
 * the message and warnings to show the user. An operating result, never an exception.
 *
 * @param error    NO_ERROR on success, STATE_CHANGE_REFUSED when {@code stateRv} refused
 * @param stateRv  the state machine's result when a state change was made or refused, else null
 * @param message  detail for the user ("" when none)
 * @param warnings things DRBD would log as warnings (e.g. "Forced to consider local data as UpToDate!")
 */
public record AdminResult(AdminError error, StateRv stateRv, String message, List<String> warnings) {

    public AdminResult {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(message, "message");
        warnings = List.copyOf(warnings);
        if (error == AdminError.STATE_CHANGE_REFUSED && (stateRv == null || stateRv.isSuccess())) {
            throw new IllegalArgumentException("a refusal needs a failing SS_* code");
        }
    }

    /** Plain success. */
    public static AdminResult success() {
        return new AdminResult(AdminError.NO_ERROR, null, "", List.of());
    }

    /** Success of a state change (SS_SUCCESS or SS_NOTHING_TO_DO) with warnings. */
    public static AdminResult changed(StateRv rv, List<String> warnings) {
        return new AdminResult(AdminError.NO_ERROR, rv, "", warnings);
    }

    /** An ERR_* failure with a detail text. */
    public static AdminResult failed(AdminError error, String detail) {
        return new AdminResult(error, null, detail, List.of());
    }

    /** A refused state change. */
    public static AdminResult refused(StateRv rv, String detail) {
        return new AdminResult(AdminError.STATE_CHANGE_REFUSED, rv, detail, List.of());
    }

    /** True for NO_ERROR. */
    public boolean ok() {
        return error == AdminError.NO_ERROR;
    }

    @Override
    public String toString() {
        String what = error == AdminError.STATE_CHANGE_REFUSED
                ? stateRv.name() + " (" + stateRv.code() + ") " + stateRv.message()
                : error.name() + (stateRv == null ? "" : " " + stateRv.name());
        return message.isEmpty() ? what : what + ": " + message;
    }
}
