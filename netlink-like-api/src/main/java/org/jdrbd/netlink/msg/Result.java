package org.jdrbd.netlink.msg;

import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.StateRv;

/**
 * A reply's outcome: an ERR_* number (101..), or an SS_* number from {@link StateRv}, plus a
 * free detail text (DRBD's "additional info from kernel").
 */
public record Result(int code, String text) {

    public Result {
        if (text == null) {
            text = "";
        }
    }

    /** NO_ERROR without text. */
    public static Result ok() {
        return new Result(ErrCode.NO_ERROR.code(), "");
    }

    /** An ERR_* refusal. */
    public static Result err(ErrCode e, String text) {
        return new Result(e.code(), text);
    }

    /** A state change outcome. */
    public static Result state(StateRv rv, String text) {
        return new Result(rv.code(), text);
    }

    /** NO_ERROR or an SS_* success (SS_SUCCESS, SS_NOTHING_TO_DO, ...). */
    public boolean isSuccess() {
        return code == ErrCode.NO_ERROR.code() || (!ErrCode.isErrCode(code) && code >= StateRv.SS_SUCCESS.code());
    }

    /** Writes RESULT_CODE and (when non-empty) RESULT_TEXT into a reply's tag list. */
    public TagList into(TagList tags) {
        tags.addLong(org.jdrbd.netlink.schema.Tags.RESULT_CODE, code);
        if (!text.isEmpty()) {
            tags.addString(org.jdrbd.netlink.schema.Tags.RESULT_TEXT, text);
        }
        return tags;
    }

    /** Reads a reply's result; a reply without RESULT_CODE is a broken peer (ERR_INVALID_REQUEST). */
    public static Result from(TagList tags) {
        if (!tags.has(org.jdrbd.netlink.schema.Tags.RESULT_CODE)) {
            return err(ErrCode.ERR_INVALID_REQUEST, "reply without result code");
        }
        return new Result((int) tags.getLong(org.jdrbd.netlink.schema.Tags.RESULT_CODE, 0),
                tags.getString(org.jdrbd.netlink.schema.Tags.RESULT_TEXT, ""));
    }
}
