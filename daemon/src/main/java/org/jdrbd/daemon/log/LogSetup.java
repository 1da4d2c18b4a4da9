package org.jdrbd.daemon.log;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Chooses the daemon's log format at start-up. Logback configures itself from logback.xml the
 * first time anything logs; for another format the context is reset and configured again from
 * that format's file, so the choice holds whatever logged first.
 */
public final class LogSetup {
    private LogSetup() {
    }

    /**
     * Puts the process-wide Logback context into {@code format}; null when it worked, else why
     * not (Logback is not the SLF4J backend, or the configuration file is missing or broken).
     */
    public static String apply(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return "the logging backend is not Logback; --log-format ignored";
        }
        if (format == LogFormat.TEXT) {
            return null; // logback.xml is what Logback loaded by itself
        }
        return configure(context, format);
    }

    /** Resets {@code context} and configures it from {@code format}'s file; null or why not. */
    public static String configure(LoggerContext context, LogFormat format) {
        URL url = LogSetup.class.getClassLoader().getResource(format.configResource());
        if (url == null) {
            return "logging configuration " + format.configResource() + " not found";
        }
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
            return null;
        } catch (JoranException e) {
            return "logging configuration " + format.configResource() + ": " + e.getMessage();
        }
    }
}
