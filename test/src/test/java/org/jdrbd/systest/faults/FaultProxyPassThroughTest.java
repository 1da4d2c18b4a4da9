package org.jdrbd.systest.faults;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/*
 * Scenario: 64 MiB of seeded random data flows through the proxy in each direction at the same
 * time on one connection; each side half-closes when it has sent everything.
 * Expectation: each side receives exactly what the other sent (SHA-256 and length); the
 * per-direction and per-connection byte counters are exactly 64 MiB; the connection counts as
 * accepted once, closed once, refused never; after close() no proxy thread is left.
 * Why: every fault test relies on the proxy being a faithful pipe when no fault is set, and the
 * resync tests count bytes on the wire with these counters.
 */
class FaultProxyPassThroughTest {
  private static final long SIZE_BYTES = 64L << 20;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void sixtyFourMibEachWayArriveIntactAndAreCountedExactly() throws Exception {
    FaultProxy proxy;
    try (LoopbackServer server = new LoopbackServer();
        FaultProxy started = FaultProxy.builder().name("passthrough")
            .target(server.address()).start();
        Socket client = new Socket()) {
      proxy = started;
      client.connect(proxy.address());
      Socket upstream = server.nextAccepted();
      ProxiedConnection connection = proxy.connectionAccepted(1).get(10, SECONDS);

      Future<String> clientSent = pool.submit(() -> {
        String digest = Wire.sendRandom(client.getOutputStream(), 1, SIZE_BYTES);
        client.shutdownOutput();
        return digest;
      });
      Future<String> serverSent = pool.submit(() -> {
        String digest = Wire.sendRandom(upstream.getOutputStream(), 2, SIZE_BYTES);
        upstream.shutdownOutput();
        return digest;
      });
      Future<String> serverGot = pool.submit(() -> Wire.digestToEnd(upstream.getInputStream()));
      Future<String> clientGot = pool.submit(() -> Wire.digestToEnd(client.getInputStream()));

      assertThat(serverGot.get(60, SECONDS)).isEqualTo(clientSent.get(60, SECONDS) + "/" + SIZE_BYTES);
      assertThat(clientGot.get(60, SECONDS)).isEqualTo(serverSent.get(60, SECONDS) + "/" + SIZE_BYTES);
      assertThat(connection.closedFuture().get(10, SECONDS)).isSameAs(connection);

      assertThat(proxy.clientToServer().bytesForwarded()).isEqualTo(SIZE_BYTES);
      assertThat(proxy.serverToClient().bytesForwarded()).isEqualTo(SIZE_BYTES);
      assertThat(connection.bytesForwarded(Direction.CLIENT_TO_SERVER)).isEqualTo(SIZE_BYTES);
      assertThat(connection.bytesForwarded(Direction.SERVER_TO_CLIENT)).isEqualTo(SIZE_BYTES);
      assertThat(proxy.connectionsAccepted()).isEqualTo(1);
      assertThat(proxy.connectionsClosed()).isEqualTo(1);
      assertThat(proxy.connectionsRefused()).isZero();
      assertThat(proxy.log().contains("conn 1: both peers closed")).as(proxy.log().dump()).isTrue();
    }
    assertThat(proxy.liveThreadNames()).isEmpty();
    assertThat(Wire.liveThreadsNamed("faultproxy-passthrough-")).isEmpty();
  }
}
