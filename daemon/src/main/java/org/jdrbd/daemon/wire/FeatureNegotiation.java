package org.jdrbd.daemon.wire;

/**
 * P_CONNECTION_FEATURES exchange (fact sheet §6.2 step 3): both sides send their version range
 * and feature flags; the agreed version is the smaller maximum, the agreed features the
 * intersection. A peer whose range does not overlap ours is refused.
 */
public final class FeatureNegotiation {
    /** The agreed protocol version and feature flags. */
    public record Agreement(int apv, int features) {
        public WireContext context() {
            return WireContext.agreed(apv, features);
        }
    }

    private FeatureNegotiation() {
    }

    /** What we send: our full range and every feature we implement. */
    public static Payload.Features ours() {
        return new Payload.Features(WireConstants.PROTOCOL_MIN, WireConstants.FF_ALL,
                WireConstants.PROTOCOL_MAX);
    }

    /** The packet we send on the data socket right after the sockets are set up. */
    public static Packet oursPacket() {
        return Packet.of(PacketType.P_CONNECTION_FEATURES, ours());
    }

    /** Negotiates from the peer's first packet on the data socket after the initial packets. */
    public static WireResult<Agreement> negotiate(Payload.Features mine, Packet received) {
        if (received.type() != PacketType.P_CONNECTION_FEATURES) {
            return WireResult.error("expected ConnectionFeatures packet, received: %s (0x%04x); "
                    + "peer talks a different language", received.type(), received.type().code());
        }
        return negotiate(mine, (Payload.Features) received.payload());
    }

    /** Negotiates two ranges. */
    public static WireResult<Agreement> negotiate(Payload.Features mine, Payload.Features peer) {
        int peerMin = peer.protocolMin();
        // Old peers send 0 as maximum: they speak exactly their minimum.
        int peerMax = peer.protocolMax() == 0 ? peerMin : peer.protocolMax();
        if (mine.protocolMax() < peerMin || mine.protocolMin() > peerMax) {
            return WireResult.error("incompatible DRBD dialects: I support %d-%d, peer supports "
                    + "%d-%d", mine.protocolMin(), mine.protocolMax(), peerMin, peerMax);
        }
        int apv = Math.min(mine.protocolMax(), peerMax);
        return WireResult.ok(new Agreement(apv, mine.featureFlags() & peer.featureFlags()));
    }
}
