package org.jdrbd.daemon.repl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The digest algorithms of verify-alg and csums-alg (fact sheet §9.6) under DRBD's kernel crypto
 * names, computed with the JDK. Only the two nodes' digests are ever compared with each other, so
 * a name must mean the same function on both; the CRCs are written little-endian as the kernel's
 * shash does. Names are matched case-insensitively; "" means off.
 */
public final class Digests {
    /** Kernel name to JDK MessageDigest name; the CRCs are handled apart. */
    private static final Map<String, String> MESSAGE_DIGESTS = new LinkedHashMap<>();

    static {
        MESSAGE_DIGESTS.put("md5", "MD5");
        MESSAGE_DIGESTS.put("sha1", "SHA-1");
        MESSAGE_DIGESTS.put("sha224", "SHA-224");
        MESSAGE_DIGESTS.put("sha256", "SHA-256");
        MESSAGE_DIGESTS.put("sha384", "SHA-384");
        MESSAGE_DIGESTS.put("sha512", "SHA-512");
        MESSAGE_DIGESTS.put("sha3-224", "SHA3-224");
        MESSAGE_DIGESTS.put("sha3-256", "SHA3-256");
        MESSAGE_DIGESTS.put("sha3-384", "SHA3-384");
        MESSAGE_DIGESTS.put("sha3-512", "SHA3-512");
    }

    private Digests() {
    }

    /** One algorithm: its DRBD name and digest size. Instances are cheap and not shared. */
    public interface Digest {
        /** The kernel crypto name (lower case). */
        String name();

        /** Digest length in bytes (at most 64, the wire's limit). */
        int lengthBytes();

        /** The digest of the buffer's remaining bytes; the buffer's position does not move. */
        byte[] compute(ByteBuffer data);
    }

    /** Whether {@code name} is "" (off) or an algorithm this daemon can compute. */
    public static boolean isKnownOrOff(String name) {
        return name == null || name.isEmpty() || of(name).isPresent();
    }

    /** The algorithm names this daemon knows, for error messages. */
    public static String knownNames() {
        return "crc32c, crc32, " + String.join(", ", MESSAGE_DIGESTS.keySet());
    }

    /** The algorithm called {@code name}; empty for "" or an unknown name. */
    public static Optional<Digest> of(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        String n = name.toLowerCase(java.util.Locale.ROOT);
        switch (n) {
            case "crc32c" -> {
                return Optional.of(new Crc(n, CRC32C::new));
            }
            case "crc32" -> {
                return Optional.of(new Crc(n, CRC32::new));
            }
            default -> {
                String jdk = MESSAGE_DIGESTS.get(n);
                if (jdk == null) {
                    return Optional.empty();
                }
                try {
                    int len = MessageDigest.getInstance(jdk).getDigestLength();
                    return Optional.of(new Jdk(n, jdk, len));
                } catch (NoSuchAlgorithmException e) {
                    return Optional.empty();
                }
            }
        }
    }

    /** A 32-bit CRC, little-endian. */
    private record Crc(String name, java.util.function.Supplier<Checksum> make) implements Digest {
        @Override
        public int lengthBytes() {
            return 4;
        }

        @Override
        public byte[] compute(ByteBuffer data) {
            Checksum c = make.get();
            c.update(data.duplicate());
            return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) c.getValue()).array();
        }
    }

    /** A JDK MessageDigest; a new instance per call, so one Digest may serve any thread. */
    private record Jdk(String name, String jdkName, int lengthBytes) implements Digest {
        @Override
        public byte[] compute(ByteBuffer data) {
            try {
                MessageDigest md = MessageDigest.getInstance(jdkName);
                md.update(data.duplicate());
                return md.digest();
            } catch (NoSuchAlgorithmException e) {
                // of() checked the name against this JDK already.
                throw new IllegalStateException(jdkName + " vanished from the JDK", e);
            }
        }
    }
}
