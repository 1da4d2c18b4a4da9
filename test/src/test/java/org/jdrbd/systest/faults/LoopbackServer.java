package org.jdrbd.systest.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A plain server on 127.0.0.1 that hands accepted sockets to the test, in accept order. */
final class LoopbackServer implements AutoCloseable {
  private final ServerSocket listener;
  private final BlockingQueue<Socket> accepted = new LinkedBlockingQueue<>();
  private final List<Socket> all = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  LoopbackServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "test-loopback-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** The next accepted socket; fails the test if none arrives within 10 s. */
  Socket nextAccepted() throws InterruptedException {
    Socket socket = accepted.poll(10, TimeUnit.SECONDS);
    if (socket == null) {
      throw new AssertionError("no connection reached the server within 10 s");
    }
    return socket;
  }

  /** Connections the server has accepted and the test has not taken yet. */
  int pendingAccepted() {
    return accepted.size();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket socket = listener.accept();
        all.add(socket);
        accepted.add(socket);
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws Exception {
    listener.close();
    for (Socket socket : all) {
      socket.close();
    }
    acceptor.join(5000);
  }
}
