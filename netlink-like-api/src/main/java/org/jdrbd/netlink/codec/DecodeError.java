package org.jdrbd.netlink.codec;

import org.jdrbd.netlink.schema.ErrCode;

/** Why a message was refused; each maps to the ERR_* code the daemon answers with. */
public enum DecodeError {
    /** Fewer bytes than the fixed header. */
    TRUNCATED_HEADER,
    /** The first four bytes are not the magic. */
    BAD_MAGIC,
    /** A version this code does not speak. */
    BAD_VERSION,
    /** The message type byte is unknown. */
    BAD_MESSAGE_TYPE,
    /** The command number is unknown. */
    UNKNOWN_COMMAND,
    /** The resource name is longer than allowed or than the bytes present. */
    BAD_NAME_LENGTH,
    /** A string is not valid UTF-8. */
    BAD_UTF8,
    /** Fewer bytes than a tag header. */
    TRUNCATED_TAG,
    /** A tag's length runs past the bytes present. */
    LENGTH_EXCEEDS_DATA,
    /** A fixed-size tag with the wrong length. */
    BAD_FIXED_LENGTH,
    /** A known tag carried with another type than the schema's. */
    TYPE_MISMATCH,
    /** A string or nested list longer than the tag's maximum. */
    VALUE_TOO_LONG,
    /** Tag lists nested deeper than allowed. */
    TOO_DEEP,
    /** More tags than allowed. */
    TOO_MANY_TAGS,
    /** The message is larger than allowed. */
    MESSAGE_TOO_LARGE,
    /** A tag this version does not know, flagged mandatory by the sender. */
    UNKNOWN_MANDATORY_TAG,
    /** An option value outside its Limits range (or enum index out of bounds). */
    VALUE_OUT_OF_RANGE,
    /** A flag byte other than 0 or 1. */
    BAD_FLAG_VALUE;

    /** The result code a daemon replies with for this refusal. */
    public ErrCode errCode() {
        return this == UNKNOWN_MANDATORY_TAG ? ErrCode.ERR_MANDATORY_TAG : ErrCode.ERR_INVALID_REQUEST;
    }
}
