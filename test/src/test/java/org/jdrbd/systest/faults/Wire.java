package org.jdrbd.systest.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Stream helpers for the proxy tests: seeded payloads, digests, read-to-end. */
final class Wire {
  private Wire() {}

  /** Writes {@code totalBytes} seeded random bytes in 1 MiB blocks; returns their SHA-256. */
  static String sendRandom(OutputStream out, long seed, long totalBytes) throws IOException {
    MessageDigest digest = sha256();
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    for (long sent = 0; sent < totalBytes; sent += block.length) {
      int length = (int) Math.min(block.length, totalBytes - sent);
      random.nextBytes(block);
      digest.update(block, 0, length);
      out.write(block, 0, length);
    }
    out.flush();
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads to end of stream; returns the SHA-256 and byte count as "hex/count". */
  static String digestToEnd(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[1 << 16];
    long count = 0;
    for (int n; (n = in.read(buffer)) >= 0; ) {
      digest.update(buffer, 0, n);
      count += n;
    }
    return HexFormat.of().formatHex(digest.digest()) + "/" + count;
  }

  /** Reads to end of stream. */
  static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }

  /** Reads exactly {@code length} bytes or fails. */
  static byte[] readExactly(InputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new AssertionError("stream ended after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** Writes {@code payload} in seeded random pieces, so TCP chunking differs from run to run. */
  static void sendInPieces(Socket socket, byte[] payload, long seed) throws IOException {
    Random random = new Random(seed);
    OutputStream out = socket.getOutputStream();
    for (int at = 0; at < payload.length; ) {
      int length = Math.min(payload.length - at, 1 + random.nextInt(20_000));
      out.write(payload, at, length);
      at += length;
    }
    out.flush();
  }

  static byte[] randomBytes(long seed, int length) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** Live JVM threads whose name starts with {@code prefix}. */
  static java.util.List<String> liveThreadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .sorted()
        .toList();
  }
}
