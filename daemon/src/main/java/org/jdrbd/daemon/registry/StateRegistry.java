package org.jdrbd.daemon.registry;

import java.util.List;

/**
 * The daemon's crash-surviving memory (ARCHITECTURE.md "Inside the daemon"): which resources were
 * up and how. Written on every admin change, read once at start to re-adopt them.
 * Implementations are thread-safe and never block for long (no fsync per update).
 */
public interface StateRegistry extends AutoCloseable {

    /** Every stored resource. */
    List<ResourceRecord> resources();

    /** Stores or replaces a resource. */
    void put(ResourceRecord record);

    /** Forgets a resource (it was taken down). */
    void remove(String name);

    @Override
    void close();
}
