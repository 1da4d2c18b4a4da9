package org.jdrbd.systest.faults;

import java.util.concurrent.CompletableFuture;

/**
 * Live fault settings and counters of one direction, for every connection of a proxy, current
 * and future. Every setter takes effect at once on open connections and is logged.
 */
public final class DirectionControl {
  private final Direction direction;
  private final Gate gate;
  private final FaultLog log;
  private final WatchedCounter forwarded = new WatchedCounter();
  private final WatchedCounter received = new WatchedCounter();
  private volatile boolean blackholed;
  private volatile boolean partitioned;
  private volatile DelayModel delay = DelayModel.none();
  private volatile ByteFault byteFault = ByteFault.NONE;

  DirectionControl(Direction direction, Gate gate, FaultLog log) {
    this.direction = direction;
    this.gate = gate;
    this.log = log;
  }

  /** The direction these settings apply to. */
  public Direction direction() {
    return direction;
  }

  /** Clears blackhole, delay and byte fault: plain forwarding (a partition stays until healed). */
  public DirectionControl pass() {
    blackholed = false;
    delay = DelayModel.none();
    byteFault = ByteFault.NONE;
    changed("pass");
    return this;
  }

  /**
   * Stops forwarding in this direction but keeps every socket open: the proxy stops reading
   * from the sender (whose send buffer then fills, as with a peer that stops reading or a
   * one-way partition) and holds what it already read. Nothing is lost; {@link #resume()}
   * delivers it.
   */
  public DirectionControl blackhole() {
    blackholed = true;
    changed("blackhole");
    return this;
  }

  /** Ends a {@link #blackhole()}. */
  public DirectionControl resume() {
    blackholed = false;
    changed("resume");
    return this;
  }

  /** Sets the per-chunk latency model (byte order within a stream is always kept). */
  public DirectionControl delay(DelayModel model) {
    delay = model;
    changed("delay " + model);
    return this;
  }

  /** Installs a corruption or truncation hook; {@link ByteFault#NONE} removes it. */
  public DirectionControl byteFault(ByteFault fault) {
    byteFault = fault;
    changed("byte fault " + fault);
    return this;
  }

  /** True while blackholed or partitioned. */
  public boolean isBlocked() {
    return blackholed || partitioned;
  }

  /** Bytes delivered to the receiving side in this direction, over all connections. */
  public long bytesForwarded() {
    return forwarded.get();
  }

  /**
   * Completes (on a proxy thread; do not block in callbacks) once at least {@code totalBytes}
   * have been forwarded in this direction over all connections.
   */
  public CompletableFuture<Long> whenForwarded(long totalBytes) {
    return forwarded.whenAtLeast(totalBytes);
  }

  /**
   * Bytes the proxy has read from senders in this direction, over all connections, whether or
   * not they were forwarded yet (held by a blackhole or delay, or discarded after a cut).
   */
  public long bytesReceived() {
    return received.get();
  }

  /** Completes (on a proxy thread) once at least {@code totalBytes} were read from senders. */
  public CompletableFuture<Long> whenReceived(long totalBytes) {
    return received.whenAtLeast(totalBytes);
  }

  void partitioned(boolean on) {
    partitioned = on;
    changed(on ? "partitioned" : "partition healed");
  }

  DelayModel delayModel() {
    return delay;
  }

  ByteFault byteFaultModel() {
    return byteFault;
  }

  WatchedCounter forwardedCounter() {
    return forwarded;
  }

  WatchedCounter receivedCounter() {
    return received;
  }

  private void changed(String what) {
    log.add(direction.shortName() + ": " + what);
    gate.changed();
  }
}
