package org.jdrbd.systest.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic counter whose waiters are futures completed when it reaches a threshold, so tests
 * wait on events instead of polling. Futures complete on the thread that increments the counter
 * (a proxy thread): callbacks must not block.
 */
final class WatchedCounter {
  private record Waiter(long target, CompletableFuture<Long> future) {}

  private final AtomicLong value = new AtomicLong();
  private final PriorityQueue<Waiter> waiters =
      new PriorityQueue<>((a, b) -> Long.compare(a.target, b.target));
  private volatile long nextTarget = Long.MAX_VALUE;

  long get() {
    return value.get();
  }

  /** Adds {@code delta} and completes every waiter whose target has been reached. */
  long add(long delta) {
    long now = value.addAndGet(delta);
    if (now >= nextTarget) {
      fire(now);
    }
    return now;
  }

  /**
   * How many more units until the lowest pending target (at least 1), or Long.MAX_VALUE without
   * waiters. Writers split chunks there so a byte-offset trigger fires at the exact byte.
   */
  long untilNextTarget() {
    long target = nextTarget;
    return target == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, target - value.get());
  }

  /** A future completed with the counter's value once it is at least {@code target}. */
  CompletableFuture<Long> whenAtLeast(long target) {
    CompletableFuture<Long> future = new CompletableFuture<>();
    synchronized (waiters) {
      waiters.add(new Waiter(target, future));
      nextTarget = waiters.peek().target;
    }
    // The value may have passed the target before nextTarget was lowered: check once more.
    long now = value.get();
    if (now >= target) {
      fire(now);
    }
    return future;
  }

  private void fire(long now) {
    List<Waiter> due = new ArrayList<>();
    synchronized (waiters) {
      while (!waiters.isEmpty() && waiters.peek().target <= now) {
        due.add(waiters.poll());
      }
      nextTarget = waiters.isEmpty() ? Long.MAX_VALUE : waiters.peek().target;
    }
    for (Waiter waiter : due) {
      waiter.future.complete(now);
    }
  }
}
