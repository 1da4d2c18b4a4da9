/**
 * A deterministic, fault-injecting TCP proxy for system tests.
 *
 * <h2>What it does</h2>
 * {@link org.jdrbd.systest.faults.FaultProxy} listens on a local address and forwards each
 * connection to a target. Each direction ({@link org.jdrbd.systest.faults.Direction}) has its own
 * live settings ({@link org.jdrbd.systest.faults.DirectionControl}), changeable while
 * connections are open:
 * <ul>
 *   <li>pass, or a per-chunk delay ({@link org.jdrbd.systest.faults.DelayModel}: fixed or seeded
 *       uniform), which never reorders bytes;</li>
 *   <li>blackhole: stop forwarding one way but keep the sockets open. The proxy stops reading
 *       from the sender, whose send buffer fills: a peer that stops reading, or half a partition
 *       (ko-count, ping-timeout and timeout tests). Resuming delivers what was held;</li>
 *   <li>byte faults ({@link org.jdrbd.systest.faults.ByteFaults}): seeded bit flips, garbage from
 *       an offset, forged bytes at an offset (lying lengths), a cut after N bytes;</li>
 *   <li>whole-connection faults: drop with RST or FIN ({@link org.jdrbd.systest.faults.CloseMode}),
 *       {@code partition()} (refuse new connections, blackhole existing ones), a one-way
 *       partition, {@code heal()}; per connection ({@link
 *       org.jdrbd.systest.faults.ProxiedConnection}) a drop or a blackhole of one socket only,
 *       e.g. DRBD's meta socket and not its data socket.</li>
 * </ul>
 * Counters (bytes forwarded per direction and per connection; connections accepted, refused,
 * closed) come with futures, so tests wait on events and never sleep: {@code
 * connectionAccepted(n)}, {@code bytesForwarded(direction, n)}, {@code connectionsClosed(n)},
 * {@code ProxiedConnection.closedFuture()}. A {@link org.jdrbd.systest.faults.FaultSchedule}
 * plans actions by time or by byte offset (explicit, or drawn from a seed). Every change,
 * connection event and scheduled action is written to the {@link
 * org.jdrbd.systest.faults.FaultLog}; print {@code proxy.log().dump()} when a test fails.
 *
 * <h2>Using it between two daemons</h2>
 * Each jdrbdd reads its own drbd.conf, so the two nodes may disagree about addresses. To put a
 * proxy on the A → B path:
 * <pre>{@code
 * // B really listens on 127.0.0.3:7789; A must believe B is at the proxy.
 * try (FaultProxy toB = FaultProxy.builder()
 *         .name("a-to-b")
 *         .listen(new InetSocketAddress("127.0.0.13", 0))
 *         .target(new InetSocketAddress("127.0.0.3", 7789))
 *         .sourceAddress(InetAddress.getByName("127.0.0.2"))  // B sees A's IP as the peer
 *         .start()) {
 *   // A's drbd.conf: "on b { address 127.0.0.13:<toB.address().getPort()>; }"
 *   // B's drbd.conf: the real addresses. Start both daemons, then:
 *   toB.connectionAccepted(2).get(10, SECONDS);               // data and meta socket up
 *   toB.serverToClient().blackhole();                         // B's acks stop reaching A
 *   ... wait on A's events2 stream for the connection to time out ...
 *   toB.serverToClient().resume();
 *   long wireBytes = toB.clientToServer().bytesForwarded();   // e.g. resync volume
 * }
 * }</pre>
 * DRBD connects both ways and keeps whichever pair of sockets wins, so for a path that must be
 * faulted whatever side connects first, also give B a proxy in front of A (B's drbd.conf names
 * A by that proxy's address) or make only A's connection attempts possible, e.g. by refusing B's
 * with {@code refuseNewConnections(true)} on the second proxy.
 *
 * <h2>Determinism and limits</h2>
 * Seeded hooks and delays draw from a generator per (seed, connection index, direction) in
 * stream order, so the same seed gives the same bytes regardless of TCP chunking. Byte-offset
 * schedule steps fire after exactly that many bytes while one connection carries the direction;
 * with several connections at once they may overshoot by up to one chunk per connection.
 * Refusal resets an accepted connection (the client sees a reset, not a connect timeout). The
 * proxy is for faults, not performance: it adds roughly a thread hop per chunk.
 */
package org.jdrbd.systest.faults;
