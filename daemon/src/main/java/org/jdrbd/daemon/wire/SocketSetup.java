package org.jdrbd.daemon.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pairing of the two TCP connections (fact sheet §6.2 step 1), as a pure state machine over
 * socket ids. Both nodes connect and accept at the same time. The first outgoing socket becomes
 * the data socket (sends P_INITIAL_DATA), the second the meta socket (sends P_INITIAL_META and
 * gives up RESOLVE_CONFLICTS). An accepted socket is identified by its first packet; accepting
 * the meta socket takes RESOLVE_CONFLICTS. When both nodes' connections cross, the accepted one
 * replaces ours and a coin flip decides whether to go straight back to accepting, so the
 * symmetric race ends. The caller drops sockets found dead with {@link #onDead}.
 */
public final class SocketSetup {
    /** What the connect loop does after an accept. */
    public enum Next {
        /** Try an outgoing connection, then accept. */
        CONNECT,
        /** Skip connecting and accept again. */
        ACCEPT
    }

    /** Result of an accepted socket: sockets to close, the next step, and a log line if any. */
    public record AcceptOutcome(List<Long> close, Next next, String log) {
    }

    private long dataSock = -1;
    private long metaSock = -1;
    private boolean resolveConflicts;

    /** Our outgoing socket {@code id} connected: the packet to send, or empty (close it). */
    public java.util.Optional<Packet> onConnected(long id) {
        assert id >= 0;
        if (dataSock < 0) {
            dataSock = id;
            return java.util.Optional.of(Packet.of(PacketType.P_INITIAL_DATA,
                    Payload.Empty.INSTANCE));
        }
        if (metaSock < 0) {
            metaSock = id;
            resolveConflicts = false;
            return java.util.Optional.of(Packet.of(PacketType.P_INITIAL_META,
                    Payload.Empty.INSTANCE));
        }
        return java.util.Optional.empty();
    }

    /**
     * We accepted socket {@code id} and read its first 8 bytes. {@code coin} is a fair random
     * bit from the caller's seeded generator.
     */
    public AcceptOutcome onAccepted(long id, ByteBuffer first, boolean coin) {
        WireResult<PacketType> fp = readFirstPacket(first);
        List<Long> close = new ArrayList<>();
        if (!fp.isOk()) {
            close.add(id);
            return new AcceptOutcome(close, coin ? Next.ACCEPT : Next.CONNECT,
                    "Error receiving initial packet: " + fp.reason());
        }
        boolean isData = fp.value() == PacketType.P_INITIAL_DATA;
        if (!isData) {
            resolveConflicts = true;
        }
        long old = isData ? dataSock : metaSock;
        if (isData) {
            dataSock = id;
        } else {
            metaSock = id;
        }
        if (old < 0) {
            return new AcceptOutcome(close, Next.CONNECT, null);
        }
        close.add(old);
        return new AcceptOutcome(close, coin ? Next.ACCEPT : Next.CONNECT,
                "initial packet " + (isData ? "S" : "M") + " crossed");
    }

    /** A liveness check found socket {@code id} closed by the peer. */
    public void onDead(long id) {
        if (dataSock == id) {
            dataSock = -1;
        }
        if (metaSock == id) {
            metaSock = -1;
        }
    }

    /** Both sockets present (the caller still checks they are alive). */
    public boolean paired() {
        return dataSock >= 0 && metaSock >= 0;
    }

    public OptionalLong dataSocket() {
        return dataSock < 0 ? OptionalLong.empty() : OptionalLong.of(dataSock);
    }

    public OptionalLong metaSocket() {
        return metaSock < 0 ? OptionalLong.empty() : OptionalLong.of(metaSock);
    }

    /** True on the node that accepted the current meta socket: the tie-breaker. */
    public boolean resolveConflicts() {
        return resolveConflicts;
    }

    /** Parses the first packet of an accepted socket: h80, P_INITIAL_DATA or _META, length 0. */
    public static WireResult<PacketType> readFirstPacket(ByteBuffer first) {
        return HeaderCodec.read(first, WireConstants.APV_UNNEGOTIATED).flatMap(h -> {
            if (h.command() != PacketType.P_INITIAL_DATA.code()
                    && h.command() != PacketType.P_INITIAL_META.code()) {
                return WireResult.error("first packet is 0x%04x, expected P_INITIAL_DATA or "
                        + "P_INITIAL_META", h.command());
            }
            if (h.lengthBytes() != 0) {
                return WireResult.error("first packet has a %d-byte payload, expected none",
                        h.lengthBytes());
            }
            return WireResult.ok(PacketType.fromCode(h.command()).orElseThrow());
        });
    }
}
