package org.jdrbd.netlink.codec;

import java.util.List;
import org.jdrbd.netlink.msg.Message;

/** The outcome of decoding: a message (plus warnings about skipped tags) or a typed refusal. */
public sealed interface DecodeResult {

    /** Decoded; {@code warnings} names each unknown optional tag that was ignored. */
    record Ok(Message message, List<String> warnings) implements DecodeResult { }

    /** Refused; nothing of the message is used. */
    record Failed(DecodeError error, String detail) implements DecodeResult { }
}
