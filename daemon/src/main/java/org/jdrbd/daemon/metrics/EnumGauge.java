package org.jdrbd.daemon.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A state as Prometheus likes it (drbd-reactor's "enums" style): one series per possible value,
 * labelled with the value's DRBD name, 1 for the current value and 0 for every other, so an alert
 * rule names the state it means ({@code drbd_disk_state="UpToDate"}) instead of a number.
 *
 * @param <E> the state enum
 */
final class EnumGauge<E extends Enum<E>> {
    private final List<Gauge> gauges = new ArrayList<>();
    private volatile E current;

    EnumGauge(MeterRegistry registry, String name, String description, Tags tags, String label,
            Class<E> type, Function<E, String> displayName, E initial) {
        current = initial;
        for (E value : type.getEnumConstants()) {
            gauges.add(Gauge.builder(name, this, g -> g.current == value ? 1 : 0)
                    .tags(tags.and(label, displayName.apply(value)))
                    .description(description).register(registry));
        }
    }

    void set(E value) {
        current = value;
    }

    void remove(MeterRegistry registry) {
        gauges.forEach(registry::remove);
    }
}
