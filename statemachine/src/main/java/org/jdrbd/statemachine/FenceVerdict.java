package org.jdrbd.statemachine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The meaning of one fence-peer exit code (fact sheet §5.2 step 4), before the staleness check.
 *
 * @param answer the classified answer
 * @param exitCode the exit code as received (0 for a handler that could not be executed)
 * @param change the state change the answer asks for; empty for "broken" and for exit code 5 on a
 *               node without UpToDate data
 * @param log the log lines, in order
 */
public record FenceVerdict(FenceExitCode answer, int exitCode, Optional<FenceChange> change, List<LogLine> log) {

    public FenceVerdict {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(change, "change");
        log = List.copyOf(log);
    }

    /** A broken handler leaves IO frozen and reports failure (STYLE.md rule 13). */
    public boolean broken() {
        return answer == FenceExitCode.BROKEN;
    }
}
