package org.jdrbd.systest.repl;

import java.nio.file.Path;

/**
 * The usual start of a two-node system test: node a (node id 0) and node b (node id 1) on their
 * own loopback addresses, both up with the same net options, a made Primary with --force and the
 * initial full sync finished. Closing the pair stops whichever nodes are still running.
 */
final class Pair implements AutoCloseable {
    final Node a;
    final Node b;

    private Pair(Node a, Node b) {
        this.a = a;
        this.b = b;
    }

    /** Two nodes not started yet, so a test can add daemon arguments or a helper script first. */
    static Pair create(Path dir, String addressA, String addressB, long diskBytes) throws Exception {
        return new Pair(new Node(dir, "a", 0, addressA, diskBytes), new Node(dir, "b", 1, addressB, diskBytes));
    }

    /** Starts both daemons and configures the resource on both with {@code netOptions}. */
    Pair up(String... netOptions) throws Exception {
        a.start();
        b.start();
        a.up(b, netOptions);
        b.up(a, netOptions);
        return this;
    }

    /** {@link #up}, then a Primary with --force and the initial sync finished on both sides. */
    Pair upAndSync(String... netOptions) throws Exception {
        up(netOptions);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        return this;
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
