package org.jdrbd.systest.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdrbd.systest.faults.DelayModel;
import org.jdrbd.systest.faults.Direction;
import org.jdrbd.systest.faults.DirectionControl;

/**
 * Executes a {@link SoakPlan} on a {@link SoakCluster}: each step injects its fault with fio
 * writing through the Primary's NBD export, then waits (bounded) until the pair is back to
 * the steady state (connected, both UpToDate, one Primary) before the next step. A failed step
 * becomes a {@link SoakFailure} naming the seed, the step, a replay command and the logs.
 */
final class SoakRun {
    /** The small batch written between two faults. */
    private static final long BETWEEN_BYTES = 64L << 10;

    private final long seed;
    private final String replay;
    private final SoakCluster c;
    private final Workload w;
    private final OcfAgent agent;
    private final Map<SoakPlan.Kind, Integer> done = new EnumMap<>(SoakPlan.Kind.class);
    private final List<String> history = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private int syncTargetKills;

    SoakRun(long seed, String replay, SoakCluster cluster, Path work) throws Exception {
        this.seed = seed;
        this.replay = replay;
        this.c = cluster;
        this.w = new Workload(work.resolve("fio"), seed);
        this.agent = new OcfAgent(work.resolve("ocf"), cluster.a, cluster.b);
    }

    /** Runs every step, then the final checks. */
    void run(List<SoakPlan.Step> plan) throws Exception {
        for (SoakPlan.Step s : plan) {
            c.step(s.toString());
            long t0 = System.nanoTime();
            String note;
            try {
                note = execute(s);
                w.write(c.primary().nbdUri(), BETWEEN_BYTES);
            } catch (Throwable t) {
                throw failure(s.toString(), t);
            }
            done.merge(s.kind(), 1, Integer::sum);
            String line = s + " ok in " + ms(t0) + " ms, Primary now " + c.primary().name
                    + (note.isEmpty() ? "" : "; " + note);
            history.add(line);
            System.out.println("[soak seed " + seed + "] " + line);
        }
        c.step("final checks");
        try {
            finalChecks();
        } catch (Throwable t) {
            throw failure("final checks", t);
        }
    }

    private String execute(SoakPlan.Step s) throws Exception {
        return switch (s.kind()) {
            case KILL_SECONDARY -> killSecondary(s);
            case KILL_PRIMARY -> killPrimary(s);
            case KILL_SYNC_TARGET -> killSyncTarget();
            case PARTITION -> partition(s, false);
            case PARTITION_ONE_WAY -> partition(s, true);
            case DELAY -> delay(s);
            case SWITCH_PRIMARY -> switchPrimary();
            case VERIFY -> verify(s);
        };
    }

    /** The Secondary dies while the Primary writes: the batch must still succeed. */
    private String killSecondary(SoakPlan.Step s) throws Exception {
        SoakNode p = c.primary();
        SoakNode sec = c.secondary();
        long base = c.bytesSentBy(p);
        Workload.Running run = w.startInterrupted(p.nbdUri());
        awaitSent(p, base + s.batchKiB() * 1024L, run.fio());
        c.kill(sec);
        Workload.Batch b = w.finishInterrupted(run);
        if (b.interrupted()) {
            throw new SoakFailure("the Primary's writes failed when the Secondary died: "
                    + java.nio.file.Files.readString(b.dir().resolve("write.err")).strip());
        }
        c.awaitDisconnected(p, 30);
        c.restart(sec);
        c.awaitSettled(120);
        return "batch " + b.name() + " " + b.writtenBytes() / 1024 + " KiB";
    }

    /** The Primary dies mid-batch: the survivor is promoted and must hold every acked write. */
    private String killPrimary(SoakPlan.Step s) throws Exception {
        SoakNode p = c.primary();
        SoakNode sec = c.secondary();
        long base = c.bytesSentBy(p);
        Workload.Running run = w.startInterrupted(p.nbdUri());
        awaitSent(p, base + s.killAfterKiB() * 1024L, run.fio());
        c.kill(p);
        Workload.Batch cut = w.finishInterrupted(run);
        c.awaitDisconnected(sec, 30);
        if (s.viaAgent()) {
            agent.expect(sec, "promote", 0);
        } else {
            sec.ok("primary", "r0");
        }
        c.primaryIs(sec);
        c.awaitState(sec, 30, "Primary", ObservedState::primary);
        String verified = w.verifyNbd(sec.nbdUri());
        c.restart(p);
        c.awaitSettled(120);
        return "cut batch " + cut.name() + " after " + cut.writtenBytes() / 1024 + " KiB acked; " + verified;
    }

    /**
     * The Secondary dies while it resyncs: a batch written during a partition makes the resync,
     * a small latency on the link after the heal slows it, and the kill comes once the
     * Secondary reports SyncTarget (or, if the resync was quicker than the poll, right after).
     */
    private String killSyncTarget() throws Exception {
        SoakNode p = c.primary();
        SoakNode sec = c.secondary();
        c.partition();
        Workload.Batch b = w.write(p.nbdUri(), Workload.SLOT_BYTES);
        c.awaitDisconnected(p, 30);
        c.awaitDisconnected(sec, 30);
        setDelay(DelayModel.fixedMs(2));
        ObservedState seen;
        try {
            c.heal();
            seen = c.awaitState(sec, 30, "resyncing or in sync", st -> "SyncTarget".equals(st.replication())
                    || "Established".equals(st.replication()) && "UpToDate".equals(st.disk()));
            c.kill(sec);
        } finally {
            setDelay(DelayModel.none());
        }
        boolean caught = "SyncTarget".equals(seen.replication());
        syncTargetKills += caught ? 1 : 0;
        c.awaitDisconnected(p, 30);
        c.restart(sec);
        c.awaitSettled(120);
        return "batch " + b.name() + "; " + (caught ? "killed the SyncTarget mid-resync"
                : "the resync ended before the kill");
    }

    private void setDelay(DelayModel model) {
        for (DirectionControl d : List.of(c.toA.clientToServer(), c.toA.serverToClient(),
                c.toB.clientToServer(), c.toB.serverToClient())) {
            d.delay(model);
        }
    }

    /** A (one-way or full) partition held for a while, the Primary writing through it. */
    private String partition(SoakPlan.Step s, boolean oneWay) throws Exception {
        SoakNode p = c.primary();
        if (oneWay) {
            // The Primary's outgoing bytes: it is the client on the proxy to its peer and the
            // server on the proxy to itself.
            boolean aIsPrimary = p == c.a;
            Direction out = s.onSecondary() ? Direction.CLIENT_TO_SERVER : Direction.SERVER_TO_CLIENT;
            (aIsPrimary ? c.toB : c.toA).partitionOneWay(out);
            (aIsPrimary ? c.toA : c.toB).partitionOneWay(out.opposite());
        } else {
            c.partition();
        }
        Workload.Batch b = w.write(p.nbdUri(), s.batchKiB() * 1024L);
        c.awaitDisconnected(p, 30);
        Thread.sleep(s.holdMs()); // the fault's duration, drawn from the seed (not a wait for an event)
        c.heal();
        c.awaitSettled(120);
        return "batch " + b.name() + " written degraded";
    }

    /** Random latency on every direction of both proxies while a batch is written. */
    private String delay(SoakPlan.Step s) throws Exception {
        DelayModel model = DelayModel.uniformMs(seed * 31 + s.number(), 1, s.delayMaxMs());
        setDelay(model);
        Workload.Batch b;
        try {
            b = w.write(c.primary().nbdUri(), s.batchKiB() * 1024L);
        } finally {
            setDelay(DelayModel.none());
        }
        c.awaitSettled(60);
        return "batch " + b.name() + " under " + model;
    }

    /**
     * Demote the Primary and promote the Secondary through the OCF agent, then verify on the
     * new Primary what no verify has read yet (all batches are read after every failover).
     */
    private String switchPrimary() throws Exception {
        SoakNode p = c.primary();
        SoakNode sec = c.secondary();
        OcfAgent.Run demote = agent.expect(p, "demote", 0);
        OcfAgent.Run promote = agent.expect(sec, "promote", 0);
        c.primaryIs(sec);
        agent.expect(sec, "monitor", 8);
        agent.expect(p, "monitor", 0);
        c.awaitSettled(60);
        return "demote " + demote.elapsedMs() + " ms, promote " + promote.elapsedMs() + " ms; "
                + w.verifyNewNbd(sec.nbdUri());
    }

    /** An online verify; with the pair in sync it must find no block out of sync. */
    private String verify(SoakPlan.Step s) throws Exception {
        SoakNode n = s.onSecondary() ? c.secondary() : c.primary();
        int mark = n.logText().length();
        n.ok("verify", "r0", Integer.toString(c.other(n).nodeId), "0");
        String line = n.awaitLogAfter(mark, "Online verify found", 120);
        if (!line.contains("found no blocks out of sync")) {
            throw new SoakFailure("REPLICAS DIFFER: online verify on " + n.name + ": " + line);
        }
        c.awaitSettled(60);
        return "verify on " + n.name + ": no blocks out of sync";
    }

    private void finalChecks() throws Exception {
        c.awaitSettled(120);
        String nbd = w.verifyNbd(c.primary().nbdUri());
        long bytes = c.dataBytes() > 0 ? c.dataBytes() : SoakCluster.DISK_BYTES / 2;
        String ha = "";
        String hb = "";
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            ha = org.jdrbd.systest.FileHashes.sha256(c.a.disk, bytes);
            hb = org.jdrbd.systest.FileHashes.sha256(c.b.disk, bytes);
            if (ha.equals(hb)) {
                break;
            }
            Thread.sleep(200); // poll interval of the bounded wait for the Secondary's file to settle
        }
        if (!ha.equals(hb)) {
            throw new SoakFailure("REPLICAS DIFFER: the data areas (" + bytes + " bytes) hash " + ha + " on a, "
                    + hb + " on b");
        }
        String fa = w.verifyFile(c.a.disk);
        String fb = w.verifyFile(c.b.disk);
        notes.add("final: " + nbd + "; " + fa + "; " + fb + "; both data areas sha256 " + ha);
    }

    /**
     * Bounded poll until the node has sent {@code bytes} of replication traffic through the
     * proxies (the batch's writes reaching the peer), or fio ended.
     */
    private void awaitSent(SoakNode n, long bytes, Process fio) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && fio.isAlive()) {
            if (c.bytesSentBy(n) >= bytes) {
                return;
            }
            Thread.sleep(2); // poll interval of the bounded wait on the proxies' counters
        }
        if (fio.isAlive()) {
            throw new SoakFailure(n.name + " never sent " + bytes + " replication bytes");
        }
    }

    private SoakFailure failure(String where, Throwable t) {
        StringBuilder s = new StringBuilder();
        s.append("SOAK FAILED at ").append(where).append(" -- seed ").append(seed).append('\n');
        s.append("replay: ").append(replay).append('\n');
        s.append("cause: ").append(t).append('\n');
        s.append("steps done:\n");
        history.forEach(h -> s.append("  ").append(h).append('\n'));
        List<String> v = c.violations();
        if (!v.isEmpty()) {
            s.append("invariant violations so far:\n");
            v.forEach(x -> s.append("  ").append(x).append('\n'));
        }
        s.append(c.diagnostics());
        return new SoakFailure(s.toString(), t);
    }

    /** KILL_SYNC_TARGET steps whose kill hit a running resync. */
    int syncTargetKills() {
        return syncTargetKills;
    }

    Map<SoakPlan.Kind, Integer> done() {
        return Map.copyOf(done);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    Workload workload() {
        return w;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
