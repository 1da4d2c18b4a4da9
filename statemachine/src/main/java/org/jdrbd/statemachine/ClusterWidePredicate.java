package org.jdrbd.statemachine;

import static org.jdrbd.statemachine.ConnState.CONNECTED;
import static org.jdrbd.statemachine.ConnState.DISCONNECTING;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_S;
import static org.jdrbd.statemachine.ConnState.STARTING_SYNC_T;
import static org.jdrbd.statemachine.ConnState.VERIFY_S;
import static org.jdrbd.statemachine.ConnState.WF_REPORT_PARAMS;

import java.util.Optional;
import java.util.Set;

/**
 * DRBD's cl_wide_st_chg (fact sheet §1.6): whether a local request must first be approved by the
 * peer. The reason names the clause that applied so the log can say why the peer was asked.
 */
public final class ClusterWidePredicate {

    private ClusterWidePredicate() {
    }

    /** Whether {@code os -> ns} needs the peer's approval. */
    public static boolean requiresClusterWide(State os, State ns) {
        return reason(os, ns).isPresent();
    }

    /** As {@link #requiresClusterWide}, but never when the request says CS_LOCAL_ONLY. */
    public static boolean requiresClusterWide(State os, State ns, Set<ChangeFlag> flags) {
        return !flags.contains(ChangeFlag.LOCAL_ONLY) && requiresClusterWide(os, ns);
    }

    /** The clause of §1.6 that makes the change cluster-wide, if any. */
    public static Optional<String> reason(State os, State ns) {
        ConnState oc = os.conn();
        ConnState nc = ns.conn();
        if (oc.ge(CONNECTED) && nc.ge(CONNECTED)) {
            if (os.role() != Role.PRIMARY && ns.role() == Role.PRIMARY) {
                return Optional.of("promotion while connected");
            }
            if (oc != STARTING_SYNC_T && nc == STARTING_SYNC_T) {
                return Optional.of("entering StartingSyncT");
            }
            if (oc != STARTING_SYNC_S && nc == STARTING_SYNC_S) {
                return Optional.of("entering StartingSyncS");
            }
            if (os.disk() != DiskState.FAILED && ns.disk() == DiskState.FAILED) {
                return Optional.of("disk failing while connected");
            }
        }
        if (oc.ge(CONNECTED) && nc == DISCONNECTING) {
            return Optional.of("disconnecting while connected");
        }
        if (oc == CONNECTED && nc == VERIFY_S) {
            return Optional.of("starting online verify");
        }
        if (oc == CONNECTED && nc == WF_REPORT_PARAMS) {
            return Optional.of("Connected -> WFReportParams");
        }
        return Optional.empty();
    }
}
