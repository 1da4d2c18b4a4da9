package org.jdrbd.daemon.registry;

import java.util.List;
import java.util.Optional;

/**
 * The daemon's crash-surviving memory (ARCHITECTURE.md "Inside the daemon"): which resources were
 * up and how, and where an online verify stands. Written on every admin change, read once at start to re-adopt them.
 * Implementations are thread-safe and never block for long (no fsync per update).
 */
public interface StateRegistry extends AutoCloseable {

    /** Every stored resource. */
    List<ResourceRecord> resources();

    /** Stores or replaces a resource. */
    void put(ResourceRecord record);

    /** Forgets a resource (it was taken down) and its verify checkpoints. */
    void remove(String name);

    /** The online-verify checkpoint of a peer device, if one was stored. */
    Optional<VerifyCheckpoint> verifyCheckpoint(String resource, int peerNodeId, int volume);

    /** Stores or replaces a verify checkpoint. */
    void putVerifyCheckpoint(VerifyCheckpoint checkpoint);

    /** Forgets a verify checkpoint (verify reached the end of the device). */
    void removeVerifyCheckpoint(String resource, int peerNodeId, int volume);

    @Override
    void close();
}
