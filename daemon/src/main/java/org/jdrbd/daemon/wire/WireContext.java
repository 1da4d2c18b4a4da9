package org.jdrbd.daemon.wire;

/**
 * What the codec needs to know about a connection: the agreed protocol version, the agreed
 * feature flags and the size of the data-integrity digest (0 without data-integrity-alg).
 */
public record WireContext(int apv, int features, int integrityDigestBytes) {
    /** Before P_CONNECTION_FEATURES: apv 80, h80 headers, only handshake packets. */
    public static final WireContext UNNEGOTIATED =
            new WireContext(WireConstants.APV_UNNEGOTIATED, 0, 0);

    public WireContext {
        assert apv == WireConstants.APV_UNNEGOTIATED
                || (apv >= WireConstants.PROTOCOL_MIN && apv <= WireConstants.PROTOCOL_MAX)
                : "apv " + apv;
        assert integrityDigestBytes >= 0 && integrityDigestBytes <= WireConstants.MAX_DIGEST_BYTES;
    }

    /** A context after negotiation without data integrity. */
    public static WireContext agreed(int apv, int features) {
        return new WireContext(apv, features, 0);
    }

    /** True when all bits of {@code flag} were agreed. */
    public boolean has(int flag) {
        return (features & flag) == flag;
    }

    public int headerBytes() {
        return WireConstants.headerBytes(apv);
    }
}
