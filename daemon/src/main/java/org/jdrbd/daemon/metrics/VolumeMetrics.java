package org.jdrbd.daemon.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * One volume's meters, named after drbd-reactor's Prometheus exporter (drbd_device_*), labelled
 * with name (resource), volume and minor; local write latency as a histogram.
 */
public final class VolumeMetrics {
    private final Counter writtenBytes;
    private final Counter readBytes;
    private final Counter alWrites;
    private final Counter bmWrites;
    private final Timer localWrite;

    VolumeMetrics(MeterRegistry registry, String resource, int volume, int minor) {
        Tags tags = Tags.of("name", resource, "volume", Integer.toString(volume),
                "minor", Integer.toString(minor));
        writtenBytes = Counter.builder("drbd_device_written_bytes").tags(tags)
                .description("Bytes written to the local backing device").register(registry);
        readBytes = Counter.builder("drbd_device_read_bytes").tags(tags)
                .description("Bytes read from the local backing device").register(registry);
        alWrites = Counter.builder("drbd_device_al_writes").tags(tags)
                .description("Activity log transactions written").register(registry);
        bmWrites = Counter.builder("drbd_device_bm_writes").tags(tags)
                .description("Bitmap pages written").register(registry);
        localWrite = Timer.builder("drbd_device_local_write").tags(tags)
                .description("Latency of local writes (AL update included)")
                .publishPercentileHistogram().register(registry);
    }

    /** Meters that count nothing anywhere (a volume without a metrics registry). */
    public static VolumeMetrics noop() {
        return new VolumeMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                "-", 0, 0);
    }

    public void written(long bytes, long nanos) {
        writtenBytes.increment(bytes);
        localWrite.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void read(long bytes) {
        readBytes.increment(bytes);
    }

    public void alWrite() {
        alWrites.increment();
    }

    public void bmWrites(int pages) {
        bmWrites.increment(pages);
    }
}
