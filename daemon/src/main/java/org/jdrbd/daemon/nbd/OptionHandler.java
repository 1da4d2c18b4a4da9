package org.jdrbd.daemon.nbd;

import io.vertx.core.buffer.Buffer;

/**
 * Handles one NBD_OPT_* during negotiation. The option's payload has already been checked
 * against the bytes received; the handler checks its inner structure.
 */
@FunctionalInterface
interface OptionHandler {

    void handle(Negotiation negotiation, int option, Buffer data);
}
