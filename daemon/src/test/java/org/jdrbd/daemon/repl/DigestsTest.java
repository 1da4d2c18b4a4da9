package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: DRBD's digest names (crc32c, crc32, md5, sha1, sha256, sha512, sha3-256, any case)
 * digest the standard check strings; unknown names and "" are looked up; random blocks that differ
 * in one byte are digested.
 * Expectation: the published check values (CRC-32C of "123456789" is e3069283, written
 * little-endian as the kernel does), lengths within the wire's 64 bytes, unknown names refused
 * with the list of known ones, "" meaning off; a one-byte change changes every digest; the
 * buffer's position never moves.
 * Why: both daemons compare these digests byte for byte; a name that silently maps to another
 * function would make every block look out of sync (or worse, every block look equal).
 */
class DigestsTest {

    static Stream<Arguments> checkValues() {
        return Stream.of(
                Arguments.of("crc32c", "123456789", "839206e3"),
                Arguments.of("CRC32C", "123456789", "839206e3"),
                Arguments.of("crc32", "123456789", "2639f4cb"),
                Arguments.of("md5", "abc", "900150983cd24fb0d6963f7d28e17f72"),
                Arguments.of("sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
                Arguments.of("sha256", "abc",
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
                Arguments.of("sha3-256", "abc",
                        "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"));
    }

    @ParameterizedTest(name = "{0}({1})")
    @MethodSource("checkValues")
    void knownNamesGiveThePublishedCheckValues(String name, String input, String hex) {
        Digests.Digest d = Digests.of(name).orElseThrow();
        ByteBuffer buf = ByteBuffer.wrap(input.getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(d.compute(buf))).isEqualTo(hex);
        assertThat(buf.position()).isZero();
        assertThat(d.lengthBytes()).isEqualTo(hex.length() / 2).isLessThanOrEqualTo(64);
    }

    @Test
    void unknownNamesAndOff() {
        assertThat(Digests.of("whirlpool")).isEmpty();
        assertThat(Digests.of("hmac(sha1)")).isEmpty();
        assertThat(Digests.of("")).isEmpty();
        assertThat(Digests.isKnownOrOff("")).isTrue();
        assertThat(Digests.isKnownOrOff("sha512")).isTrue();
        assertThat(Digests.isKnownOrOff("whirlpool")).isFalse();
        assertThat(Digests.knownNames()).contains("crc32c", "sha1", "sha256", "md5");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aOneByteChangeChangesTheDigest(String name) {
        Random r = new Random(name.hashCode());
        Digests.Digest d = Digests.of(name).orElseThrow();
        for (int i = 0; i < 50; i++) {
            byte[] block = new byte[4096];
            r.nextBytes(block);
            byte[] before = d.compute(ByteBuffer.wrap(block));
            assertThat(d.compute(ByteBuffer.wrap(block.clone()))).isEqualTo(before);
            block[r.nextInt(4096)] ^= (byte) (1 + r.nextInt(255));
            assertThat(d.compute(ByteBuffer.wrap(block))).isNotEqualTo(before);
        }
    }

    static Stream<String> names() {
        return Stream.of("crc32c", "crc32", "md5", "sha1", "sha224", "sha256", "sha384", "sha512",
                "sha3-224", "sha3-256", "sha3-384", "sha3-512");
    }
}
