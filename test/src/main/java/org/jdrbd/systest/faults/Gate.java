package org.jdrbd.systest.faults;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes pump threads when any fault setting changes. Waiters read {@link #version()} before
 * checking their condition and pass it to {@link #awaitChange}, so a change between the check
 * and the wait is never lost.
 */
final class Gate {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile long version;

  long version() {
    return version;
  }

  /** Records a change and wakes every waiter. */
  void changed() {
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the version moves past {@code seenVersion} or {@code timeoutNanos} elapse. */
  void awaitChange(long seenVersion, long timeoutNanos) throws InterruptedException {
    long remaining = timeoutNanos;
    lock.lock();
    try {
      while (version == seenVersion && remaining > 0) {
        remaining = changed.awaitNanos(remaining);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a change with no time limit (bounded by {@code awaitChange}'s long range). */
  void awaitChange(long seenVersion) throws InterruptedException {
    awaitChange(seenVersion, TimeUnit.DAYS.toNanos(1));
  }
}
