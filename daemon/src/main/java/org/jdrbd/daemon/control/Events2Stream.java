package org.jdrbd.daemon.control;

import java.time.Instant;
import java.util.function.Predicate;
import org.jdrbd.daemon.admin.AdminOps;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ReplySink;

/**
 * events2: the initial dump ("exists" for every object, then "exists -"), then, unless --now,
 * until the client goes away: "create" / "change" / "destroy" for each object that appeared,
 * changed or went away, and "call" / "response" for handler runs ({@link Events2View}). Lines
 * are written by the stream's own {@link EventPump}, never on a resource's event loop.
 */
final class Events2Stream {
    private Events2Stream() {
    }

    static void start(AdminOps admin, Request req, ReplySink sink) {
        String res = req.header().resource();
        Predicate<String> wanted = res.isEmpty() || res.equals("all") ? r -> true : res::equals;
        boolean now = req.tags().getFlag(Tags.NOW);
        Events2View view = new Events2View(wanted, Events2Stream::nowUs);
        EventPump pump = new EventPump(sink, EventPump.CAPACITY).start();
        // Subscribe before the dump is taken so nothing between the two is lost (the view holds
        // what comes early and drops what the dump already shows). One lock over "compute lines,
        // queue them": events come from several resource contexts, lines must keep their order.
        AutoCloseable sub = now ? () -> { } : admin.subscribeObjects(e -> {
            synchronized (view) {
                pump.send(view.accept(e));
            }
        });
        sink.onClose(() -> {
            pump.stop();
            closeQuietly(sub);
        });
        admin.objects().onComplete(ar -> {
            if (ar.failed()) {
                pump.finish(Result.err(ErrCode.ERR_INVALID_REQUEST, "status failed"));
                return;
            }
            synchronized (view) {
                pump.send(view.dump(ar.result()));
                if (now) {
                    pump.finish(Result.ok());
                }
            }
        });
    }

    private static void closeQuietly(AutoCloseable sub) {
        try {
            sub.close();
        } catch (Exception e) {
            // Unsubscribing removes a listener list entry; nothing to report if that fails.
        }
    }

    private static long nowUs() {
        Instant t = Instant.now();
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
