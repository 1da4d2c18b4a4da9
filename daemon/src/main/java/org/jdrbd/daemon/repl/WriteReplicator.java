package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.nio.ByteBuffer;

/** The write path's hook into replication, called on the resource's context. */
public interface WriteReplicator {

    /** Kind of a write-side request. */
    enum Kind {
        /** Data write. */
        WRITE,
        /** Discard; replicated as zeroes so both sides read the same. */
        TRIM,
        /** Write zeroes. */
        ZERO
    }

    /**
     * Starts sending one local write to the peer, in parallel with the local write. Null when
     * the write is not replicated (not connected): the caller marks it out of sync. Otherwise the
     * future completes when the replication protocol counts the remote part as done, with true
     * when the peer has it (false: the caller marks it out of sync). {@code data} is only read
     * before this method returns.
     */
    Future<Boolean> replicate(long offset, long length, Kind kind, ByteBuffer data, boolean fua);
}
