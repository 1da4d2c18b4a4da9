package org.jdrbd.systest.faults;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Timestamped record of everything a proxy did: configuration changes, accepted, refused and
 * closed connections, scheduled actions, cuts and corruptions. Tests print {@link #dump()} when
 * they fail, so the failure shows which fault happened when. Bounded: beyond {@code capacity}
 * entries the oldest are dropped and counted.
 */
public final class FaultLog {
  /** One log line: microseconds since the proxy started, the thread, the text. */
  public record Entry(long elapsedMicros, String thread, String text) {
    @Override
    public String toString() {
      return String.format("%10.3f ms [%s] %s", elapsedMicros / 1000.0, thread, text);
    }
  }

  private final long startNanos = System.nanoTime();
  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private long droppedEntries;

  /** A log that keeps at most {@code capacity} entries. */
  public FaultLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends a line stamped with the current time and thread. */
  public void add(String text) {
    Entry entry = new Entry((System.nanoTime() - startNanos) / 1000,
        Thread.currentThread().getName(), text);
    synchronized (entries) {
      if (entries.size() == capacity) {
        entries.removeFirst();
        droppedEntries++;
      }
      entries.addLast(entry);
    }
  }

  /** A snapshot of the kept entries, oldest first. */
  public List<Entry> entries() {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** True if any kept entry's text contains {@code fragment}. */
  public boolean contains(String fragment) {
    return entries().stream().anyMatch(e -> e.text().contains(fragment));
  }

  /** All kept entries, one per line, with a note on how many older ones were dropped. */
  public String dump() {
    StringBuilder out = new StringBuilder();
    synchronized (entries) {
      if (droppedEntries > 0) {
        out.append("(").append(droppedEntries).append(" older entries dropped)\n");
      }
      for (Entry entry : entries) {
        out.append(entry).append('\n');
      }
    }
    return out.toString();
  }

  /** Writes {@link #dump()} to {@code out}. */
  public void printTo(PrintStream out) {
    out.print(dump());
    out.flush();
  }
}
