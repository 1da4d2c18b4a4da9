package org.jdrbd.systest.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting TCP proxy for system tests: listens on a local address and forwards each
 * accepted connection to a target, with per-direction faults changeable while connections are
 * open. See the package documentation for how tests use it.
 *
 * <p>Threads: one acceptor, four per open connection (a reader and a writer per direction) and
 * one timer; at most {@code maxConnections} connections are open at once (more are reset), and
 * {@link #close()} ends every thread before it returns.
 */
public final class FaultProxy implements AutoCloseable {
  /** Tunables fixed at start. */
  record Settings(String name, InetSocketAddress target, InetAddress sourceAddress,
      int maxConnections, int chunkBytes, int queueChunks, int connectTimeoutMs, long finLingerMs) {}

  private final Settings settings;
  private final ServerSocket listener;
  private final Gate gate = new Gate();
  private final FaultLog log;
  private final Map<Direction, DirectionControl> controls = new EnumMap<>(Direction.class);
  private final WatchedCounter accepted = new WatchedCounter();
  private final WatchedCounter refused = new WatchedCounter();
  private final WatchedCounter closedConnections = new WatchedCounter();
  private final List<ProxiedConnection> allConnections = new ArrayList<>();
  private final Set<ProxiedConnection> openConnections = ConcurrentHashMap.newKeySet();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer;
  private final AtomicInteger nextIndex = new AtomicInteger(1);
  private volatile boolean refusing;
  private boolean closed;

  private FaultProxy(Settings settings, InetSocketAddress listen, int logCapacity)
      throws IOException {
    this.settings = settings;
    this.log = new FaultLog(logCapacity);
    for (Direction direction : Direction.values()) {
      controls.put(direction, new DirectionControl(direction, gate, log));
    }
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(listen, 64);
    this.timer = Executors.newSingleThreadScheduledExecutor(
        r -> daemon(new Thread(r, threadPrefix() + "timer")));
    log.add("listening on " + address() + ", forwarding to " + settings.target());
    newThread("accept", this::acceptLoop).start();
  }

  /** Starts configuring a proxy. */
  public static Builder builder() {
    return new Builder();
  }

  /** The address clients connect to (the bound port if an ephemeral one was asked for). */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.getLocalSocketAddress();
  }

  /** The address connections are forwarded to. */
  public InetSocketAddress target() {
    return settings.target();
  }

  /** The live settings and counters of one direction. */
  public DirectionControl direction(Direction direction) {
    return controls.get(direction);
  }

  /** Shorthand for {@code direction(CLIENT_TO_SERVER)}. */
  public DirectionControl clientToServer() {
    return direction(Direction.CLIENT_TO_SERVER);
  }

  /** Shorthand for {@code direction(SERVER_TO_CLIENT)}. */
  public DirectionControl serverToClient() {
    return direction(Direction.SERVER_TO_CLIENT);
  }

  /** The timestamped record of everything this proxy did. */
  public FaultLog log() {
    return log;
  }

  /** Connections currently open (not dropped, cut or closed). */
  public List<ProxiedConnection> openConnections() {
    return List.copyOf(openConnections);
  }

  /** Drops every open connection (both sides) with {@code mode}. */
  public void dropConnections(CloseMode mode) {
    log.add("drop all connections with " + mode);
    for (ProxiedConnection connection : openConnections) {
      connection.drop(mode, "drop all");
    }
  }

  /** While on, new connections are accepted and reset at once, never forwarded. */
  public void refuseNewConnections(boolean on) {
    refusing = on;
    log.add(on ? "refusing new connections" : "accepting new connections");
  }

  /** Full partition: refuse new connections and blackhole both directions of existing ones. */
  public void partition() {
    refuseNewConnections(true);
    for (DirectionControl control : controls.values()) {
      control.partitioned(true);
    }
  }

  /**
   * One-way partition: refuse new connections (a TCP handshake needs both ways) and blackhole
   * {@code direction} of existing ones while the other keeps flowing.
   */
  public void partitionOneWay(Direction direction) {
    refuseNewConnections(true);
    controls.get(direction).partitioned(true);
  }

  /** Ends a partition; explicit blackholes set with {@link DirectionControl#blackhole()} stay. */
  public void heal() {
    for (DirectionControl control : controls.values()) {
      control.partitioned(false);
    }
    refuseNewConnections(false);
  }

  /** Connections forwarded so far (refused ones not included). */
  public long connectionsAccepted() {
    return accepted.get();
  }

  /** Connections accepted and reset without forwarding (partition, limit, target down). */
  public long connectionsRefused() {
    return refused.get();
  }

  /** Forwarded connections that have closed, however they ended. */
  public long connectionsClosed() {
    return closedConnections.get();
  }

  /** Completes with the {@code n}-th (1-based) forwarded connection once it is accepted. */
  public CompletableFuture<ProxiedConnection> connectionAccepted(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("connections are numbered from 1: " + n);
    }
    return accepted.whenAtLeast(n).thenApply(count -> {
      synchronized (allConnections) {
        return allConnections.get(n - 1);
      }
    });
  }

  /** Completes once at least {@code n} connections have been refused. */
  public CompletableFuture<Long> connectionsRefused(long n) {
    return refused.whenAtLeast(n);
  }

  /** Completes once at least {@code n} forwarded connections have closed. */
  public CompletableFuture<Long> connectionsClosed(long n) {
    return closedConnections.whenAtLeast(n);
  }

  /** Completes once at least {@code totalBytes} were forwarded in {@code direction}. */
  public CompletableFuture<Long> bytesForwarded(Direction direction, long totalBytes) {
    return controls.get(direction).whenForwarded(totalBytes);
  }

  /**
   * Runs a fault plan: timed steps count from now, byte steps fire when the direction's total
   * reaches their offset (exact to the byte while one connection carries that direction). Every
   * step is logged. The future completes when all steps have run.
   */
  public CompletableFuture<Void> run(FaultSchedule schedule) {
    log.add("schedule started: " + schedule);
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (FaultSchedule.Step step : schedule.steps()) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      Runnable apply = () -> {
        try {
          step.action().applyTo(this, step.trigger().toString());
          done.complete(null);
        } catch (RuntimeException e) {
          log.add("schedule step failed: " + step + ": " + e);
          done.completeExceptionally(e);
        }
      };
      if (step.trigger() instanceof FaultSchedule.AtTime at) {
        timer.schedule(apply, at.afterMs(), TimeUnit.MILLISECONDS);
      } else if (step.trigger() instanceof FaultSchedule.AtBytes at) {
        controls.get(at.direction()).whenForwarded(at.totalBytes()).thenRun(apply);
      }
      steps.add(done);
    }
    return CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new));
  }

  /** Names of this proxy's threads that are still alive (empty after {@link #close()}). */
  public List<String> liveThreadNames() {
    return threads.stream().filter(Thread::isAlive).map(Thread::getName).sorted().toList();
  }

  /** Stops accepting, resets every connection and ends every proxy thread. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    log.add("closing");
    try {
      listener.close();
    } catch (IOException e) {
      log.add("closing listener: " + e);
    }
    for (ProxiedConnection connection : openConnections) {
      connection.forceClose("proxy closed");
    }
    timer.shutdownNow();
    gate.changed();
    joinThreads(TimeUnit.SECONDS.toNanos(5));
  }

  Settings settings() {
    return settings;
  }

  Gate gate() {
    return gate;
  }

  Thread newThread(String suffix, Runnable body) {
    Thread thread = daemon(new Thread(() -> {
      try {
        body.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, threadPrefix() + suffix));
    threads.add(thread);
    return thread;
  }

  void scheduleForceClose(ProxiedConnection connection) {
    try {
      timer.schedule(() -> connection.forceClose("FIN linger of " + settings.finLingerMs()
          + " ms expired"), settings.finLingerMs(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      connection.forceClose("proxy closing");
    }
  }

  void connectionClosed(ProxiedConnection connection) {
    if (openConnections.remove(connection)) {
      log.add("conn " + connection.index() + ": closed; forwarded c2s "
          + connection.bytesForwarded(Direction.CLIENT_TO_SERVER) + " B, s2c "
          + connection.bytesForwarded(Direction.SERVER_TO_CLIENT) + " B");
      closedConnections.add(1);
    }
  }

  private void acceptLoop() {
    while (true) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
        log.add("accept failed: " + e);
        continue;
      }
      handleAccepted(client);
    }
  }

  private void handleAccepted(Socket client) {
    String from = String.valueOf(client.getRemoteSocketAddress());
    if (refusing) {
      refuse(client, from, "refusing (partition)");
      return;
    }
    if (openConnections.size() >= settings.maxConnections()) {
      refuse(client, from, "limit of " + settings.maxConnections() + " open connections");
      return;
    }
    Socket server = new Socket();
    try {
      if (settings.sourceAddress() != null) {
        server.bind(new InetSocketAddress(settings.sourceAddress(), 0));
      }
      server.connect(settings.target(), settings.connectTimeoutMs());
      server.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
    } catch (IOException e) {
      ProxiedConnection.abort(server);
      refuse(client, from, "target " + settings.target() + " unreachable: " + e.getMessage());
      return;
    }
    register(client, server, from);
  }

  private void register(Socket client, Socket server, String from) {
    ProxiedConnection connection;
    synchronized (this) {
      if (closed) {
        ProxiedConnection.abort(client);
        ProxiedConnection.abort(server);
        return;
      }
      connection = new ProxiedConnection(this, nextIndex.getAndIncrement(), client, server);
      openConnections.add(connection);
      synchronized (allConnections) {
        allConnections.add(connection);
      }
      log.add("conn " + connection.index() + ": accepted from " + from + ", upstream "
          + server.getLocalSocketAddress() + " -> " + settings.target());
      // Started under the lock so close() either sees these threads or never sees the connection.
      connection.start();
    }
    accepted.add(1);
  }

  private void refuse(Socket client, String from, String why) {
    ProxiedConnection.abort(client);
    log.add("refused connection from " + from + ": " + why);
    refused.add(1);
  }

  private void joinThreads(long timeoutNanos) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      for (Thread thread : List.copyOf(threads)) {
        long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        thread.join(Math.max(1, leftMs));
      }
      timer.awaitTermination(
          Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
          TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<String> left = liveThreadNames();
    if (!left.isEmpty()) {
      log.add("threads still alive after close: " + left);
    }
  }

  private String threadPrefix() {
    return "faultproxy-" + settings.name() + "-";
  }

  private static Thread daemon(Thread thread) {
    thread.setDaemon(true);
    return thread;
  }

  /** Configuration of a {@link FaultProxy}; only the target is required. */
  public static final class Builder {
    private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private InetSocketAddress target;
    private InetAddress sourceAddress;
    private String name = "proxy";
    private int maxConnections = 16;
    private int chunkBytes = 64 * 1024;
    private int queueChunks = 16;
    private int connectTimeoutMs = 2000;
    private long finLingerMs = 2000;
    private int logCapacity = 10_000;

    private Builder() {}

    /** Where to listen; port 0 picks an ephemeral port. Default 127.0.0.1:0. */
    public Builder listen(InetSocketAddress address) {
      this.listen = address;
      return this;
    }

    /** Where to forward each connection. Required. */
    public Builder target(InetSocketAddress address) {
      this.target = address;
      return this;
    }

    /**
     * Local address for connections to the target, so the target sees the peer it expects
     * (DRBD matches incoming connections by the peer's IP address).
     */
    public Builder sourceAddress(InetAddress address) {
      this.sourceAddress = address;
      return this;
    }

    /** Name used in thread names ("faultproxy-NAME-...") and nowhere else. */
    public Builder name(String proxyName) {
      this.name = proxyName;
      return this;
    }

    /** Open connections allowed at once; more are reset. Default 16. */
    public Builder maxConnections(int count) {
      this.maxConnections = count;
      return this;
    }

    /** Largest chunk read at once, the unit of delay and of hooks. Default 64 KiB. */
    public Builder chunkBytes(int bytes) {
      this.chunkBytes = bytes;
      return this;
    }

    /** Chunks buffered per direction per connection. Default 16. */
    public Builder queueChunks(int chunks) {
      this.queueChunks = chunks;
      return this;
    }

    /** Timeout for connecting to the target. Default 2000 ms. */
    public Builder connectTimeoutMs(int timeoutMs) {
      this.connectTimeoutMs = timeoutMs;
      return this;
    }

    /** After a FIN drop, how long to wait for the peers to close before resetting. */
    public Builder finLingerMs(long lingerMs) {
      this.finLingerMs = lingerMs;
      return this;
    }

    /** Log entries kept. Default 10000. */
    public Builder logCapacity(int entries) {
      this.logCapacity = entries;
      return this;
    }

    /** Binds the listener and starts accepting. */
    public FaultProxy start() throws IOException {
      if (target == null) {
        throw new IllegalStateException("FaultProxy needs a target address");
      }
      if (maxConnections < 1 || chunkBytes < 1 || queueChunks < 1 || connectTimeoutMs < 0
          || finLingerMs < 0) {
        throw new IllegalArgumentException("FaultProxy limits must be positive");
      }
      return new FaultProxy(new Settings(name, target, sourceAddress, maxConnections, chunkBytes,
          queueChunks, connectTimeoutMs, finLingerMs), listen, logCapacity);
    }
  }
}
