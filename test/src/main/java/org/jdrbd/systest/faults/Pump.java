package org.jdrbd.systest.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One direction of one connection: a reader thread (source socket → bounded queue, applying the
 * byte fault and stamping each chunk's release time) and a writer thread (queue → destination
 * socket, waiting for the release time and while blocked). The queue decouples latency from
 * throughput, as a real link does, and its bound gives the sender back-pressure.
 */
final class Pump {
  private enum Kind { DATA, EOF, CUT }

  private record Item(Kind kind, byte[] data, int length, long releaseAtNanos, CloseMode mode) {}

  /** Release time meaning "no delay", so the pass-through path never reads the clock. */
  private static final long NOW = Long.MIN_VALUE;

  private final ProxiedConnection connection;
  private final Direction direction;
  private final Socket source;
  private final Socket destination;
  private final DirectionControl control;
  private final Gate gate;
  private final FaultLog log;
  private final int chunkBytes;
  private final BlockingQueue<Item> queue;
  private final AtomicLong forwarded = new AtomicLong();
  private volatile boolean blackholed;

  // Reader-thread state.
  private long readOffset;
  private long lastReleaseNanos = NOW;
  private DelayModel delayModel;
  private DelayModel.DelayStream delayStream;
  private ByteFault byteFault;
  private ByteFault.StreamMutator mutator;
  private boolean cut;

  Pump(ProxiedConnection connection, Direction direction, Socket source, Socket destination,
      DirectionControl control, FaultProxy.Settings settings, Gate gate, FaultLog log) {
    this.connection = connection;
    this.direction = direction;
    this.source = source;
    this.destination = destination;
    this.control = control;
    this.gate = gate;
    this.log = log;
    this.chunkBytes = settings.chunkBytes();
    this.queue = new ArrayBlockingQueue<>(settings.queueChunks());
  }

  long bytesForwarded() {
    return forwarded.get();
  }

  void blackholed(boolean on) {
    blackholed = on;
    gate.changed();
  }

  /** Drops everything read but not yet written (the connection is going away). */
  void discardQueued() {
    queue.clear();
  }

  void readLoop() {
    try {
      InputStream in = source.getInputStream();
      while (awaitReadable()) {
        byte[] chunk = new byte[chunkBytes];
        int length = in.read(chunk);
        if (length < 0) {
          onEndOfStream();
          return;
        }
        control.receivedCounter().add(length);
        if (!cut && connection.isOpen()) {
          forwardRead(chunk, length);
        }
      }
    } catch (IOException e) {
      connection.failed(direction, "read", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void writeLoop() {
    try {
      OutputStream out = destination.getOutputStream();
      while (connection.isOpen()) {
        Item item = queue.take();
        if (!awaitWritable(item.releaseAtNanos)) {
          return;
        }
        switch (item.kind) {
          case DATA -> writeData(out, item);
          case EOF -> {
            destination.shutdownOutput();
            log.add("conn " + connection.index() + " " + direction.shortName()
                + ": end of stream forwarded after " + forwarded.get() + " B");
            connection.halfClosed();
            return;
          }
          case CUT -> {
            connection.drop(item.mode, direction.shortName() + " cut after "
                + forwarded.get() + " B");
            return;
          }
        }
      }
    } catch (IOException e) {
      connection.failed(direction, "write", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onEndOfStream() throws InterruptedException {
    connection.readerAtEndOfStream();
    if (!cut && connection.isOpen()) {
      queue.put(new Item(Kind.EOF, null, 0, releaseAt(), null));
    }
  }

  private void forwardRead(byte[] chunk, int length) throws InterruptedException {
    int keep = mutator().apply(readOffset, chunk, length, log);
    readOffset += length;
    if (keep > 0) {
      queue.put(new Item(Kind.DATA, chunk, keep, releaseAt(), null));
    }
    if (keep < length) {
      cut = true;
      log.add("conn " + connection.index() + " " + direction.shortName() + ": stream cut at offset "
          + (readOffset - length + Math.max(keep, 0)));
      queue.put(new Item(Kind.CUT, null, 0, releaseAt(), mutator.cutMode()));
    }
  }

  private void writeData(OutputStream out, Item item) throws IOException, InterruptedException {
    WatchedCounter total = control.forwardedCounter();
    int offset = 0;
    while (offset < item.length) {
      if (!awaitWritable(NOW)) {
        return;
      }
      // Stop at the next byte-count trigger so a scheduled action fires at its exact byte.
      int length = (int) Math.min(item.length - offset, total.untilNextTarget());
      out.write(item.data, offset, length);
      offset += length;
      forwarded.addAndGet(length);
      total.add(length);
    }
  }

  private ByteFault.StreamMutator mutator() {
    ByteFault current = control.byteFaultModel();
    if (current != byteFault) {
      byteFault = current;
      mutator = current.open(connection.index(), direction);
    }
    return mutator;
  }

  /** Release time of the next chunk: now + delay, never before the previous chunk's. */
  private long releaseAt() {
    DelayModel current = control.delayModel();
    if (current != delayModel) {
      delayModel = current;
      delayStream = current.open(connection.index(), direction);
    }
    if (current == DelayModel.none() && lastReleaseNanos == NOW) {
      return NOW;
    }
    long release = System.nanoTime() + delayStream.nextDelayNanos();
    if (lastReleaseNanos != NOW && release - lastReleaseNanos < 0) {
      release = lastReleaseNanos;
    }
    lastReleaseNanos = release;
    return release;
  }

  private boolean isBlocked() {
    return blackholed || control.isBlocked();
  }

  /** Waits while blocked; a draining connection is read (and discarded) regardless. */
  private boolean awaitReadable() throws InterruptedException {
    while (true) {
      long seen = gate.version();
      ProxiedConnection.State state = connection.state();
      if (state != ProxiedConnection.State.OPEN) {
        return state == ProxiedConnection.State.DRAINING;
      }
      if (!isBlocked()) {
        return true;
      }
      gate.awaitChange(seen);
    }
  }

  /** Waits for the release time and while blocked; false once the connection is not open. */
  private boolean awaitWritable(long releaseAtNanos) throws InterruptedException {
    while (true) {
      long seen = gate.version();
      if (!connection.isOpen()) {
        return false;
      }
      boolean blocked = isBlocked();
      long waitNanos = releaseAtNanos == NOW ? 0 : releaseAtNanos - System.nanoTime();
      if (!blocked && waitNanos <= 0) {
        return true;
      }
      if (blocked) {
        gate.awaitChange(seen);
      } else {
        gate.awaitChange(seen, waitNanos);
      }
    }
  }
}
