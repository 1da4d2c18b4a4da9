package org.jdrbd.daemon.control;

import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.StateEvent;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ReplySink;

/**
 * events2: the initial dump ("exists" for every object, then "exists -"), then, unless --now,
 * a "change" of the resource and the device for every committed state change until the client
 * goes away.
 */
final class Events2Stream {
    private Events2Stream() {
    }

    static void start(AdminOps admin, Request req, ReplySink sink) {
        String res = req.header().resource();
        boolean all = res.isEmpty() || res.equals("all");
        boolean now = req.tags().getFlag(Tags.NOW);
        java.util.concurrent.atomic.AtomicBoolean dumped = new java.util.concurrent.atomic.AtomicBoolean();
        // Subscribe before the dump so no change between dump and subscription is lost.
        AutoCloseable sub = now ? null : admin.subscribe(e -> {
            // Before the dump is out, the dump itself (read after subscribing) shows the change.
            if (dumped.get() && (all || e.resource().equals(res))) {
                onChange(admin, e, sink);
            }
        });
        if (sub != null) {
            sink.onClose(() -> {
                try {
                    sub.close();
                } catch (Exception e) {
                    // Unsubscribing a listener list entry cannot fail in a way worth reporting.
                }
            });
        }
        admin.status().onComplete(ar -> {
            if (ar.failed()) {
                sink.reply(Result.err(ErrCode.ERR_INVALID_REQUEST, "status failed"), new TagList());
                return;
            }
            for (ResourceStatus r : ar.result()) {
                if (all || r.name().equals(res)) {
                    for (ObjectRecord o : StatusRecords.of(r)) {
                        sink.event(new EventRecord(EventAction.EXISTS, o, nowUs()));
                    }
                }
            }
            sink.event(EventRecord.endOfDump(nowUs()));
            dumped.set(true);
            if (now) {
                sink.reply(Result.ok(), new TagList());
            }
        });
    }

    private static void onChange(AdminOps admin, StateEvent e, ReplySink sink) {
        if (!sink.isOpen()) {
            return;
        }
        admin.status().onSuccess(list -> {
            for (ResourceStatus r : list) {
                if (!r.name().equals(e.resource())) {
                    continue;
                }
                sink.event(new EventRecord(EventAction.CHANGE, StatusRecords.resource(r), nowUs()));
                r.volumes().stream().filter(v -> v.volume() == e.volume()).findFirst().ifPresent(v ->
                        sink.event(new EventRecord(EventAction.CHANGE,
                                StatusRecords.device(r.name(), v), nowUs())));
            }
        });
    }

    private static long nowUs() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

}
