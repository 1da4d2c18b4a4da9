package org.jdrbd.daemon.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: the connect-phase logic without sockets: feature negotiation between version ranges,
 * CRAM-HMAC between two nodes (packets pass through the real codec), and refusals.
 * Expectation: overlapping ranges agree on the smaller maximum and the common features; disjoint
 * ranges are refused with "incompatible DRBD dialects"; HMAC succeeds for sha1/sha256/sha512 with
 * the same secret and fails with "Authentication of peer failed" otherwise.
 * Why: fact sheet §6.2 steps 3-4; a wrong secret or an alien peer must never get to replicate.
 */
class HandshakeTest {

    private static Payload.Features range(int min, int flags, int max) {
        return new Payload.Features(min, flags, max);
    }

    @ParameterizedTest(name = "peer {0}..{1} flags {2} -> apv {3} features {4}")
    @CsvSource({"86,101,15,101,15", "86,96,1,96,1", "90,90,0,90,0", "100,120,4,101,4",
            "96,0,15,96,15", "60,86,8,86,8"})
    void overlappingRangesAgreeOnTheSmallerMaximum(int min, int max, int flags, int apv,
            int features) {
        FeatureNegotiation.Agreement a = FeatureNegotiation.negotiate(FeatureNegotiation.ours(),
                range(min, flags, max)).value();
        assertThat(a.apv()).isEqualTo(apv);
        assertThat(a.features()).isEqualTo(features);
    }

    @ParameterizedTest(name = "peer {0}..{1} refused")
    @CsvSource({"102,110", "60,85", "120,0", "80,80"})
    void disjointRangesAreRefused(int min, int max) {
        WireResult<FeatureNegotiation.Agreement> r =
                FeatureNegotiation.negotiate(FeatureNegotiation.ours(), range(min, 0, max));
        assertThat(r.reason()).startsWith("incompatible DRBD dialects")
                .contains("I support 86-101");
    }

    @Test
    void aPeerThatDoesNotSendFeaturesTalksADifferentLanguage() {
        WireResult<FeatureNegotiation.Agreement> r = FeatureNegotiation.negotiate(
                FeatureNegotiation.ours(), Packet.of(PacketType.P_INITIAL_DATA,
                        Payload.Empty.INSTANCE));
        assertThat(r.reason()).contains("peer talks a different language");
    }

    @Test
    void featuresTravelThroughTheCodecBothWays() {
        ByteBuffer frame = PacketEncoder.encode(FeatureNegotiation.oursPacket(),
                WireContext.UNNEGOTIATED);
        Packet got = PacketDecoder.decode(frame, WireContext.UNNEGOTIATED, Channel.DATA).value();
        assertThat(FeatureNegotiation.negotiate(FeatureNegotiation.ours(), got).value())
                .isEqualTo(new FeatureNegotiation.Agreement(101, WireConstants.FF_ALL));
    }

    /** Runs both sides of CRAM-HMAC; returns [A's verdict on B, B's verdict on A]. */
    private static WireResult<?>[] exchange(String alg, String secretA, String secretB, long seed) {
        WireContext ctx = WireContext.agreed(101, 0);
        CramHmac a = CramHmac.create(alg, secretA, new Random(seed)).value();
        CramHmac b = CramHmac.create(alg, secretB, new Random(seed + 1)).value();
        Packet chA = wire(a.challenge(), ctx);
        Packet chB = wire(b.challenge(), ctx);
        Packet respA = wire(a.onPeerChallenge(chB).value(), ctx);
        Packet respB = wire(b.onPeerChallenge(chA).value(), ctx);
        return new WireResult<?>[] {a.onPeerResponse(respB), b.onPeerResponse(respA)};
    }

    private static Packet wire(Packet p, WireContext ctx) {
        return PacketDecoder.decode(PacketEncoder.encode(p, ctx), ctx, Channel.DATA).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "sha256", "sha512", "SHA256"})
    void sameSecretAuthenticatesBothWays(String alg) {
        WireResult<?>[] r = exchange(alg, "s3cret", "s3cret", 11);
        assertThat(r[0].isOk()).isTrue();
        assertThat(r[1].isOk()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sha1", "sha256", "sha512"})
    void wrongSecretIsRefusedOnBothSides(String alg) {
        WireResult<?>[] r = exchange(alg, "s3cret", "guess", 12);
        assertThat(r[0].reason()).isEqualTo(CramHmac.AUTH_FAILED);
        assertThat(r[1].reason()).isEqualTo(CramHmac.AUTH_FAILED);
    }

    @Test
    void responseLengthsFollowTheAlgorithm() {
        assertThat(CramHmac.create("sha1", "x", new Random(1)).value().digestBytes()).isEqualTo(20);
        assertThat(CramHmac.create("sha512", "x", new Random(1)).value().digestBytes())
                .isEqualTo(64);
    }

    @Test
    void aReflectedChallengeIsRefused() {
        CramHmac a = CramHmac.create("sha256", "k", new Random(3)).value();
        Packet mine = a.challenge();
        assertThat(a.onPeerChallenge(mine).reason()).isEqualTo("Peer presented the same challenge!");
    }

    @Test
    void aTruncatedResponseIsRefused() {
        CramHmac a = CramHmac.create("sha256", "k", new Random(3)).value();
        a.challenge();
        a.onPeerChallenge(Packet.of(PacketType.P_AUTH_CHALLENGE,
                new Payload.Auth(Bytes.of(new byte[64])))).value();
        WireResult<Void> r = a.onPeerResponse(Packet.of(PacketType.P_AUTH_RESPONSE,
                new Payload.Auth(Bytes.of(new byte[20]))));
        assertThat(r.reason()).contains("expected 32").contains(CramHmac.AUTH_FAILED);
    }

    @Test
    void wrongPacketInsteadOfAChallengeIsRefused() {
        CramHmac a = CramHmac.create("sha1", "k", new Random(3)).value();
        a.challenge();
        assertThat(a.onPeerChallenge(Packet.of(PacketType.P_PROTOCOL, new Payload.Protocol(3, 0,
                0, 0, 0, false, ""))).reason()).contains("expected AuthChallenge packet");
    }

    @ParameterizedTest
    @CsvSource({"md5,k,unsupported cram-hmac-alg", "sha1,'',shared-secret must be",
            "sha1,0123456789012345678901234567890123456789012345678901234567890123,"
                    + "shared-secret must be"})
    void badConfigurationIsReportedNotThrown(String alg, String secret, String phrase) {
        assertThat(CramHmac.create(alg, secret, new Random(1)).reason()).contains(phrase);
    }
}
