package org.jdrbd.statemachine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jdrbd.statemachine.ChangeFlag;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.jdrbd.statemachine.StateChange;
import org.jdrbd.statemachine.StateContext;
import org.jdrbd.statemachine.Transition;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;

/**
 * Throughput of the full change pipeline (sanitize, rules, commit, effects) over a fixed, seeded
 * mix of realistic requests: promotions, demotions, connection changes, disk failures, resync
 * steps. Not a test; run with bin/bench-statemachine.
 */
@org.openjdk.jmh.annotations.State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {

    private static final int MIX = 1024;

    private final List<State> olds = new ArrayList<>(MIX);
    private final List<State> news = new ArrayList<>(MIX);
    private final List<Set<ChangeFlag>> flags = new ArrayList<>(MIX);
    private final StateContext ctx = StateContext.DEFAULTS.withAgreedProtocolVersion(101)
            .withVerifyAlgConfigured(true);
    private int next;

    @Setup
    public void setUp() {
        Random rnd = new Random(42);
        Role[] roles = Role.values();
        ConnState[] conns = ConnState.values();
        DiskState[] disks = DiskState.values();
        for (int i = 0; i < MIX; i++) {
            State os = new State(roles[rnd.nextInt(3)], roles[rnd.nextInt(3)],
                    conns[rnd.nextInt(conns.length)], disks[rnd.nextInt(disks.length)],
                    disks[rnd.nextInt(disks.length)], false, false, false, false, false, false);
            State ns = switch (rnd.nextInt(4)) {
                case 0 -> os.withRole(roles[rnd.nextInt(3)]);
                case 1 -> os.withConn(conns[rnd.nextInt(conns.length)]);
                case 2 -> os.withDisk(disks[rnd.nextInt(disks.length)]);
                default -> os.withPdsk(disks[rnd.nextInt(disks.length)]);
            };
            olds.add(os);
            news.add(ns);
            flags.add(rnd.nextInt(4) == 0 ? ChangeFlag.FORCED : ChangeFlag.ORDERED);
        }
    }

    /** One proposal through the whole pipeline. */
    @Benchmark
    public Transition propose() {
        int i = next++ & (MIX - 1);
        return StateChange.propose(olds.get(i), news.get(i), ctx, flags.get(i));
    }
}
