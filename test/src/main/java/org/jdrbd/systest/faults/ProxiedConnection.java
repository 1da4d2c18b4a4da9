package org.jdrbd.systest.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One accepted client connection and its connection to the target, with a pump per direction.
 * Tests get these from {@link FaultProxy#connectionAccepted(int)} to fault one connection only,
 * e.g. DRBD's meta socket but not its data socket.
 */
public final class ProxiedConnection {
  /** Lifecycle of a proxied connection. */
  enum State {
    /** Forwarding in both directions (subject to faults). */
    OPEN,
    /** Dropped with FIN: output shut down, input read and discarded until both peers close. */
    DRAINING,
    /** Both sockets closed; the pump threads are ending. */
    CLOSED
  }

  private final FaultProxy proxy;
  private final int index;
  private final Socket client;
  private final Socket server;
  private final Pump clientToServer;
  private final Pump serverToClient;
  private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
  private final AtomicInteger halvesClosed = new AtomicInteger();
  private final AtomicInteger readersAtEndOfStream = new AtomicInteger();
  private final CompletableFuture<ProxiedConnection> closed = new CompletableFuture<>();
  private volatile List<Thread> writers = List.of();

  ProxiedConnection(FaultProxy proxy, int index, Socket client, Socket server) {
    this.proxy = proxy;
    this.index = index;
    this.client = client;
    this.server = server;
    this.clientToServer = new Pump(this, Direction.CLIENT_TO_SERVER, client, server,
        proxy.direction(Direction.CLIENT_TO_SERVER), proxy.settings(), proxy.gate(), proxy.log());
    this.serverToClient = new Pump(this, Direction.SERVER_TO_CLIENT, server, client,
        proxy.direction(Direction.SERVER_TO_CLIENT), proxy.settings(), proxy.gate(), proxy.log());
  }

  void start() {
    String prefix = index + "-";
    Thread c2sWriter = proxy.newThread(prefix + "c2s-write", clientToServer::writeLoop);
    Thread s2cWriter = proxy.newThread(prefix + "s2c-write", serverToClient::writeLoop);
    writers = List.of(c2sWriter, s2cWriter);
    c2sWriter.start();
    s2cWriter.start();
    proxy.newThread(prefix + "c2s-read", clientToServer::readLoop).start();
    proxy.newThread(prefix + "s2c-read", serverToClient::readLoop).start();
  }

  /** 1-based number of this connection, in accept order. */
  public int index() {
    return index;
  }

  /** The connecting peer's address as the proxy saw it. */
  public InetSocketAddress clientAddress() {
    return (InetSocketAddress) client.getRemoteSocketAddress();
  }

  /** The local address the proxy used to reach the target (what the target sees as peer). */
  public InetSocketAddress upstreamLocalAddress() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  /** Bytes delivered in {@code direction} on this connection. */
  public long bytesForwarded(Direction direction) {
    return pump(direction).bytesForwarded();
  }

  /** True until dropped, cut, failed or closed by both peers. */
  public boolean isOpen() {
    return state.get() == State.OPEN;
  }

  /** Blackholes one direction of this connection only (see {@link DirectionControl#blackhole}). */
  public ProxiedConnection blackhole(Direction direction) {
    proxy.log().add("conn " + index + " " + direction.shortName() + ": blackhole");
    pump(direction).blackholed(true);
    return this;
  }

  /** Ends this connection's own blackhole of {@code direction}. */
  public ProxiedConnection resume(Direction direction) {
    proxy.log().add("conn " + index + " " + direction.shortName() + ": resume");
    pump(direction).blackholed(false);
    return this;
  }

  /** Closes both sides: {@link CloseMode#RESET} aborts, {@link CloseMode#FIN} closes orderly. */
  public void drop(CloseMode mode) {
    drop(mode, "dropped by request");
  }

  /** Completes (on a proxy thread) once both sockets of this connection are closed. */
  public CompletableFuture<ProxiedConnection> closedFuture() {
    return closed;
  }

  State state() {
    return state.get();
  }

  void drop(CloseMode mode, String why) {
    State next = mode == CloseMode.RESET ? State.CLOSED : State.DRAINING;
    if (!state.compareAndSet(State.OPEN, next)) {
      return;
    }
    proxy.log().add("conn " + index + ": drop with " + mode + " (" + why + ")");
    stopForwarding();
    if (mode == CloseMode.RESET) {
      abort(client);
      abort(server);
      finish();
      return;
    }
    shutdownOutput(client);
    shutdownOutput(server);
    proxy.scheduleForceClose(this);
    if (readersAtEndOfStream.get() == 2) {
      closeOrderly();
    }
  }

  /** A socket error: mirror it to both peers as a reset. */
  void failed(Direction direction, String operation, IOException error) {
    State now = state.get();
    if (now == State.OPEN) {
      drop(CloseMode.RESET, direction.shortName() + " " + operation + " failed: " + error);
    } else if (now == State.DRAINING) {
      forceClose(direction.shortName() + " " + operation + " failed while draining: " + error);
    }
  }

  /** Closes at once with RST, whatever the state (proxy shutdown, FIN linger timeout). */
  void forceClose(String why) {
    if (state.getAndSet(State.CLOSED) == State.CLOSED) {
      return;
    }
    proxy.log().add("conn " + index + ": forced close (" + why + ")");
    stopForwarding();
    abort(client);
    abort(server);
    finish();
  }

  void readerAtEndOfStream() {
    if (readersAtEndOfStream.incrementAndGet() == 2 && state.get() == State.DRAINING) {
      closeOrderly();
    }
  }

  /** A writer forwarded end of stream; when both have, the connection is done. */
  void halfClosed() {
    if (halvesClosed.incrementAndGet() == 2 && state.compareAndSet(State.OPEN, State.CLOSED)) {
      proxy.log().add("conn " + index + ": both peers closed");
      closeQuietly(client);
      closeQuietly(server);
      finish();
    }
  }

  private void closeOrderly() {
    if (state.compareAndSet(State.DRAINING, State.CLOSED)) {
      closeQuietly(client);
      closeQuietly(server);
      finish();
    }
  }

  /** Empties the queues and stops the writers; readers see the new state at their next wait. */
  private void stopForwarding() {
    clientToServer.discardQueued();
    serverToClient.discardQueued();
    for (Thread writer : writers) {
      if (writer != Thread.currentThread()) {
        writer.interrupt();
      }
    }
    proxy.gate().changed();
  }

  private void finish() {
    // Readers may still be parked in the gate; a closed state lets them return.
    proxy.gate().changed();
    proxy.connectionClosed(this);
    closed.complete(this);
  }

  private Pump pump(Direction direction) {
    return direction == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
  }

  static void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: nothing to reset.
    }
    closeQuietly(socket);
  }

  private static void shutdownOutput(Socket socket) {
    try {
      socket.shutdownOutput();
    } catch (IOException e) {
      // Already shut down or closed by the peer's reset: the FIN is moot.
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is unusable either way.
    }
  }
}
