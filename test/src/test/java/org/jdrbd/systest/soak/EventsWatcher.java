package org.jdrbd.systest.soak;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jdrbd.drbdadm.setup.DrbdsetupMain;

/**
 * Follows one jdrbdd incarnation's {@code drbdsetup events2 --timestamps r0} stream (in this
 * JVM, on a thread of its own) and checks {@link Invariants} on every complete snapshot.
 *
 * <p>The daemon sends each state change as one snapshot whose lines share one timestamp; a
 * change line prints only the fields that differ. So the watcher merges the lines into a model
 * per object and checks the model when a line with a new timestamp begins (and when the stream
 * ends): never a half-applied change. It also records the node's role changes on the shared
 * {@link PrimaryTimeline}, and that the first snapshot of a restarted incarnation is Secondary
 * (re-adoption never promotes, R1).
 */
final class EventsWatcher {
    /** One invariant violation with where and when it was seen. */
    record Violation(String node, int incarnation, String timestamp, String step, String rule,
            ObservedState state) {
        @Override
        public String toString() {
            return node + "#" + incarnation + " at " + timestamp + " during " + step + ": " + rule
                    + "\n    state: " + state;
        }
    }

    private final String node;
    private final int incarnation;
    private final boolean restarted;
    private final Supplier<String> step;
    private final PrimaryTimeline timeline;
    private final Map<String, Map<String, String>> model = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    private final Map<String, Integer> replicationSeen = new TreeMap<>();
    private final Deque<String> recentLines = new ArrayDeque<>();
    private String pendingTs;
    /** Whether the pending snapshot changed any state object. */
    private boolean dirty;
    private Boolean lastPrimary;
    private int snapshots;
    private ObservedState last;
    private Thread thread;
    private volatile int exitCode = Integer.MIN_VALUE;

    EventsWatcher(String node, int incarnation, boolean restarted, Supplier<String> step,
            PrimaryTimeline timeline) {
        this.node = node;
        this.incarnation = incarnation;
        this.restarted = restarted;
        this.step = step;
        this.timeline = timeline;
    }

    /** Starts following the daemon behind {@code env}'s control socket. */
    EventsWatcher start(Map<String, String> env) {
        OutputStream lines = new LineSplitter(this::accept);
        PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        thread = new Thread(() -> {
            exitCode = DrbdsetupMain.run(new String[] {"events2", "--timestamps", "r0"}, out,
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);
            out.flush();
            streamEnded(err.toString(StandardCharsets.UTF_8));
        }, "soak-events2-" + node + "-" + incarnation);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /** Waits (bounded) until the stream ended, as it does once the daemon is gone. */
    void awaitEnd(long timeoutMs) throws InterruptedException {
        thread.join(timeoutMs);
    }

    boolean ended() {
        return exitCode != Integer.MIN_VALUE;
    }

    /** One line of the stream (the stream thread calls this; tests feed lines directly). */
    synchronized void accept(String text) {
        remember(text);
        String[] w = text.split(" ");
        if (w.length < 2 || !Character.isDigit(w[0].charAt(0))) {
            return;
        }
        if (!w[0].equals(pendingTs)) {
            check();
            pendingTs = w[0];
        }
        if (w.length < 3 || w[2].equals("-")) {
            return; // "exists -": end of the initial dump
        }
        String action = w[1];
        String object = w[2];
        if (!List.of("resource", "connection", "device", "peer-device").contains(object)) {
            return; // paths and helper calls carry no state
        }
        dirty = true;
        if (action.equals("destroy")) {
            model.remove(object);
            return;
        }
        Map<String, String> fields = model.computeIfAbsent(object, k -> new LinkedHashMap<>());
        for (int i = 3; i < w.length; i++) {
            int colon = w[i].indexOf(':');
            if (colon > 0) {
                fields.put(w[i].substring(0, colon), w[i].substring(colon + 1));
            }
        }
    }

    /** Checks the model as the previous, now complete, snapshot left it. */
    private void check() {
        if (pendingTs == null || !dirty) {
            return;
        }
        dirty = false;
        ObservedState s = ObservedState.of(model);
        if (!s.complete()) {
            return;
        }
        snapshots++;
        last = s;
        if (s.replication() != null) {
            replicationSeen.merge(s.replication(), 1, Integer::sum);
        }
        for (String rule : Invariants.violations(s)) {
            violations.add(new Violation(node, incarnation, pendingTs, step.get(), rule, s));
        }
        if (restarted && snapshots == 1 && s.primary()) {
            violations.add(new Violation(node, incarnation, pendingTs, step.get(),
                    "R1: a restarted daemon came back Primary by itself", s));
        }
        if (lastPrimary == null || lastPrimary != s.primary()) {
            lastPrimary = s.primary();
            timeline.mark(micros(pendingTs), node, s.primary(), "events2 " + pendingTs);
        }
    }

    private void remember(String text) {
        recentLines.addLast(text);
        if (recentLines.size() > 40) {
            recentLines.removeFirst();
        }
    }

    /** The stream is over: the last snapshot is complete. */
    synchronized void streamEnded(String err) {
        check();
        pendingTs = null;
        remember("<stream ended, exit " + exitCode + (err.isBlank() ? "" : ": " + err.strip()) + ">");
    }

    synchronized List<Violation> violations() {
        return List.copyOf(violations);
    }

    synchronized int snapshots() {
        return snapshots;
    }

    synchronized Map<String, Integer> replicationSeen() {
        return Map.copyOf(replicationSeen);
    }

    synchronized ObservedState last() {
        return last;
    }

    /** The stream's last lines, for failure reports. */
    synchronized String recent() {
        return "--- events2 of " + node + "#" + incarnation + " (last " + recentLines.size() + " lines)\n"
                + String.join("\n", recentLines);
    }

    static long micros(String isoTimestamp) {
        OffsetDateTime t = OffsetDateTime.parse(isoTimestamp);
        return ChronoUnit.MICROS.between(OffsetDateTime.parse("1970-01-01T00:00:00Z"), t);
    }

    /** Hands complete lines of UTF-8 text to a consumer. */
    private static final class LineSplitter extends OutputStream {
        private final java.util.function.Consumer<String> sink;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

        LineSplitter(java.util.function.Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                sink.accept(buf.toString(StandardCharsets.UTF_8));
                buf.reset();
            } else {
                buf.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }
    }
}
