package org.jdrbd.daemon.nbd;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jdrbd.daemon.store.IoError;
import org.jdrbd.daemon.store.IoOutcome;

/**
 * Fault injection as a filter like any other (STYLE.md rule 9): calls that match a rule fail
 * with the rule's error without reaching the next backend. Also counts every call it sees, so a
 * test can prove that a refused request never reached the backend. Rules may be added from any
 * thread while traffic flows.
 */
public final class ErrorInjectionFilter extends FilterBackend {

    /**
     * One injected fault: calls of {@code op} whose range overlaps
     * {@code [fromOffset, toOffset)} fail with {@code error}, at most {@code times} times
     * (negative: forever).
     */
    public record Rule(BackendOp op, long fromOffset, long toOffset, IoError error, int times) {
    }

    private final List<Armed> rules = new CopyOnWriteArrayList<>();
    private final Map<BackendOp, AtomicLong> calls = new EnumMap<>(BackendOp.class);

    public ErrorInjectionFilter(Backend next) {
        super(next);
        for (BackendOp op : BackendOp.values()) {
            calls.put(op, new AtomicLong());
        }
    }

    /** Arms a rule. */
    public void add(Rule rule) {
        rules.add(new Armed(rule, new AtomicInteger(rule.times())));
    }

    /** Disarms every rule. */
    public void clear() {
        rules.clear();
    }

    /** How many calls of {@code op} reached this filter. */
    public long calls(BackendOp op) {
        return calls.get(op).get();
    }

    @Override
    public CompletionStage<IoOutcome> read(long offset, ByteBuffer dst) {
        return intercept(BackendOp.READ, offset, dst.remaining(), () -> next.read(offset, dst));
    }

    @Override
    public CompletionStage<IoOutcome> write(long offset, ByteBuffer src, boolean fua) {
        return intercept(BackendOp.WRITE, offset, src.remaining(),
                () -> next.write(offset, src, fua));
    }

    @Override
    public CompletionStage<IoOutcome> flush() {
        return intercept(BackendOp.FLUSH, 0, Long.MAX_VALUE, next::flush);
    }

    @Override
    public CompletionStage<IoOutcome> trim(long offset, long length, boolean fua) {
        return intercept(BackendOp.TRIM, offset, length, () -> next.trim(offset, length, fua));
    }

    @Override
    public CompletionStage<IoOutcome> zero(long offset, long length, boolean fua) {
        return intercept(BackendOp.ZERO, offset, length, () -> next.zero(offset, length, fua));
    }

    private CompletionStage<IoOutcome> intercept(BackendOp op, long offset, long length,
            Supplier<CompletionStage<IoOutcome>> pass) {
        calls.get(op).incrementAndGet();
        for (Armed armed : rules) {
            if (armed.matches(op, offset, length) && armed.take()) {
                return CompletableFuture.completedFuture(IoOutcome.failed(armed.rule.error(),
                        "injected " + armed.rule.error() + " on " + op + " at " + offset));
            }
        }
        return pass.get();
    }

    private record Armed(Rule rule, AtomicInteger left) {

        boolean matches(BackendOp op, long offset, long length) {
            long end = length > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + length;
            return rule.op() == op && offset < rule.toOffset() && end > rule.fromOffset();
        }

        boolean take() {
            if (rule.times() < 0) {
                return true;
            }
            return left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }
}
