package org.jdrbd.systest.faults;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * Scenario: one client, the proxy and a plain server on loopback; each test sets one fault —
 * delay, a one-way blackhole (three ways to ask for it), drop with RST or FIN, partition and
 * heal — while a connection is open, and watches what each peer sees.
 * Expectation: delays keep byte order and really delay; a blackholed direction holds its bytes
 * (sender blocked, nothing delivered) while the other direction flows, and resuming delivers
 * them intact; RST shows as "Connection reset", FIN as end of stream, on both peers; a
 * partition refuses new connections and holds existing traffic, heal restores both.
 * Why: these are the network faults the replication tests (ko-count, ping-timeout, resync after
 * partition, broken pipe) are built from; each must do exactly what it says, one direction only.
 */
class FaultProxyFaultsTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private LoopbackServer server;
  private FaultProxy proxy;

  @BeforeEach
  void start() throws Exception {
    server = new LoopbackServer();
    proxy = FaultProxy.builder().name("faults").target(server.address()).finLingerMs(5000).start();
  }

  @AfterEach
  void stop() throws Exception {
    proxy.close();
    server.close();
    pool.shutdownNow();
    assertThat(proxy.liveThreadNames()).isEmpty();
  }

  @Test
  void seededRandomDelayKeepsOrderAndFixedDelayDelays() throws Exception {
    proxy.clientToServer().delay(DelayModel.uniformMs(7, 0, 4));
    proxy.serverToClient().delay(DelayModel.fixedMs(30));
    try (Socket client = connect()) {
      Socket upstream = server.nextAccepted();
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      for (int i = 0; i < 300; i++) {
        out.writeInt(i);
        out.flush();
      }
      DataInputStream in = new DataInputStream(upstream.getInputStream());
      for (int i = 0; i < 300; i++) {
        assertThat(in.readInt()).as("message %d in order\n%s", i, proxy.log().dump()).isEqualTo(i);
      }

      long sentNanos = System.nanoTime();
      upstream.getOutputStream().write(42);
      assertThat(client.getInputStream().read()).isEqualTo(42);
      long tookMs = (System.nanoTime() - sentNanos) / 1_000_000;
      assertThat(tookMs).as("s2c delay of 30 ms applied").isGreaterThanOrEqualTo(29);
      assertThat(proxy.clientToServer().bytesForwarded()).isEqualTo(1200);
    }
  }

  /** Three ways to blackhole one direction; each must hold that direction only. */
  enum Blackhole {
    /** {@link DirectionControl#blackhole()} for every connection. */
    DIRECTION((p, c) -> p.clientToServer().blackhole(), (p, c) -> p.clientToServer().resume()),
    /** {@link ProxiedConnection#blackhole(Direction)} on this connection only. */
    CONNECTION((p, c) -> c.blackhole(Direction.CLIENT_TO_SERVER),
        (p, c) -> c.resume(Direction.CLIENT_TO_SERVER)),
    /** {@link FaultProxy#partitionOneWay(Direction)} then {@link FaultProxy#heal()}. */
    ONE_WAY_PARTITION((p, c) -> p.partitionOneWay(Direction.CLIENT_TO_SERVER),
        (p, c) -> p.heal());

    final BiConsumer<FaultProxy, ProxiedConnection> block;
    final BiConsumer<FaultProxy, ProxiedConnection> unblock;

    Blackhole(BiConsumer<FaultProxy, ProxiedConnection> block,
        BiConsumer<FaultProxy, ProxiedConnection> unblock) {
      this.block = block;
      this.unblock = unblock;
    }
  }

  @ParameterizedTest
  @EnumSource(Blackhole.class)
  void blackholeHoldsOneDirectionWhileTheOtherFlows(Blackhole how) throws Exception {
    long heldBytes = 32L << 20;
    long flowingBytes = 4L << 20;
    try (Socket client = connect()) {
      Socket upstream = server.nextAccepted();
      ProxiedConnection connection = proxy.connectionAccepted(1).get(10, SECONDS);
      how.block.accept(proxy, connection);

      Future<String> clientSent = pool.submit(() -> {
        String digest = Wire.sendRandom(client.getOutputStream(), 3, heldBytes);
        client.shutdownOutput();
        return digest;
      });
      Future<String> serverSent = pool.submit(() -> {
        String digest = Wire.sendRandom(upstream.getOutputStream(), 4, flowingBytes);
        upstream.shutdownOutput();
        return digest;
      });
      assertThat(Wire.digestToEnd(client.getInputStream()))
          .isEqualTo(serverSent.get(10, SECONDS) + "/" + flowingBytes);
      // The other direction has carried 4 MiB meanwhile; this one delivered nothing, and the
      // proxy stopped reading it (at most one chunk read), so the sender's buffers fill.
      assertThat(proxy.clientToServer().bytesForwarded()).isZero();
      assertThat(upstream.getInputStream().available()).isZero();
      assertThat(proxy.clientToServer().bytesReceived()).isLessThanOrEqualTo(64 * 1024);

      Future<String> serverGot = pool.submit(() -> Wire.digestToEnd(upstream.getInputStream()));
      how.unblock.accept(proxy, connection);
      assertThat(serverGot.get(20, SECONDS)).isEqualTo(clientSent.get(20, SECONDS) + "/" + heldBytes);
      assertThat(connection.bytesForwarded(Direction.CLIENT_TO_SERVER)).isEqualTo(heldBytes);
    }
  }

  @ParameterizedTest
  @EnumSource(CloseMode.class)
  void dropShowsAsResetOrEndOfStreamOnBothPeers(CloseMode mode) throws Exception {
    try (Socket client = connect()) {
      Socket upstream = server.nextAccepted();
      ProxiedConnection connection = proxy.connectionAccepted(1).get(10, SECONDS);
      client.getOutputStream().write("hello".getBytes());
      assertThat(Wire.readExactly(upstream.getInputStream(), 5)).isEqualTo("hello".getBytes());

      proxy.dropConnections(mode);

      for (Socket peer : new Socket[] {client, upstream}) {
        InputStream in = peer.getInputStream();
        if (mode == CloseMode.RESET) {
          assertThatThrownBy(in::read).isInstanceOf(SocketException.class)
              .hasMessageContaining("Connection reset");
        } else {
          assertThat(in.read()).isEqualTo(-1);
        }
      }
      assertThat(connection.isOpen()).isFalse();
      client.close();
      upstream.close();
      assertThat(connection.closedFuture().get(10, SECONDS)).isSameAs(connection);
      assertThat(proxy.connectionsClosed()).isEqualTo(1);
      assertThat(proxy.log().contains("drop with " + mode)).isTrue();
      assertThat(proxy.log().contains("forced close")).as(proxy.log().dump()).isFalse();
    }
  }

  @Test
  void partitionRefusesNewConnectionsHoldsOldOnesAndHealRestoresBoth() throws Exception {
    try (Socket first = connect()) {
      Socket firstUpstream = server.nextAccepted();
      first.getOutputStream().write('a');
      assertThat(firstUpstream.getInputStream().read()).isEqualTo('a');
      proxy.bytesForwarded(Direction.CLIENT_TO_SERVER, 1).get(10, SECONDS);

      proxy.partition();
      first.getOutputStream().write('b');
      // The proxy accepts and resets at once: the reset may even beat connect()'s return.
      assertThatThrownBy(() -> {
        try (Socket refused = connect()) {
          refused.getInputStream().read();
        }
      }).isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
      assertThat(proxy.connectionsRefused(1).get(10, SECONDS)).isEqualTo(1);
      assertThat(server.pendingAccepted()).as("refused connection never reached the server").isZero();
      assertThat(proxy.clientToServer().bytesForwarded()).as("'b' held").isEqualTo(1);
      assertThat(firstUpstream.getInputStream().available()).isZero();

      proxy.heal();
      assertThat(firstUpstream.getInputStream().read()).isEqualTo('b');
      try (Socket later = connect()) {
        Socket laterUpstream = server.nextAccepted();
        later.getOutputStream().write('c');
        assertThat(laterUpstream.getInputStream().read()).isEqualTo('c');
        laterUpstream.getOutputStream().write('d');
        assertThat(later.getInputStream().read()).isEqualTo('d');
        assertThat(proxy.connectionAccepted(2).get(10, SECONDS).index()).isEqualTo(2);
      }
      assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    }
  }

  @Test
  void closeEndsEveryThreadWhateverTheConnectionsAreDoing() throws Exception {
    proxy.serverToClient().delay(DelayModel.fixedMs(60_000));
    Socket delayed = connect();
    Socket delayedUpstream = server.nextAccepted();
    delayedUpstream.getOutputStream().write(1);
    proxy.serverToClient().whenReceived(1).get(10, SECONDS);

    Socket blocked = connect();
    server.nextAccepted();
    proxy.connectionAccepted(2).get(10, SECONDS).blackhole(Direction.CLIENT_TO_SERVER);
    Future<?> blockedWriter = pool.submit(() -> Wire.sendRandom(blocked.getOutputStream(), 5, 32L << 20));

    Socket draining = connect();
    server.nextAccepted();
    proxy.connectionAccepted(3).get(10, SECONDS).drop(CloseMode.FIN);
    assertThat(draining.getInputStream().read()).isEqualTo(-1);
    assertThat(Wire.liveThreadsNamed("faultproxy-faults-")).hasSizeGreaterThanOrEqualTo(9);

    long startNanos = System.nanoTime();
    proxy.close();
    assertThat((System.nanoTime() - startNanos) / 1_000_000).isLessThan(5000);
    assertThat(Wire.liveThreadsNamed("faultproxy-faults-")).as(proxy.log().dump()).isEmpty();
    assertThatThrownBy(() -> delayed.getInputStream().read())
        .isInstanceOf(SocketException.class).hasMessageContaining("Connection reset");
    assertThatThrownBy(() -> blockedWriter.get(10, SECONDS)).hasRootCauseInstanceOf(SocketException.class);
    assertThat(proxy.connectionsClosed()).isEqualTo(3);
    delayed.close();
    blocked.close();
    draining.close();
  }

  private Socket connect() throws Exception {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(proxy.address(), 5000);
    return socket;
  }
}
