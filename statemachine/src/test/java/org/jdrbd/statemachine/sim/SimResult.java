package org.jdrbd.statemachine.sim;

import java.util.Map;

/**
 * What one run left behind.
 *
 * @param seed the seed
 * @param steps ticks run
 * @param traceHash hash over every trace line: equal seeds must give equal hashes
 * @param stats counters of what the run exercised (split brains, resyncs, crashes, ...)
 */
public record SimResult(long seed, long steps, long traceHash, Map<String, Long> stats) {
}
