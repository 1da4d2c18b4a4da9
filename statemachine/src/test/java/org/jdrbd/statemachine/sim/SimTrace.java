package org.jdrbd.statemachine.sim;

import java.util.ArrayDeque;

/** The run's trace: a rolling hash over every line, and the last lines for a failure message. */
final class SimTrace {

    private static final int KEPT_LINES = 80;

    private final ArrayDeque<String> last = new ArrayDeque<>();
    private long hash = 17;

    void add(long tick, String line) {
        String l = "t" + tick + " " + line;
        hash = hash * 1_000_003L + l.hashCode();
        if (last.size() == KEPT_LINES) {
            last.removeFirst();
        }
        last.addLast(l);
        if (Boolean.getBoolean("sim.verbose")) {
            System.out.println(l);
        }
    }

    long hash() {
        return hash;
    }

    String tail() {
        return String.join("\n", last);
    }
}
