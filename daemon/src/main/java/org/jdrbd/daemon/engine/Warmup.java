package org.jdrbd.daemon.engine;

import java.nio.ByteBuffer;
import org.jdrbd.metadata.ActivityLog;
import org.jdrbd.metadata.Bitmap;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.PromotionPlan;
import org.jdrbd.statemachine.PromotionRetry;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;
import org.jdrbd.statemachine.UuidLifecycle;
import org.jdrbd.statemachine.GenerationUuids;

/**
 * Loads and initializes the classes the event loops use (state machine pipeline, UUID rules,
 * AL and bitmap accounting) on the thread that creates the engine. Loading them lazily would put
 * the first attach's class loading, hundreds of milliseconds on a busy machine, on an event loop.
 */
final class Warmup {
    private Warmup() {
    }

    static void run() {
        StateContext ctx = StateContext.DEFAULTS.withNetConfigured(false)
                .withAttachResult(DiskState.INCONSISTENT, DiskState.UNKNOWN, true);
        State s = State.INITIAL;
        Transition t = StateChange.propose(s, s.withDisk(DiskState.ATTACHING), ctx, ChangeFlag.FORCED);
        t = StateChange.propose(t.after(), t.after().withDisk(DiskState.INCONSISTENT), ctx,
                ChangeFlag.FORCED);
        PromotionPlan plan = PromotionPlan.initial();
        Transition p = StateChange.propose(t.after(), plan.proposedFrom(t.after()), ctx,
                ChangeFlag.ORDERED);
        PromotionRetry.onResult(plan, p.rv(), p.after(), true, 5);
        StateChange.propose(t.after(), t.after().withRole(Role.PRIMARY).withDisk(DiskState.UP_TO_DATE),
                ctx, ChangeFlag.ORDERED).changeLog();
        UuidLifecycle.promote(GenerationUuids.justCreated(), EffectRunner.random(), s.conn(), s.pdsk(),
                true);
        ActivityLog al = new ActivityLog(7, 1, 8, 0);
        al.begin(0).transaction().encode();
        al.end(0);
        new Bitmap(ByteBuffer.allocate(4096), 1, 1024).setSectors(0, 0, 8);
        new VolumeLog("-", -1).debug("warm-up done");
    }
}
