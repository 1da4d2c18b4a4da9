package org.jdrbd.statemachine.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The link between the two nodes: one connection (epoch) at a time, two FIFO directions with a
 * random delay each. A lost packet on a TCP stream kills the stream, so loss and partitions end
 * the current epoch: everything still queued is dropped and both nodes must notice on their own
 * (ping timeout), exactly as with a real dead socket.
 */
final class SimNetwork {

    /** A packet on its way. */
    record Envelope(long deliverAtTick, long epoch, int to, SimMessage message) {
    }

    private static final int MAX_DELAY_TICKS = 3;

    private final SplittableRandom random;
    private final List<ArrayDeque<Envelope>> toNode = List.of(new ArrayDeque<>(), new ArrayDeque<>());
    private boolean linkUp = true;
    private long healAtTick;
    private long epoch;
    private boolean epochAlive;
    private long nextEpoch = 1;

    SimNetwork(SplittableRandom random) {
        this.random = random;
    }

    boolean linkUp() {
        return linkUp;
    }

    long healAtTick() {
        return healAtTick;
    }

    /** Opens a new connection epoch; the old one must be dead. */
    long open() {
        epoch = nextEpoch++;
        epochAlive = true;
        return epoch;
    }

    boolean alive(long e) {
        return epochAlive && e == epoch && e != 0;
    }

    /** Kills the connection: queued packets vanish. */
    void kill(long e) {
        if (e == epoch) {
            epochAlive = false;
            toNode.get(0).clear();
            toNode.get(1).clear();
        }
    }

    /** Partition until {@code untilTick}. */
    void partition(long untilTick) {
        linkUp = false;
        healAtTick = untilTick;
        kill(epoch);
    }

    /** Heals a partition whose time has come; true when it healed now. */
    boolean healIfDue(long now) {
        if (!linkUp && now >= healAtTick) {
            linkUp = true;
            return true;
        }
        return false;
    }

    /** Queues a packet on the sender's epoch; it is dropped when that epoch is not the live one. */
    void send(long now, long senderEpoch, int to, SimMessage m) {
        if (!linkUp || !alive(senderEpoch)) {
            return;
        }
        ArrayDeque<Envelope> q = toNode.get(to);
        long at = now + 1 + random.nextInt(MAX_DELAY_TICKS);
        if (!q.isEmpty() && q.peekLast().deliverAtTick() > at) {
            at = q.peekLast().deliverAtTick(); // TCP keeps order within a direction
        }
        q.addLast(new Envelope(at, senderEpoch, to, m));
    }

    /** The next due packet for {@code to}, or null. */
    Envelope pollDue(long now, int to) {
        ArrayDeque<Envelope> q = toNode.get(to);
        Envelope e = q.peekFirst();
        if (e == null || e.deliverAtTick() > now) {
            return null;
        }
        return q.pollFirst();
    }

    /** Packets still queued towards {@code to} (for the data-equality invariant). */
    List<SimMessage> queued(int to) {
        List<SimMessage> out = new ArrayList<>();
        for (Envelope e : toNode.get(to)) {
            out.add(e.message());
        }
        return out;
    }
}
