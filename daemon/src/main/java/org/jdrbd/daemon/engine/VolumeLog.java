package org.jdrbd.daemon.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logging for one volume: every line carries the resource and volume in the MDC (the pattern in
 * logback.xml prints them), whatever thread logs it.
 */
final class VolumeLog {
    private static final Logger LOG = LoggerFactory.getLogger("org.jdrbd.daemon.engine");

    private final String resource;
    private final String volume;

    VolumeLog(String resource, int volume) {
        this.resource = resource;
        this.volume = volume < 0 ? "-" : Integer.toString(volume);
    }

    void info(String format, Object... args) {
        with(() -> LOG.info(format, args));
    }

    void warn(String format, Object... args) {
        with(() -> LOG.warn(format, args));
    }

    void error(String format, Object... args) {
        with(() -> LOG.error(format, args));
    }

    void debug(String format, Object... args) {
        if (LOG.isDebugEnabled()) {
            with(() -> LOG.debug(format, args));
        }
    }

    private void with(Runnable log) {
        MDC.put("resource", resource);
        MDC.put("volume", volume);
        try {
            log.run();
        } finally {
            MDC.remove("resource");
            MDC.remove("volume");
        }
    }
}
