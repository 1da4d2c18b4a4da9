package org.jdrbd.handlers;

import org.jdrbd.statemachine.HandlerName;

/**
 * The events2 lines DRBD 9 prints around a handler run:
 * {@code call helper name:R peer-node-id:N conn-name:P volume:V helper:NAME} before, and the
 * same with {@code response} and a trailing {@code status:N} after. peer-node-id and conn-name
 * appear only when the call concerns a peer, volume only for a device-level call. Pure.
 */
public final class HelperEventLine {

    private HelperEventLine() {
    }

    /** The line announcing that {@code req}'s handler is being called. */
    public static String call(HandlerRequest req) {
        return "call helper " + objectPart(req) + " helper:" + name(req.handler());
    }

    /** The line reporting the status (effective exit code) the handler returned. */
    public static String response(HandlerRequest req, int status) {
        return "response helper " + objectPart(req) + " helper:" + name(req.handler()) + " status:" + status;
    }

    private static String objectPart(HandlerRequest req) {
        StringBuilder b = new StringBuilder("name:").append(req.resource());
        req.peer().ifPresent(p -> {
            if (p.hasNodeId()) {
                b.append(" peer-node-id:").append(p.nodeId());
            }
            b.append(" conn-name:").append(p.connectionName());
        });
        req.deviceVnr().ifPresent(v -> b.append(" volume:").append(v));
        return b.toString();
    }

    private static String name(HandlerName h) {
        return h.configName();
    }
}
