package org.jdrbd.daemon.engine;

import io.vertx.core.Future;
import io.vertx.core.Context;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel block devices of this daemon's volumes (kernel nbd): attached when a volume becomes
 * Primary, detached before it becomes Secondary and when its resource goes down. Without the nbd
 * module (or nbd-client) nothing is attached, the NBD export stays available as always, and the
 * status says why. An attach that fails never fails the promotion: the export is the device,
 * the kernel device a convenience in front of it.
 *
 * <p>Per minor, calls come from the owning resource's context one at a time (admin operations
 * are serialized there); the blocking parts run on Vert.x worker threads.
 */
public final class KernelDevices {
    private final KernelDevice device;
    private final NbdModuleDetector detector;
    private final NbdEndpoint endpoint;
    private final Map<Integer, Path> configured = new ConcurrentHashMap<>();
    private final Map<Integer, KernelDeviceStatus> states = new ConcurrentHashMap<>();

    /**
     * @param device       attaches and detaches (nbd-client, or a fake)
     * @param detector     whether the host can attach, and whether a device is in use
     * @param endpoint     where the kernel's nbd client reaches this daemon's exports
     */
    public KernelDevices(KernelDevice device, NbdModuleDetector detector, NbdEndpoint endpoint) {
        this.device = device;
        this.detector = detector;
        this.endpoint = endpoint;
    }

    /** The real host: nbd-client on the PATH, /sys and /dev as they are. */
    public static KernelDevices system(NbdEndpoint endpoint) {
        return new KernelDevices(NbdClientDevice.system(), NbdModuleDetector.system(), endpoint);
    }

    /** Minor {@code minor} is to appear as {@code path} (the config's {@code device /dev/nbdN}). */
    public void configure(int minor, Path path) {
        configured.put(minor, path);
        states.putIfAbsent(minor, new KernelDeviceStatus(KernelDeviceStatus.State.DETACHED, path, ""));
    }

    /** Where minor {@code minor}'s kernel device stands. */
    public KernelDeviceStatus status(int minor) {
        return states.getOrDefault(minor, KernelDeviceStatus.none());
    }

    /** Status' line for minor {@code minor} exported as {@code export}. */
    public String describe(int minor, String export) {
        return status(minor).describe(endpoint, export);
    }

    /** After a successful promotion: attach (blocking). Never throws; the result says what. */
    public KernelDeviceStatus promotedBlocking(int minor, String export) {
        Path path = configured.get(minor);
        if (path == null) {
            return KernelDeviceStatus.none();
        }
        if (status(minor).attached()) {
            return status(minor);
        }
        Optional<String> missing = detector.unavailableReason();
        KernelDeviceStatus s;
        if (missing.isPresent()) {
            s = new KernelDeviceStatus(KernelDeviceStatus.State.UNAVAILABLE, path, missing.get());
        } else {
            KernelDevice.Outcome o = device.attachBlocking(endpoint, export, path);
            s = o.ok() ? new KernelDeviceStatus(KernelDeviceStatus.State.ATTACHED, path, "")
                    : new KernelDeviceStatus(KernelDeviceStatus.State.FAILED, path, o.detail());
        }
        states.put(minor, s);
        return s;
    }

    /**
     * Why minor {@code minor} must not be demoted now (its kernel device is mounted or held);
     * empty when it may (blocking: reads /proc and /sys).
     */
    public Optional<String> inUseBlocking(int minor) {
        KernelDeviceStatus s = status(minor);
        return s.attached() ? detector.inUseReason(s.device()) : Optional.empty();
    }

    /**
     * Before a demotion: detach (blocking). A failed detach is reported, not fatal: after the
     * demotion the export refuses writes anyway.
     */
    public KernelDeviceStatus demotingBlocking(int minor) {
        KernelDeviceStatus s = status(minor);
        if (s.state() == KernelDeviceStatus.State.NONE) {
            return s;
        }
        KernelDeviceStatus next;
        if (s.attached()) {
            KernelDevice.Outcome o = device.detachBlocking(s.device());
            next = o.ok() ? new KernelDeviceStatus(KernelDeviceStatus.State.DETACHED, s.device(), "")
                    : new KernelDeviceStatus(KernelDeviceStatus.State.FAILED, s.device(),
                            "detach: " + o.detail());
        } else {
            next = new KernelDeviceStatus(KernelDeviceStatus.State.DETACHED, s.device(), "");
        }
        states.put(minor, next);
        return next;
    }

    /** {@code down}/{@code del-minor}: detaches if still attached, then forgets the minor. */
    public KernelDeviceStatus forgetBlocking(int minor) {
        KernelDeviceStatus s = demotingBlocking(minor);
        configured.remove(minor);
        states.remove(minor);
        return s;
    }

    /** {@link #promotedBlocking} on a worker thread; completes on {@code context}. */
    public Future<KernelDeviceStatus> promoted(Context context, int minor, String export) {
        return context.executeBlocking(() -> promotedBlocking(minor, export), false);
    }

    /** {@link #inUseBlocking} on a worker thread; completes on {@code context}. */
    public Future<Optional<String>> inUse(Context context, int minor) {
        return context.executeBlocking(() -> inUseBlocking(minor), false);
    }

    /** {@link #demotingBlocking} on a worker thread; completes on {@code context}. */
    public Future<KernelDeviceStatus> demoting(Context context, int minor) {
        return context.executeBlocking(() -> demotingBlocking(minor), false);
    }

    /** {@link #forgetBlocking} on a worker thread; completes on {@code context}. */
    public Future<KernelDeviceStatus> forget(Context context, int minor) {
        return context.executeBlocking(() -> forgetBlocking(minor), false);
    }
}
