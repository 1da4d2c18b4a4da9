package org.jdrbd.daemon.repl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The Primary's transfer log of one connection (fact sheet §7.1), pure: every replicated write
 * gets a block id and the number of the epoch it belongs to; an epoch is closed (a P_BARRIER
 * follows) when one of its writes completes to the application or it reached max-epoch-size;
 * a P_BARRIER_ACK must name the oldest closed epoch and its exact write count, and releases its
 * writes. What is still in the log when the connection is lost may differ on the peer.
 */
public final class TransferLog {
    /** One write in the log. */
    public record Request(long blockId, int epoch, long sector, int sizeBytes) {
    }

    /** Outcome of a barrier ack: the released writes, or why the ack is a protocol error. */
    public record Release(List<Request> released, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final Map<Long, Request> byId = new HashMap<>();
    /** Closed epochs, oldest first, with their writes. */
    private final ArrayDeque<Epoch> closed = new ArrayDeque<>();
    private Epoch current;
    private long nextBlockId = 1;

    private static final class Epoch {
        final int number;
        final List<Request> writes = new ArrayList<>();

        Epoch(int number) {
            this.number = number;
        }
    }

    /** {@code firstEpoch}: the barrier number of the first epoch (any value; it is opaque). */
    public TransferLog(int firstEpoch) {
        current = new Epoch(firstEpoch);
    }

    /** Adds a write to the current epoch. */
    public Request add(long sector, int sizeBytes) {
        Request r = new Request(nextBlockId++, current.number, sector, sizeBytes);
        current.writes.add(r);
        byId.put(r.blockId(), r);
        return r;
    }

    /** Writes in the current (open) epoch. */
    public int currentEpochWrites() {
        return current.writes.size();
    }

    /** The open epoch's number. */
    public int currentEpoch() {
        return current.number;
    }

    /**
     * Closes the current epoch if it holds writes: its number is the P_BARRIER to send; empty
     * when there is nothing to close (no barrier for an empty epoch).
     */
    public OptionalInt closeEpoch() {
        if (current.writes.isEmpty()) {
            return OptionalInt.empty();
        }
        Epoch done = current;
        closed.add(done);
        current = new Epoch(done.number + 1);
        return OptionalInt.of(done.number);
    }

    /** Closes the current epoch when it holds {@code maxEpochSize} writes. */
    public OptionalInt closeIfFull(int maxEpochSize) {
        return current.writes.size() >= maxEpochSize ? closeEpoch() : OptionalInt.empty();
    }

    /** Whether {@code blockId} names a write still in the log (acks for others are forged). */
    public boolean contains(long blockId) {
        return byId.containsKey(blockId);
    }

    public Request get(long blockId) {
        return byId.get(blockId);
    }

    /** P_BARRIER_ACK(nr, setSize): must match the oldest closed epoch exactly. */
    public Release barrierAck(int nr, int setSize) {
        Epoch oldest = closed.peek();
        if (oldest == null) {
            return new Release(List.of(), "BarrierAck #" + Integer.toUnsignedString(nr)
                    + " without an open barrier");
        }
        if (oldest.number != nr) {
            return new Release(List.of(), "BarrierAck #" + Integer.toUnsignedString(nr)
                    + " but the oldest epoch is #" + Integer.toUnsignedString(oldest.number));
        }
        if (oldest.writes.size() != setSize) {
            return new Release(List.of(), "BarrierAck #" + Integer.toUnsignedString(nr)
                    + " with set_size " + setSize + ", epoch has " + oldest.writes.size());
        }
        closed.poll();
        for (Request r : oldest.writes) {
            byId.remove(r.blockId());
        }
        return new Release(List.copyOf(oldest.writes), null);
    }

    /** Number of writes not yet released by a barrier ack. */
    public int size() {
        return byId.size();
    }

    /** Connection lost: every write still in the log, oldest first; the log is empty after. */
    public List<Request> clear() {
        List<Request> all = new ArrayList<>();
        for (Iterator<Epoch> it = closed.iterator(); it.hasNext();) {
            all.addAll(it.next().writes);
        }
        all.addAll(current.writes);
        closed.clear();
        byId.clear();
        current = new Epoch(current.number + 1);
        return all;
    }
}
