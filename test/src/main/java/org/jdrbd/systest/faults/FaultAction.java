package org.jdrbd.systest.faults;

import java.util.function.Consumer;

/** A named change to a proxy's faults, the unit of a {@link FaultSchedule}. */
public record FaultAction(String description, Consumer<FaultProxy> effect) {

  /** Applies the action and logs it with what triggered it. */
  public void applyTo(FaultProxy proxy, String trigger) {
    proxy.log().add("action at " + trigger + ": " + description);
    effect.accept(proxy);
  }

  /** See {@link DirectionControl#blackhole()}. */
  public static FaultAction blackhole(Direction direction) {
    return new FaultAction("blackhole " + direction.shortName(),
        p -> p.direction(direction).blackhole());
  }

  /** See {@link DirectionControl#resume()}. */
  public static FaultAction resume(Direction direction) {
    return new FaultAction("resume " + direction.shortName(),
        p -> p.direction(direction).resume());
  }

  /** See {@link DirectionControl#pass()}. */
  public static FaultAction pass(Direction direction) {
    return new FaultAction("pass " + direction.shortName(), p -> p.direction(direction).pass());
  }

  /** See {@link DirectionControl#delay(DelayModel)}. */
  public static FaultAction delay(Direction direction, DelayModel model) {
    return new FaultAction("delay " + direction.shortName() + " " + model,
        p -> p.direction(direction).delay(model));
  }

  /** See {@link DirectionControl#byteFault(ByteFault)}. */
  public static FaultAction byteFault(Direction direction, ByteFault fault) {
    return new FaultAction("byte fault " + direction.shortName() + " " + fault,
        p -> p.direction(direction).byteFault(fault));
  }

  /** See {@link FaultProxy#dropConnections(CloseMode)}. */
  public static FaultAction drop(CloseMode mode) {
    return new FaultAction("drop connections with " + mode, p -> p.dropConnections(mode));
  }

  /** See {@link FaultProxy#partition()}. */
  public static FaultAction partition() {
    return new FaultAction("partition", FaultProxy::partition);
  }

  /** See {@link FaultProxy#partitionOneWay(Direction)}. */
  public static FaultAction partitionOneWay(Direction direction) {
    return new FaultAction("partition " + direction.shortName(),
        p -> p.partitionOneWay(direction));
  }

  /** See {@link FaultProxy#heal()}. */
  public static FaultAction heal() {
    return new FaultAction("heal", FaultProxy::heal);
  }

  @Override
  public String toString() {
    return description;
  }
}
