package org.jdrbd.daemon.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Symmetric CRAM-HMAC on the data socket (fact sheet §6.2 step 4). Each side sends a 64-byte
 * random challenge, answers the peer's challenge with HMAC(secret, challenge), and checks the
 * peer's answer to its own challenge. Pure: randomness is passed in, packets are returned.
 * Order: {@link #challenge()}, then {@link #onPeerChallenge}, then {@link #onPeerResponse}.
 */
public final class CramHmac {
    /** The message DRBD logs when the peer's response is wrong. */
    public static final String AUTH_FAILED = "Authentication of peer failed";

    private static final Map<String, String> JDK_NAMES = Map.of(
            "sha1", "HmacSHA1", "sha256", "HmacSHA256", "sha512", "HmacSHA512");

    private enum Step { NEW, CHALLENGED, RESPONDED, DONE }

    private final Mac mac;
    private final RandomGenerator random;
    private byte[] myChallenge;
    private Step step = Step.NEW;

    private CramHmac(Mac mac, RandomGenerator random) {
        this.mac = mac;
        this.random = random;
    }

    /** The JDK algorithm for a cram-hmac-alg name ("sha1", "sha256", "sha512"). */
    public static Optional<String> jdkAlgorithm(String cramHmacAlg) {
        return Optional.ofNullable(JDK_NAMES.get(cramHmacAlg.toLowerCase(Locale.ROOT)));
    }

    /**
     * A new exchange. Fails (a configuration error, reported as such) for an unknown algorithm
     * or a secret that is empty or longer than 63 bytes.
     */
    public static WireResult<CramHmac> create(String cramHmacAlg, String sharedSecret,
            RandomGenerator random) {
        Optional<String> jdk = jdkAlgorithm(cramHmacAlg);
        if (jdk.isEmpty()) {
            return WireResult.error("unsupported cram-hmac-alg '%s' (use sha1, sha256 or sha512)",
                    cramHmacAlg);
        }
        byte[] key = sharedSecret.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0 || key.length >= WireConstants.SHARED_SECRET_MAX) {
            return WireResult.error("shared-secret must be 1..%d bytes",
                    WireConstants.SHARED_SECRET_MAX - 1);
        }
        try {
            Mac mac = Mac.getInstance(jdk.get());
            mac.init(new SecretKeySpec(key, jdk.get()));
            return WireResult.ok(new CramHmac(mac, random));
        } catch (GeneralSecurityException e) {
            return WireResult.error("cram-hmac-alg %s unavailable: %s", cramHmacAlg,
                    e.getMessage());
        }
    }

    /** Digest size of the algorithm: the exact length of a valid response. */
    public int digestBytes() {
        return mac.getMacLength();
    }

    /** Our P_AUTH_CHALLENGE with 64 fresh random bytes. */
    public Packet challenge() {
        expect(Step.NEW);
        myChallenge = new byte[WireConstants.CHALLENGE_BYTES];
        random.nextBytes(myChallenge);
        step = Step.CHALLENGED;
        return Packet.of(PacketType.P_AUTH_CHALLENGE, new Payload.Auth(Bytes.of(myChallenge)));
    }

    /** The peer's challenge; returns our P_AUTH_RESPONSE to send. */
    public WireResult<Packet> onPeerChallenge(Packet p) {
        expect(Step.CHALLENGED);
        if (p.type() != PacketType.P_AUTH_CHALLENGE) {
            return WireResult.error("expected AuthChallenge packet, received: %s (0x%04x)",
                    p.type(), p.type().code());
        }
        byte[] peer = ((Payload.Auth) p.payload()).bytes().toArray();
        if (peer.length < WireConstants.CHALLENGE_BYTES
                || peer.length > WireConstants.CHALLENGE_MAX_BYTES) {
            return WireResult.error("AuthChallenge payload of %d bytes, expected %d..%d",
                    peer.length, WireConstants.CHALLENGE_BYTES, WireConstants.CHALLENGE_MAX_BYTES);
        }
        if (MessageDigest.isEqual(peer, myChallenge)) {
            // A reflected challenge would let a peer answer us with our own answer.
            return WireResult.error("Peer presented the same challenge!");
        }
        step = Step.RESPONDED;
        return WireResult.ok(Packet.of(PacketType.P_AUTH_RESPONSE,
                new Payload.Auth(Bytes.of(mac.doFinal(peer)))));
    }

    /** The peer's response to our challenge; ok when it proves the shared secret. */
    public WireResult<Void> onPeerResponse(Packet p) {
        expect(Step.RESPONDED);
        step = Step.DONE;
        if (p.type() != PacketType.P_AUTH_RESPONSE) {
            return WireResult.error("expected AuthResponse packet, received: %s (0x%04x)",
                    p.type(), p.type().code());
        }
        byte[] got = ((Payload.Auth) p.payload()).bytes().toArray();
        if (got.length != digestBytes()) {
            return WireResult.error("AuthResponse payload of %d bytes, expected %d; %s",
                    got.length, digestBytes(), AUTH_FAILED);
        }
        byte[] want = mac.doFinal(myChallenge);
        return MessageDigest.isEqual(got, want) ? WireResult.ok(null)
                : WireResult.error(AUTH_FAILED);
    }

    private void expect(Step s) {
        if (step != s) {
            throw new IllegalStateException("CRAM-HMAC step " + step + ", expected " + s);
        }
    }
}
