package org.jdrbd.daemon.log;

import org.slf4j.MDC;

/**
 * The MDC keys every daemon log line may carry, and the one way to set them around a log call,
 * so the text pattern and the JSON encoder find the same names whichever thread logs.
 */
public final class LogContext {
    /** The resource a line is about. */
    public static final String RESOURCE = "resource";
    /** The volume number a line is about. */
    public static final String VOLUME = "volume";
    /** The connection (peer) a line is about. */
    public static final String PEER = "peer";

    private LogContext() {
    }

    /**
     * Runs {@code log} with the given keys in the MDC (null leaves a key as it is), then puts back
     * what was there before, so a nested call does not wipe an outer one's context.
     */
    public static void run(String resource, String volume, String peer, Runnable log) {
        String oldResource = MDC.get(RESOURCE);
        String oldVolume = MDC.get(VOLUME);
        String oldPeer = MDC.get(PEER);
        put(RESOURCE, resource);
        put(VOLUME, volume);
        put(PEER, peer);
        try {
            log.run();
        } finally {
            restore(RESOURCE, oldResource);
            restore(VOLUME, oldVolume);
            restore(PEER, oldPeer);
        }
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, old);
        }
    }
}
