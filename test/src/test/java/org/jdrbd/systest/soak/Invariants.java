package org.jdrbd.systest.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Sanitizer;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.StateRules;
import org.jdrbd.statemachine.Verdict;

/**
 * The state invariants checked on every complete events2 snapshot of a node (one resource, one
 * peer, allow-two-primaries off, verify-alg set, fencing dont-care). Two independent sets:
 * <ul>
 *   <li>O1..O7, written here from reference/drbd-semantics.md in DRBD 9 words, so a bug shared
 *       by the daemon and the statemachine's tables is still caught:
 *       O1 §2.2 row 1: never Primary with a Primary peer;
 *       O2 §2.2 rows 3 and 12: a Primary has UpToDate data, its own or a connected peer's;
 *       O3 §2.2 rows 6-8: any resync/verify state needs both disks at least Inconsistent and one
 *       of them UpToDate;
 *       O4 §2.5 step 6 (clamp table): SyncSource = UpToDate/Inconsistent, SyncTarget =
 *       Inconsistent/UpToDate, VerifyS/VerifyT = UpToDate/UpToDate;
 *       O5 §2.2 row 14: with replication up the peer's disk is known (not DUnknown);
 *       O6 §2.5 step 1: without a connection the peer role is Unknown and of its disk only
 *       Inconsistent/Outdated may be remembered;
 *       O7 §2.5 step 5: Consistent and Outdated vanish when replication is Established.</li>
 *   <li>S1: the statemachine's is_valid_state ({@link StateRules#isValidState}) accepts the
 *       observed state; S2: it is a fixed point of sanitize_state ({@link Sanitizer#sanitize}).</li>
 * </ul>
 * Cross-node rules (never two Primaries at once, a restarted node comes back Secondary) are in
 * {@link PrimaryTimeline} and {@link EventsWatcher}.
 */
final class Invariants {
    /** Replication states in which no resync or verify runs. */
    private static final Set<String> IDLE = Set.of("Off", "Established");
    /** Connection states without a socket pair (DRBD 9 words). */
    private static final Set<String> CONNECTED = Set.of("Connected");
    /** What may be remembered of a peer's disk without a connection. */
    private static final Set<String> REMEMBERED_PEER_DISK = Set.of("DUnknown", "Inconsistent", "Outdated");

    /** The soak's configuration as the rule tables need it. */
    private static final StateContext CONTEXT = StateContext.DEFAULTS.withNetConfigured(true)
            .withVerifyAlgConfigured(true).withAgreedProtocolVersion(101);

    private Invariants() {
    }

    /** The rules {@code s} breaks, each as "RULE: explanation"; empty when all hold. */
    static List<String> violations(ObservedState s) {
        List<String> out = new ArrayList<>();
        if (!s.complete()) {
            return out;
        }
        own(s, out);
        statemachine(s, out);
        return out;
    }

    private static void own(ObservedState s, List<String> out) {
        String repl = s.replication() == null ? "Off" : s.replication();
        boolean replicating = !"Off".equals(repl);
        if (s.primary() && "Primary".equals(s.peerRole())) {
            out.add("O1: Primary with a Primary peer (allow-two-primaries is off)");
        }
        if (s.primary() && !"UpToDate".equals(s.disk())
                && !(replicating && "UpToDate".equals(s.peerDisk()))) {
            out.add("O2: Primary without access to UpToDate data");
        }
        if (!IDLE.contains(repl)) {
            if (disk(s.disk()).lt(DiskState.INCONSISTENT) || disk(s.peerDisk()).lt(DiskState.INCONSISTENT)
                    || !("UpToDate".equals(s.disk()) || "UpToDate".equals(s.peerDisk()))) {
                out.add("O3: " + repl + " without two usable disks, one of them UpToDate");
            }
        }
        String want = switch (repl) {
            case "SyncSource" -> "UpToDate/Inconsistent";
            case "SyncTarget" -> "Inconsistent/UpToDate";
            case "VerifyS", "VerifyT" -> "UpToDate/UpToDate";
            default -> null;
        };
        if (want != null && !want.equals(s.disk() + "/" + s.peerDisk())) {
            out.add("O4: " + repl + " needs disk/peer-disk " + want);
        }
        if (replicating && "DUnknown".equals(s.peerDisk())) {
            out.add("O5: replication " + repl + " with the peer's disk unknown");
        }
        if (!CONNECTED.contains(String.valueOf(s.connection()))) {
            boolean roleKnown = s.peerRole() != null && !"Unknown".equals(s.peerRole());
            boolean diskKnown = s.peerDisk() != null && !REMEMBERED_PEER_DISK.contains(s.peerDisk());
            if (roleKnown || diskKnown) {
                out.add("O6: connection " + s.connection() + " but the peer is still "
                        + s.peerRole() + "/" + s.peerDisk());
            }
        }
        if ("Established".equals(repl) && ("Consistent".equals(s.disk()) || "Outdated".equals(s.disk()))) {
            out.add("O7: disk " + s.disk() + " while Established");
        }
    }

    private static void statemachine(ObservedState s, List<String> out) {
        State st;
        try {
            st = s.toState();
        } catch (IllegalArgumentException e) {
            out.add("S0: not a state the statemachine knows: " + e.getMessage());
            return;
        }
        Verdict v = StateRules.isValidState(st, CONTEXT);
        if (!v.isSuccess()) {
            out.add("S1: is_valid_state refuses it: " + v.describe());
        }
        State fixed = Sanitizer.sanitize(st, st, CONTEXT).state();
        if (!fixed.equals(st)) {
            out.add("S2: sanitize_state would change it to " + fixed);
        }
    }

    private static DiskState disk(String shown) {
        for (DiskState d : DiskState.values()) {
            if (d.displayName().equals(shown)) {
                return d;
            }
        }
        return DiskState.DISKLESS;
    }
}
