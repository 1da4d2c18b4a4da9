package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: two nodes pair their data and meta sockets (fact sheet §6.2 step 1), first in
 * scripted orders (one side connects both; both connect their data socket at once so the initial
 * packets cross), then in 300 seeded random interleavings of connects, accepts and liveness
 * checks, with coin flips drawn from the seed.
 * Expectation: both nodes end with the same data socket and the same meta socket, and exactly
 * one holds RESOLVE_CONFLICTS: the one that accepted the meta socket. Garbage as a first packet
 * closes that socket.
 * Why: RESOLVE_CONFLICTS is the tie-breaker for every symmetric decision; two holders (or none)
 * would let both nodes win a write conflict.
 */
class SocketSetupTest {

    /** One in-memory TCP connection: who connected, who accepts, and whether it was closed. */
    private record Sock(long id, int connector) {
    }

    /** Two nodes, their pending accepts, and the set of closed sockets. */
    private static final class Sim {
        final SocketSetup[] node = {new SocketSetup(), new SocketSetup()};
        final Map<Long, Sock> socks = new HashMap<>();
        final Set<Long> closed = new HashSet<>();
        @SuppressWarnings("unchecked")
        final ArrayDeque<Long>[] pending = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
        final Map<Long, ByteBuffer> firstPacket = new HashMap<>();
        final SocketSetup.Next[] next = {SocketSetup.Next.CONNECT, SocketSetup.Next.CONNECT};
        long ids;

        void connect(int n) {
            long id = ids++;
            socks.put(id, new Sock(id, n));
            node[n].onConnected(id).ifPresentOrElse(p -> {
                firstPacket.put(id, PacketEncoder.encode(p, WireContext.UNNEGOTIATED));
                pending[1 - n].add(id);
            }, () -> closed.add(id));
        }

        void accept(int n, boolean coin) {
            Long id = pending[n].poll();
            if (id == null) {
                next[n] = SocketSetup.Next.CONNECT;
                return;
            }
            SocketSetup.AcceptOutcome o = node[n].onAccepted(id, firstPacket.get(id), coin);
            closed.addAll(o.close());
            next[n] = o.next();
        }

        void checkAlive(int n) {
            node[n].dataSocket().ifPresent(id -> { if (closed.contains(id)) node[n].onDead(id); });
            node[n].metaSocket().ifPresent(id -> { if (closed.contains(id)) node[n].onDead(id); });
        }

        /** One step of node n's connect loop. */
        void step(int n, Random r) {
            checkAlive(n);
            if (node[n].paired() && pending[n].isEmpty()) {
                return;
            }
            if (next[n] == SocketSetup.Next.CONNECT && !node[n].paired()) {
                connect(n);
            }
            accept(n, r.nextBoolean());
        }

        boolean settled() {
            for (int n = 0; n < 2; n++) {
                checkAlive(n);
                if (!node[n].paired() || !pending[n].isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        void assertAgreement() {
            SocketSetup a = node[0];
            SocketSetup b = node[1];
            assertThat(a.dataSocket()).isEqualTo(b.dataSocket());
            assertThat(a.metaSocket()).isEqualTo(b.metaSocket());
            assertThat(a.resolveConflicts()).isNotEqualTo(b.resolveConflicts());
            int metaAcceptor = 1 - socks.get(a.metaSocket().getAsLong()).connector();
            assertThat(node[metaAcceptor].resolveConflicts()).isTrue();
        }
    }

    @Test
    void nodeThatAcceptsTheMetaSocketResolvesConflicts() {
        for (int initiator = 0; initiator < 2; initiator++) {
            Sim s = new Sim();
            s.connect(initiator);
            s.connect(initiator);
            s.accept(1 - initiator, false);
            s.accept(1 - initiator, false);
            assertThat(s.settled()).isTrue();
            s.assertAgreement();
            assertThat(s.node[1 - initiator].resolveConflicts()).isTrue();
        }
    }

    @Test
    void crossedDataSocketsAreDroppedAndACoinFlipBreaksTheTie() {
        Sim s = new Sim();
        s.connect(0);                 // A: data 0
        s.connect(1);                 // B: data 1
        s.accept(0, true);            // A: "initial packet S crossed", keeps 1, closes 0, accepts next
        s.accept(1, false);           // B: crossed too, keeps 0 (dead), closes 1, connects next
        assertThat(s.closed).containsExactlyInAnyOrder(0L, 1L);
        s.checkAlive(0);
        s.checkAlive(1);
        assertThat(s.node[0].dataSocket()).isEmpty();
        assertThat(s.node[1].dataSocket()).isEmpty();
        s.connect(1);                 // B connects data 2 while A waits in accept
        s.accept(0, false);
        s.connect(1);                 // B connects meta 3
        s.accept(0, false);
        assertThat(s.settled()).isTrue();
        s.assertAgreement();
        assertThat(s.node[0].resolveConflicts()).isTrue();
    }

    @Test
    void garbageFirstPacketClosesTheSocket() {
        SocketSetup s = new SocketSetup();
        ByteBuffer junk = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        SocketSetup.AcceptOutcome o = s.onAccepted(7, junk, false);
        assertThat(o.close()).containsExactly(7L);
        assertThat(o.log()).contains("Error receiving initial packet").contains("Wrong magic");
        assertThat(s.dataSocket()).isEmpty();
        ByteBuffer features = PacketEncoder.encode(FeatureNegotiation.oursPacket(),
                WireContext.UNNEGOTIATED);
        assertThat(SocketSetup.readFirstPacket(features).reason()).contains("first packet is 0xfffe");
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomInterleavingsConvergeOnOneResolver(long seed) {
        Random r = new Random(seed);
        Sim s = new Sim();
        for (int steps = 0; steps < 10_000 && !s.settled(); steps++) {
            s.step(r.nextInt(2), r);
        }
        assertThat(s.settled()).as("seed %d did not converge", seed).isTrue();
        s.assertAgreement();
    }
}
