package org.jdrbd.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Test helper: the encoder a real logging configuration file sets up (read into a private Logback
 * context), fed by one logger of the process-wide context, its bytes kept in memory. Close puts
 * the logger back as it was.
 */
public final class LogCapture implements AutoCloseable {
    private final LoggerContext fileContext = new LoggerContext();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    private final Logger logger;
    private final Level oldLevel;
    private final boolean oldAdditive;

    /** Captures {@code loggerName} at {@code level} and above, encoded as {@code format} does. */
    public LogCapture(LogFormat format, String loggerName, Level level) {
        assertThat(LogSetup.configure(fileContext, format)).isNull();
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        appender.setContext(global);
        appender.setEncoder(encoderOf(fileContext));
        appender.setOutputStream(bytes);
        appender.setName("capture");
        appender.start();
        logger = global.getLogger(loggerName);
        oldLevel = logger.getLevel();
        oldAdditive = logger.isAdditive();
        logger.setLevel(level);
        logger.setAdditive(false);
        logger.addAppender(appender);
    }

    /** The encoder of the appender on the root logger of a configured context. */
    static Encoder<ILoggingEvent> encoderOf(LoggerContext context) {
        Appender<ILoggingEvent> a = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(a).as("STDERR appender").isInstanceOf(OutputStreamAppender.class);
        return ((OutputStreamAppender<ILoggingEvent>) a).getEncoder();
    }

    public org.slf4j.Logger logger() {
        return logger;
    }

    /** Everything written so far, as lines (the last line's terminator dropped). */
    public List<String> lines() {
        String text = text();
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\n", -1));
    }

    /** Everything written so far. */
    public String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(oldLevel);
        logger.setAdditive(oldAdditive);
        appender.stop();
        fileContext.stop();
    }
}
