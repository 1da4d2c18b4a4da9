package org.jdrbd.systest.faults;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: 1 MiB of seeded data goes from a client through a fresh proxy to a server, written
 * in seeded random pieces so TCP chunking differs between runs, with a byte fault or a fault
 * schedule on the client→server direction.
 * Expectation: seeded corruption gives the same bytes for the same seed whatever the chunking,
 * other bytes for another seed, and a plausible number of flips; a cut delivers exactly the
 * first N bytes then ends the stream (FIN) or resets it; an overwrite changes exactly the named
 * bytes; a byte-offset schedule step fires after exactly that many bytes; a seeded plan is the
 * same plan for the same seed, runs every step and logs each one.
 * Why: "garbage on the replication port", "lying lengths" and mid-stream cuts must be
 * reproducible from a seed, or a failing replication test cannot be replayed.
 */
class FaultProxyHooksTest {
  private static final byte[] PAYLOAD = Wire.randomBytes(99, 1 << 20);

  /** What the server received, and how its stream ended. */
  private record Received(byte[] bytes, String ending) {}

  @ParameterizedTest
  @CsvSource({"11, 1000", "12, 1000", "13, 50000"})
  void seededFlipsAreTheSameForTheSameSeedWhateverTheChunking(long seed, long meanGapBytes)
      throws Exception {
    ByteFault fault = ByteFaults.flipBytes(seed, meanGapBytes);
    byte[] first = transfer(fault, 1).bytes();
    byte[] second = transfer(fault, 2).bytes();
    byte[] otherSeed = transfer(ByteFaults.flipBytes(seed + 100, meanGapBytes), 1).bytes();

    assertThat(first).hasSameSizeAs(PAYLOAD).isEqualTo(second);
    assertThat(otherSeed).isNotEqualTo(first);
    long expectedFlips = PAYLOAD.length / meanGapBytes;
    assertThat(differingBytes(first, PAYLOAD))
        .isBetween(expectedFlips / 2, expectedFlips * 2);
  }

  @Test
  void garbageFromAnOffsetKeepsThePrefixAndIsSeeded() throws Exception {
    byte[] first = transfer(ByteFaults.garbageFrom(1000, 5), 1).bytes();
    byte[] second = transfer(ByteFaults.garbageFrom(1000, 5), 2).bytes();
    assertThat(first).isEqualTo(second).hasSameSizeAs(PAYLOAD);
    assertThat(Arrays.copyOf(first, 1000)).isEqualTo(Arrays.copyOf(PAYLOAD, 1000));
    assertThat(differingBytes(first, PAYLOAD)).isGreaterThan((PAYLOAD.length - 1000) * 9L / 10);
  }

  @Test
  void overwriteChangesExactlyTheNamedBytes() throws Exception {
    byte[] forged = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F};
    long at = 65_534; // straddles the proxy's 64 KiB read size
    byte[] got = transfer(ByteFaults.overwriteAt(at, forged), 3).bytes();
    byte[] expected = PAYLOAD.clone();
    System.arraycopy(forged, 0, expected, (int) at, forged.length);
    assertThat(got).isEqualTo(expected);
  }

  @Test
  void cutWithFinDeliversExactlyTheFirstBytesThenEndOfStream() throws Exception {
    Received got = transfer(ByteFaults.cutAfter(100_003, CloseMode.FIN), 4);
    assertThat(got.ending()).isEqualTo("end of stream");
    assertThat(got.bytes()).isEqualTo(Arrays.copyOf(PAYLOAD, 100_003));
  }

  @Test
  void cutWithResetEndsInAResetAfterAPrefix() throws Exception {
    Received got = transfer(ByteFaults.cutAfter(100_003, CloseMode.RESET), 5);
    assertThat(got.ending()).contains("Connection reset");
    assertThat(got.bytes().length).isLessThanOrEqualTo(100_003);
    assertThat(got.bytes()).isEqualTo(Arrays.copyOf(PAYLOAD, got.bytes().length));
  }

  @Test
  void byteOffsetStepFiresAfterExactlyThatManyBytes() throws Exception {
    try (LoopbackServer server = new LoopbackServer();
        FaultProxy proxy = FaultProxy.builder().name("hooks").target(server.address()).start()) {
      CompletableFuture<Void> plan = proxy.run(FaultSchedule.builder()
          .atBytes(Direction.CLIENT_TO_SERVER, 250_000, FaultAction.drop(CloseMode.FIN))
          .build());
      Received got = send(proxy, server, 6);
      plan.get(10, SECONDS);
      assertThat(got.ending()).isEqualTo("end of stream");
      assertThat(got.bytes()).isEqualTo(Arrays.copyOf(PAYLOAD, 250_000));
      assertThat(proxy.clientToServer().bytesForwarded()).isEqualTo(250_000);
      assertThat(proxy.log().contains("action at c2s byte 250000: drop connections with FIN"))
          .as(proxy.log().dump()).isTrue();
    }
  }

  @Test
  void seededPlanIsReproducibleAndEveryStepRunsAndIsLogged() throws Exception {
    List<FaultAction> palette = List.of(
        FaultAction.blackhole(Direction.CLIENT_TO_SERVER),
        FaultAction.resume(Direction.CLIENT_TO_SERVER),
        FaultAction.delay(Direction.SERVER_TO_CLIENT, DelayModel.fixedMs(1)),
        FaultAction.pass(Direction.SERVER_TO_CLIENT));
    FaultSchedule plan = FaultSchedule.seeded(42, 8, 100, palette);
    assertThat(plan.toString()).isEqualTo(FaultSchedule.seeded(42, 8, 100, palette).toString())
        .isNotEqualTo(FaultSchedule.seeded(43, 8, 100, palette).toString())
        .startsWith("FaultSchedule(seed 42)");
    assertThat(plan.steps()).hasSize(8);

    try (LoopbackServer server = new LoopbackServer();
        FaultProxy proxy = FaultProxy.builder().name("plan").target(server.address()).start()) {
      proxy.run(plan).get(10, SECONDS);
      List<String> logged = proxy.log().entries().stream().map(FaultLog.Entry::text)
          .filter(text -> text.startsWith("action at ")).toList();
      List<String> planned = plan.steps().stream()
          .map(step -> "action at " + step.trigger() + ": " + step.action()).toList();
      assertThat(logged).isEqualTo(planned);
      // The proxy's final state is the last c2s step's (pass/delay steps touch s2c only).
      plan.steps().stream().map(step -> step.action().description())
          .filter(description -> description.endsWith("c2s")).reduce((a, b) -> b)
          .ifPresent(lastC2s -> assertThat(proxy.clientToServer().isBlocked())
              .isEqualTo(lastC2s.equals("blackhole c2s")));
    }
  }

  /** Sends PAYLOAD through a fresh proxy with {@code fault} on client→server. */
  private static Received transfer(ByteFault fault, long chunkingSeed) throws Exception {
    try (LoopbackServer server = new LoopbackServer();
        FaultProxy proxy = FaultProxy.builder().name("hooks").target(server.address()).start()) {
      proxy.clientToServer().byteFault(fault);
      return send(proxy, server, chunkingSeed);
    }
  }

  private static Received send(FaultProxy proxy, LoopbackServer server, long chunkingSeed)
      throws Exception {
    try (Socket client = new Socket()) {
      client.connect(proxy.address());
      Socket upstream = server.nextAccepted();
      CompletableFuture<Received> received =
          CompletableFuture.supplyAsync(() -> readUntilEnd(upstream));
      try {
        Wire.sendInPieces(client, PAYLOAD, chunkingSeed);
        client.shutdownOutput();
      } catch (IOException e) {
        // A cut may reset the client while it is still sending; the server side is what counts.
      }
      return received.get(10, SECONDS);
    }
  }

  private static Received readUntilEnd(Socket socket) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      for (int n; (n = in.read(buffer)) >= 0; ) {
        bytes.write(buffer, 0, n);
      }
      return new Received(bytes.toByteArray(), "end of stream");
    } catch (SocketException e) {
      return new Received(bytes.toByteArray(), e.getMessage());
    } catch (IOException e) {
      return new Received(bytes.toByteArray(), e.toString());
    }
  }

  private static long differingBytes(byte[] a, byte[] b) {
    long count = 0;
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      if (a[i] != b[i]) {
        count++;
      }
    }
    return count;
  }
}
