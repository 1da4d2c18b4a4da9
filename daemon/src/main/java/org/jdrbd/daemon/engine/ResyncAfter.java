package org.jdrbd.daemon.engine;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdrbd.daemon.admin.StateEvent;
import org.jdrbd.daemon.repl.ResyncGate;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.State;

/**
 * resync-after across the resources of one daemon (fact sheet §9.5): each minor's dependency,
 * a snapshot of every minor's state taken from the engine's state events, and DRBD's
 * re-evaluation after every change that can matter: a dependency that starts or ends a resync,
 * an isp flag that changes, a new setting. A minor that must wait gets aftr_isp (PausedSync*);
 * when its chain is clear again, aftr_isp goes. Each change is proposed on the owning
 * resource's context; the snapshot is only read elsewhere.
 *
 * <p>One instance per engine, kept in a weak map until {@link Engine} has a field for it.
 */
final class ResyncAfter {
    private static final Map<Engine, ResyncAfter> BY_ENGINE = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Every minor created in this daemon, held weakly: a volume leads to its engine, which must
     * stay collectable as a key of {@link #BY_ENGINE}.
     */
    private final Map<Integer, WeakReference<Volume>> volumes = new ConcurrentHashMap<>();
    /** "RES/VOL" to minor, for the state events. */
    private final Map<String, Integer> minorOf = new ConcurrentHashMap<>();
    /** resync-after settings of attached minors (absent: none). */
    private final Map<Integer, Integer> after = new ConcurrentHashMap<>();
    /** The last state of each minor, as published. */
    private final Map<Integer, State> states = new ConcurrentHashMap<>();

    private ResyncAfter() {
    }

    /** The instance of {@code engine}, made and hooked to its state events on first use. */
    static ResyncAfter of(Engine engine) {
        synchronized (BY_ENGINE) {
            ResyncAfter r = BY_ENGINE.get(engine);
            if (r == null) {
                ResyncAfter made = new ResyncAfter();
                engine.subscribe(made::onEvent);
                BY_ENGINE.put(engine, made);
                r = made;
            }
            return r;
        }
    }

    /** A minor was created (new-minor); replaces a stale one of the same number. */
    void register(Volume v) {
        WeakReference<Volume> was = volumes.put(v.minor, new WeakReference<>(v));
        Volume old = was == null ? null : was.get();
        minorOf.put(key(v.resource.name, v.number), v.minor);
        states.put(v.minor, v.state);
        if (old != v) {
            after.remove(v.minor);
        }
    }

    /** The volume {@code number} of resource {@code resource}, null when unknown. */
    Volume volume(String resource, int number) {
        Integer m = minorOf.get(key(resource, number));
        Volume v = m == null ? null : volume(m);
        return v != null && v.resource.name.equals(resource) && v.number == number ? v : null;
    }

    /** Whether any minor of {@code resource} is known. */
    boolean knowsResource(String resource) {
        return live().stream().anyMatch(v -> v.resource.name.equals(resource));
    }

    Volume volume(int minor) {
        WeakReference<Volume> ref = volumes.get(minor);
        return ref == null ? null : ref.get();
    }

    private List<Volume> live() {
        List<Volume> out = new ArrayList<>();
        for (WeakReference<Volume> ref : volumes.values()) {
            Volume v = ref.get();
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    /** The gate replication asks when a resync of one of {@code r}'s volumes starts. */
    ResyncGate gate(Resource r) {
        // Only the name: the gate is kept beside the connection, which must stay collectable.
        String name = r.name;
        return new ResyncGate() {
            @Override
            public boolean maySyncNow(int number) {
                Integer minor = minorOf.get(key(name, number));
                return minor == null || ResyncAfter.this.maySyncNow(minor);
            }
        };
    }

    boolean maySyncNow(int minor) {
        return ResyncAfterRules.maySyncNow(minor, m -> after.getOrDefault(m, ResyncAfterRules.NONE),
                states::get);
    }

    /** DRBD's check of a new dependency of {@code minor}; null when acceptable. */
    ErrCode check(int minor, long dependency) {
        return ResyncAfterRules.check(minor, dependency, m -> after.getOrDefault(m, ResyncAfterRules.NONE),
                m -> {
                    State s = states.get(m);
                    return s != null && s.disk() != DiskState.DISKLESS;
                });
    }

    /** Stores a checked setting and re-evaluates every minor. */
    void set(int minor, long dependency) {
        if (dependency == ResyncAfterRules.NONE) {
            after.remove(minor);
        } else {
            after.put(minor, (int) dependency);
        }
        reevaluate();
    }

    /** The setting of {@code minor} ({@link ResyncAfterRules#NONE} when none). */
    int setting(int minor) {
        return after.getOrDefault(minor, ResyncAfterRules.NONE);
    }

    private void onEvent(StateEvent e) {
        Integer minor = minorOf.get(key(e.resource(), e.volume()));
        if (minor == null) {
            return;
        }
        states.put(minor, e.after());
        if (e.before().disk() != DiskState.DISKLESS && e.after().disk() == DiskState.DISKLESS) {
            // The disk configuration, resync-after with it, goes with the disk (as in DRBD).
            after.remove(minor);
        }
        if (matters(e.before(), e.after())) {
            reevaluate();
        }
    }

    /** Changes that can release or hold a dependent. */
    private static boolean matters(State before, State after) {
        return ResyncAfterRules.syncingOrPaused(before) != ResyncAfterRules.syncingOrPaused(after)
                || before.disk() != after.disk() || before.anyIsp() != after.anyIsp()
                || before.conn() != after.conn() && after.conn() == ConnState.STANDALONE;
    }

    /** DRBD's pause-after / resume-next over all minors, each on its own context. */
    private void reevaluate() {
        for (Volume v : live()) {
            State s = states.get(v.minor);
            if (s == null || unconfigured(s)
                    || s.aftrIsp() != maySyncNow(v.minor)) {
                continue;
            }
            v.context().runOnContext(x -> adjust(v));
        }
    }

    /** On {@code v}'s context: aftr_isp as the chain says now. */
    private void adjust(Volume v) {
        boolean hold = !maySyncNow(v.minor);
        if (v.state.aftrIsp() == hold || unconfigured(v.state)) {
            return;
        }
        v.log.info("resync-after {}: {}", after.getOrDefault(v.minor, ResyncAfterRules.NONE),
                hold ? "dependency is syncing, resync waits (aftr_isp)" : "dependency done, resync may run");
        v.change(v.state.withAftrIsp(hold), ChangeFlag.FORCED);
    }

    /** DRBD skips unconfigured devices (StandAlone and Diskless). */
    private static boolean unconfigured(State s) {
        return s.conn() == ConnState.STANDALONE && s.disk() == DiskState.DISKLESS;
    }

    private static String key(String resource, int volume) {
        return resource + "/" + volume;
    }
}
