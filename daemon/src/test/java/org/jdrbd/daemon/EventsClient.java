package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.EventFields;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.netlink.transport.ControlClient;

/**
 * An events2 subscriber over a daemon's control socket for tests: a reader thread queues every
 * event; {@link #await} blocks until a matching one arrives (bounded), so tests wait on events,
 * never on time. Also checks, for every event taken, DRBD's rules: a change or destroy only for
 * an object that exists, a change only when a state field differs, no create of an existing one.
 */
final class EventsClient implements AutoCloseable {
    private static final long WAIT_SECONDS = 60;
    private static final EventRecord CLOSED = EventRecord.endOfDump(-1);

    private final ControlClient client;
    private final BlockingQueue<EventRecord> queue = new LinkedBlockingQueue<>();
    private final List<EventRecord> seen = new ArrayList<>();
    private final Map<String, ObjectRecord> objects = new HashMap<>();
    private volatile Result reply;
    private final Thread reader;

    EventsClient(Path socket, String resource, boolean now) {
        ControlClient.Connect c = ControlClient.connect(socket);
        assertThat(c).isInstanceOf(ControlClient.Connect.Connected.class);
        client = ((ControlClient.Connect.Connected) c).client();
        Header h = new Header(MsgType.REQUEST, Command.EVENTS2, 0, client.nextSeq(), resource,
                Header.NONE, Header.NONE, Header.NONE);
        assertThat(client.send(new Message(h, new TagList().addFlag(Tags.NOW, now)))).isNull();
        reader = new Thread(this::read, "events2-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        while (true) {
            ControlClient.Received r = client.receive();
            if (!(r instanceof ControlClient.Received.Got g)) {
                queue.add(CLOSED);
                return;
            }
            Message m = g.message();
            if (m.header().type() == MsgType.EVENT) {
                EventRecord e = EventRecord.fromTags(m.tags());
                queue.add(e == null ? CLOSED : e);
            } else {
                reply = Result.from(m.tags());
                queue.add(CLOSED);
                return;
            }
        }
    }

    /** The next event matching {@code p}; every event before it is checked and kept. */
    EventRecord await(String what, Predicate<EventRecord> p) throws InterruptedException {
        while (true) {
            EventRecord e = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (e == null || e == CLOSED) {
                fail("no event '" + what + "' (" + (e == null ? "timed out" : "stream ended, reply "
                        + reply) + "); seen:\n" + String.join("\n", lines()));
            }
            check(e);
            if (p.test(e)) {
                return e;
            }
        }
    }

    /** The next event with this action and type whose fields include {@code fields}. */
    EventRecord await(EventAction a, ObjectType t, String... fields) throws InterruptedException {
        Map<String, String> want = new HashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            want.put(fields[i], fields[i + 1]);
        }
        return await(a.word() + " " + t.word() + " " + want, e -> e.action() == a && e.object().type() == t
                && want.entrySet().stream().allMatch(f -> f.getValue().equals(e.object().get(f.getKey()))));
    }

    /** Waits for the end of the initial dump. */
    void awaitDump() throws InterruptedException {
        await("exists -", EventRecord::isEndOfDump);
    }

    /** The final reply (events2 --now), after the stream ended. */
    Result awaitReply() throws InterruptedException {
        EventRecord e;
        while ((e = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS)) != CLOSED) {
            if (e == null) {
                fail("no reply; seen:\n" + String.join("\n", lines()));
            }
            check(e);
        }
        return reply;
    }

    /** Every event taken so far, as "action type key:value ..." lines. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (EventRecord e : seen) {
            StringBuilder s = new StringBuilder(e.action().word()).append(' ').append(e.object().type().word());
            e.object().fields().forEach((k, v) -> s.append(' ').append(k).append(':').append(v));
            out.add(s.toString());
        }
        return out;
    }

    List<EventRecord> seen() {
        return List.copyOf(seen);
    }

    private void check(EventRecord e) {
        seen.add(e);
        ObjectRecord o = e.object();
        if (e.isEndOfDump() || o.type() == ObjectType.HELPER) {
            return;
        }
        String key = key(o);
        ObjectRecord had = objects.get(key);
        switch (e.action()) {
            case EXISTS, CREATE -> {
                assertThat(had).as("create of an existing object: %s\n%s", o, lines()).isNull();
                objects.put(key, o);
            }
            case CHANGE -> {
                assertThat(had).as("change of an unknown object: %s", o).isNotNull();
                assertThat(stateOf(o)).as("change without a changed state field: %s\n%s", o, lines())
                        .isNotEqualTo(stateOf(had));
                objects.put(key, o);
            }
            case DESTROY -> {
                assertThat(had).as("destroy of an unknown object: %s", o).isNotNull();
                assertThat(o.fields().keySet()).as("destroy carries the identity only")
                        .containsExactlyElementsOf(EventFields.identity(o.type()));
                objects.remove(key);
            }
            default -> fail("unexpected action " + e.action());
        }
    }

    private static Map<String, String> stateOf(ObjectRecord o) {
        Map<String, String> m = new HashMap<>();
        o.fields().forEach((k, v) -> {
            if (EventFields.isState(o.type(), k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static String key(ObjectRecord o) {
        StringBuilder k = new StringBuilder(o.type().word());
        for (String f : EventFields.identity(o.type())) {
            k.append('|').append(o.get(f));
        }
        return k.toString();
    }

    @Override
    public void close() {
        client.close();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
