package org.jdrbd.daemon.repl;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Whether a volume's resync may run now or must wait for the volume it is configured to
 * resync after (fact sheet §9.5, aftr_isp), and how the handlers before a resync count.
 * Answered by the engine, which sees every resource of the daemon and knows its usermode
 * helper; replication asks when a resync starts.
 *
 * <p>Kept beside the connection in a weak map until {@link Connection} has a field for it (as
 * it has for {@link HelperCalls}).
 */
public interface ResyncGate {

    /** No dependencies: every resync may run. */
    ResyncGate ALWAYS = volume -> true;

    /** False when a dependency of {@code volume} resyncs or is paused (aftr_isp is due). */
    boolean maySyncNow(int volume);

    /** Installs {@code gate} for {@code conn}'s volumes. */
    static void install(Connection conn, ResyncGate gate) {
        Gates.BY_CONNECTION.put(conn, gate);
    }

    /** The gate of {@code conn}; {@link #ALWAYS} when none was installed. */
    static ResyncGate of(Connection conn) {
        return Gates.BY_CONNECTION.getOrDefault(conn, ALWAYS);
    }

    /** The installed gates (identity keys, dropped with their connection). */
    final class Gates {
        private static final Map<Connection, ResyncGate> BY_CONNECTION =
                Collections.synchronizedMap(new WeakHashMap<>());

        private Gates() {
        }
    }
}
