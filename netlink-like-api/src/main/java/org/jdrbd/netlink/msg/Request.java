package org.jdrbd.netlink.msg;

import java.util.List;
import org.jdrbd.netlink.schema.Command;

/**
 * A decoded request as a handler sees it.
 *
 * @param header   command, sequence number and object identity
 * @param tags     arguments, options (nested per section) and flags
 * @param warnings unknown optional tags the decoder skipped (log them)
 */
public record Request(Header header, TagList tags, List<String> warnings) {

    /** The command. */
    public Command command() {
        return header.command();
    }
}
