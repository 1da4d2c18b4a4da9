package org.jdrbd.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jdrbd.daemon.admin.AdminEvent;
import org.jdrbd.daemon.admin.HelperLine;
import org.jdrbd.daemon.nbd.ExportRegistry;
import org.jdrbd.daemon.registry.MemoryRegistry;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/*
 * Scenario: an events2 subscriber on the engine while the usermode helper of a resource with one
 * volume runs a device-level handler (local-io-error) through a helper command that exits 5,
 * then a resource-level one (fence-peer) through one that exits 0; a second subscriber leaves
 * before the second run.
 * Expectation: each run publishes a call line before the process starts and a response line with
 * the exit status after it ended, in that order: volume only for the device-level handler, no
 * peer without a connection; the subscriber that left gets nothing more.
 * Why: events2's "call helper" / "response helper" lines are how an administrator sees that
 * DRBD ran fence-peer or split-brain handlers, and with which result.
 */
class HelperEventsTest {
    private Vertx vertx;
    private Engine engine;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        engine = new Engine(vertx, new ExportRegistry(), new MemoryRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(30, TimeUnit.SECONDS);
    }

    private int run(Resource r, String helperCommand, HandlerName h, int volume) throws Exception {
        UsermodeHelper helper = new UsermodeHelper(r, engine.handlerRunner, helperCommand);
        Promise<Integer> code = Promise.promise();
        r.context.runOnContext(x -> helper.call(h, volume, "StandAlone").onComplete(code));
        return code.future().await(30, TimeUnit.SECONDS);
    }

    private static List<HelperLine> lines(List<AdminEvent> events) {
        return events.stream().filter(e -> e instanceof AdminEvent.Helper)
                .map(e -> ((AdminEvent.Helper) e).line()).toList();
    }

    @Test
    void callAndResponseAreNotedWithTheExitStatus() throws Exception {
        Context ctx = vertx.getOrCreateContext();
        Resource r = new Resource("r0", 0, ctx, engine);
        Future.<Void>future(p -> ctx.runOnContext(x -> {
            r.volumes.put(0, new Volume(r, 0, 7));
            p.complete();
        })).await(30, TimeUnit.SECONDS);
        List<AdminEvent> all = new CopyOnWriteArrayList<>();
        List<AdminEvent> leaving = new CopyOnWriteArrayList<>();
        engine.subscribeObjects(all::add);
        AutoCloseable sub = engine.subscribeObjects(leaving::add);

        assertThat(run(r, "sh -c 'exit 5'", HandlerName.LOCAL_IO_ERROR, 0)).isEqualTo(5);
        assertThat(lines(all)).containsExactly(
                new HelperLine("r0", false, "local-io-error", -1, null, 0, 0),
                new HelperLine("r0", true, "local-io-error", -1, null, 0, 5));

        sub.close();
        assertThat(run(r, "true", HandlerName.FENCE_PEER, -1)).isZero();
        assertThat(lines(all)).hasSize(4).endsWith(
                new HelperLine("r0", false, "fence-peer", -1, null, -1, 0),
                new HelperLine("r0", true, "fence-peer", -1, null, -1, 0));
        assertThat(lines(leaving)).hasSize(2);
    }
}
