package org.jdrbd.daemon.engine;

import java.nio.file.Path;

/**
 * Where a volume's kernel block device stands, for status and logs.
 *
 * @param state  attached or why not
 * @param device the configured device, null when none is configured
 * @param reason why it is not attached (empty when attached or not configured)
 */
public record KernelDeviceStatus(State state, Path device, String reason) {

    /** The kernel device states. */
    public enum State {
        /** No kernel device configured for this volume. */
        NONE,
        /** Configured; the volume is not Primary, so nothing is attached. */
        DETACHED,
        /** The kernel serves the device from the export. */
        ATTACHED,
        /** Primary, but the host cannot attach (no nbd module or no nbd-client). */
        UNAVAILABLE,
        /** Primary, the attach was tried and failed. */
        FAILED
    }

    static KernelDeviceStatus none() {
        return new KernelDeviceStatus(State.NONE, null, "");
    }

    /** Attached right now. */
    public boolean attached() {
        return state == State.ATTACHED;
    }

    /**
     * One line for status: {@code kernel-device:/dev/nbd0 attached}, or with the reason and where
     * the export still is when it is not attached.
     */
    public String describe(NbdEndpoint endpoint, String export) {
        return switch (state) {
            case NONE -> "kernel-device:none";
            case DETACHED -> "kernel-device:" + device + " detached";
            case ATTACHED -> "kernel-device:" + device + " attached";
            case UNAVAILABLE, FAILED -> "kernel-device:" + device + " not-attached (" + reason
                    + "); export available at " + endpoint.uri(export);
        };
    }
}
