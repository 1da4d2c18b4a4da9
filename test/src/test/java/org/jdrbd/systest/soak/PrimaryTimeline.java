package org.jdrbd.systest.soak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * When each node was Primary, from the events2 timestamps of both nodes (one host clock, in
 * microseconds) and the moments the soak killed a daemon (a dead node holds no role). The
 * cross-node invariant: the Primary intervals of two nodes never overlap (allow-two-primaries is
 * off, and the soak never promotes while the other node may still be Primary).
 */
final class PrimaryTimeline {
    /** One role observation. */
    record Mark(long atUs, String node, boolean primary, String why) {
    }

    private final List<Mark> marks = new ArrayList<>();

    synchronized void mark(long atUs, String node, boolean primary, String why) {
        marks.add(new Mark(atUs, node, primary, why));
    }

    /** Every moment at which more than one node was Primary, described; empty when none. */
    synchronized List<String> overlaps() {
        List<Mark> sorted = new ArrayList<>(marks);
        sorted.sort(Comparator.comparingLong(Mark::atUs));
        Set<String> primaries = new HashSet<>();
        List<String> out = new ArrayList<>();
        Mark previous = null;
        for (Mark m : sorted) {
            if (m.primary()) {
                primaries.add(m.node());
            } else {
                primaries.remove(m.node());
            }
            if (primaries.size() > 1) {
                out.add("X1: both Primary at " + m.atUs() + " us: " + m.node() + " (" + m.why()
                        + ") while " + previous);
            }
            previous = m;
        }
        return out;
    }

    synchronized int size() {
        return marks.size();
    }
}
