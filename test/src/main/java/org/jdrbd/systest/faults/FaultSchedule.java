package org.jdrbd.systest.faults;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A plan of fault actions keyed by time since {@link FaultProxy#run} or by bytes forwarded in a
 * direction. {@link #seeded} draws a plan from a seed; its {@link #toString()} names the seed and
 * every step, so a failing test prints a plan that can be replayed exactly.
 */
public final class FaultSchedule {
  /** When a step fires. */
  public sealed interface Trigger permits AtTime, AtBytes {}

  /** Fires {@code afterMs} milliseconds after the schedule starts. */
  public record AtTime(long afterMs) implements Trigger {
    @Override
    public String toString() {
      return "+" + afterMs + " ms";
    }
  }

  /** Fires once {@code totalBytes} have been forwarded in {@code direction}. */
  public record AtBytes(Direction direction, long totalBytes) implements Trigger {
    @Override
    public String toString() {
      return direction.shortName() + " byte " + totalBytes;
    }
  }

  /** One planned action. */
  public record Step(Trigger trigger, FaultAction action) {
    @Override
    public String toString() {
      return trigger + " -> " + action;
    }
  }

  private final String origin;
  private final List<Step> steps;

  private FaultSchedule(String origin, List<Step> steps) {
    this.origin = origin;
    this.steps = List.copyOf(steps);
  }

  /** Starts an explicit plan. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code count} actions drawn from {@code palette} at times drawn uniformly from
   * [0, {@code spanMs}), sorted by time; the same seed gives the same plan.
   */
  public static FaultSchedule seeded(long seed, int count, long spanMs, List<FaultAction> palette) {
    if (palette.isEmpty() || count < 0 || spanMs < 1) {
      throw new IllegalArgumentException("need a palette, count >= 0 and spanMs >= 1");
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long atMs = random.nextLong(spanMs);
      steps.add(new Step(new AtTime(atMs), palette.get(random.nextInt(palette.size()))));
    }
    steps.sort(Comparator.comparingLong(step -> ((AtTime) step.trigger()).afterMs()));
    return new FaultSchedule("seed " + seed, steps);
  }

  /** The steps in the order they were planned. */
  public List<Step> steps() {
    return steps;
  }

  @Override
  public String toString() {
    return "FaultSchedule(" + origin + ") " + steps;
  }

  /** Builds an explicit plan. */
  public static final class Builder {
    private final List<Step> steps = new ArrayList<>();

    private Builder() {}

    /** Adds {@code action} at {@code afterMs} after the schedule starts. */
    public Builder atMs(long afterMs, FaultAction action) {
      steps.add(new Step(new AtTime(afterMs), action));
      return this;
    }

    /** Adds {@code action} once {@code totalBytes} were forwarded in {@code direction}. */
    public Builder atBytes(Direction direction, long totalBytes, FaultAction action) {
      steps.add(new Step(new AtBytes(direction, totalBytes), action));
      return this;
    }

    /** The plan. */
    public FaultSchedule build() {
      return new FaultSchedule("explicit", steps);
    }
  }
}
