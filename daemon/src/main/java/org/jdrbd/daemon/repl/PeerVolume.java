package org.jdrbd.daemon.repl;

import io.vertx.core.Future;
import java.util.Set;
import org.jdrbd.daemon.store.StoreExecutor;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.GenerationUuids;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;

/**
 * What replication may see and do of one volume (implemented by the engine). Every method runs
 * on the resource's context; state changes go through the engine's one proposal path, so their
 * effects and events are the same as for admin changes.
 */
public interface PeerVolume {

    /** Volume number (the h100 header's volume field). */
    int number();

    /** {@code RES/VOL} for logs. */
    String name();

    State state();

    /** Proposes {@code ns}; effects run, then the event is published. */
    Future<Transition> change(State ns, Set<ChangeFlag> flags);

    StateContext ctx();

    void setCtx(StateContext ctx);

    boolean hasDisk();

    /** Usable data size in bytes (0 without disk). */
    long sizeBytes();

    GenerationUuids uuids();

    /** Replaces the in-core UUIDs; {@link #syncMetaData} makes them durable. */
    void setUuids(GenerationUuids uuids);

    Future<Void> syncMetaData();

    /** The new current UUID owed since IO froze (NEW_CUR_UUID), generated and written now. */
    Future<Void> newCurrentUuidOwed();

    /** Superblock flags (MdFlags bits). */
    int mdFlags();

    /** Bits (4 KiB blocks) of the peer's bitmap slot; 0 without disk or slot. */
    long bitmapBits();

    boolean testBit(long bit);

    /** Sets bits [from, to); returns how many changed. */
    long setBits(long from, long to);

    /** Clears bits [from, to); returns how many changed. */
    long clearBits(long from, long to);

    /** Set bits in [from, to). */
    long countBits(long from, long to);

    /** Writes changed bitmap pages and syncs. */
    Future<Void> writeBitmap(String why);

    /** The data executor of the attached disk; null without disk. */
    StoreExecutor data();

    /** Installs (or removes, null) the write path's replication hook. */
    void setReplicator(WriteReplicator replicator);
}
