package org.jdrbd.statemachine;

import java.util.List;

/**
 * The verdict of {@link UuidCompare#compare}: DRBD's {@code hg} value, the rule that decided, and
 * the UUIDs after the correction rules (34/71 correct our own UUIDs, which the caller must persist;
 * 35/51 correct our copy of the peer's).
 *
 * @param hg 2/1 source (full/bitmap), 0 none, -1/-2 target, 100 / -100 split brain with / without
 *     auto-recovery, -1000 unrelated, below -1000 a protocol (and feature) requirement
 * @param rule the rule that decided
 * @param self our UUIDs, corrected
 * @param peer our copy of the peer's P_UUIDS, corrected
 * @param log what DRBD logs along the way (corrections, refusals)
 */
public record UuidComparison(int hg, UuidRule rule, GenerationUuids self, PeerUuids peer, List<LogLine> log) {

    public UuidComparison {
        log = List.copyOf(log);
    }

    /** Whether hg asks for a newer protocol or feature flag (-1091 or the -0x10000 family). */
    public boolean needsNewerProtocol() {
        return hg < UuidCompare.HG_UNRELATED;
    }

    /** The line DRBD prints after comparing. */
    public String summary() {
        return "uuid_compare()=" + hg + " by rule " + rule.loggedNumber();
    }
}
