package org.jdrbd.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/*
 * Scenario: log lines go through the encoder logback-json.xml configures (jdrbdd
 * --log-format=json): with resource/volume/peer in the MDC (set by LogContext), without them,
 * with messages full of quotes, backslashes, newlines and control characters, and with an
 * exception; the same lines through logback.xml's text pattern.
 * Expectation: every event is exactly one line that the JSON library parses, with timestamp,
 * level, thread, logger, message (formatted, byte for byte the original), resource, volume (a
 * number) and peer; null where the line has no resource; the text format shows [resource/volume].
 * Why: log shippers split on newlines and drop what does not parse; one broken line loses an
 * event, and a line without its resource cannot be routed to the right volume's history.
 */
class JsonLogFormatTest {
    private static final String LOGGER = "org.jdrbd.test.json";

    @Test
    void jsonConfigurationUsesTheDaemonEncoder() {
        ch.qos.logback.classic.LoggerContext ctx = new ch.qos.logback.classic.LoggerContext();
        try {
            assertThat(LogSetup.configure(ctx, LogFormat.JSON)).isNull();
            assertThat(LogCapture.encoderOf(ctx)).isInstanceOf(DaemonJsonEncoder.class);
        } finally {
            ctx.stop();
        }
    }

    @Test
    void lineCarriesEveryFieldFromTheMdc() {
        try (LogCapture cap = new LogCapture(LogFormat.JSON, LOGGER, Level.INFO)) {
            long before = System.currentTimeMillis();
            LogContext.run("r0", "1", "peer-a", () -> cap.logger().info("disk( {} -> {} )",
                    "Inconsistent", "UpToDate"));
            List<String> lines = cap.lines();
            assertThat(lines).hasSize(1);
            JsonObject o = new JsonObject(lines.get(0));
            assertThat(o.getLong("timestamp")).isBetween(before, System.currentTimeMillis());
            assertThat(o.getString("level")).isEqualTo("INFO");
            assertThat(o.getString("thread")).isEqualTo(Thread.currentThread().getName());
            assertThat(o.getString("logger")).isEqualTo(LOGGER);
            assertThat(o.getString("message")).isEqualTo("disk( Inconsistent -> UpToDate )");
            assertThat(o.getString("resource")).isEqualTo("r0");
            assertThat(o.getValue("volume")).isEqualTo(1);
            assertThat(o.getString("peer")).isEqualTo("peer-a");
        }
    }

    @Test
    void withoutContextTheFieldsAreNull() {
        try (LogCapture cap = new LogCapture(LogFormat.JSON, LOGGER, Level.INFO)) {
            // VolumeLog writes "-" for a resource-level line: no volume.
            LogContext.run("r1", "-", null, () -> cap.logger().warn("resource down"));
            cap.logger().warn("jdrbdd started");
            List<String> lines = cap.lines();
            assertThat(lines).hasSize(2);
            JsonObject resourceLine = new JsonObject(lines.get(0));
            assertThat(resourceLine.getString("resource")).isEqualTo("r1");
            assertThat(resourceLine.containsKey("volume")).isTrue();
            assertThat(resourceLine.getValue("volume")).isNull();
            JsonObject daemonLine = new JsonObject(lines.get(1));
            for (String key : List.of("resource", "volume", "peer")) {
                assertThat(daemonLine.containsKey(key)).as(key).isTrue();
                assertThat(daemonLine.getValue(key)).as(key).isNull();
            }
        }
    }

    @Test
    void awkwardMessagesStayOneValidLine() {
        List<String> messages = List.of(
                "quote \" and backslash \\ and slash /",
                "two\nlines\r\nand a tab\t here",
                "control \u0001\u0007\u001f and NUL \u0000 end",
                "unicode \u00e9\u4e2d\ud83d\ude00 and {} braces",
                "{\"looks\":\"like json\"}\n}",
                "");
        try (LogCapture cap = new LogCapture(LogFormat.JSON, LOGGER, Level.INFO)) {
            for (String m : messages) {
                LogContext.run("res \"q\"\n", "0", null, () -> cap.logger().info("{}", m));
            }
            List<String> lines = cap.lines();
            assertThat(lines).hasSize(messages.size());
            for (int i = 0; i < messages.size(); i++) {
                JsonObject o = new JsonObject(lines.get(i));
                assertThat(o.getString("message")).isEqualTo(messages.get(i));
                assertThat(o.getString("resource")).isEqualTo("res \"q\"\n");
            }
        }
    }

    @Test
    void exceptionStaysInTheSameLine() {
        try (LogCapture cap = new LogCapture(LogFormat.JSON, LOGGER, Level.INFO)) {
            LogContext.run("r0", "0", null, () -> cap.logger().error("local IO failed",
                    new java.io.IOException("EIO on\n/dev/sdb")));
            List<String> lines = cap.lines();
            assertThat(lines).hasSize(1);
            JsonObject o = new JsonObject(lines.get(0));
            assertThat(o.getString("message")).isEqualTo("local IO failed");
            assertThat(o.getString("level")).isEqualTo("ERROR");
            assertThat(o.getJsonObject("throwable").getString("message")).isEqualTo("EIO on\n/dev/sdb");
            assertThat(o.getString("resource")).isEqualTo("r0");
        }
    }

    @Test
    void textFormatShowsResourceAndVolume() {
        try (LogCapture cap = new LogCapture(LogFormat.TEXT, LOGGER, Level.INFO)) {
            LogContext.run("r0", "2", null, () -> cap.logger().info("role( Secondary -> Primary )"));
            cap.logger().info("no context");
            List<String> lines = cap.lines();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).contains("INFO ").contains("[r0/2]")
                    .endsWith(": role( Secondary -> Primary )");
            assertThat(lines.get(1)).contains("[-/-]");
        }
    }

    @Test
    void nestedContextIsRestored() {
        try (LogCapture cap = new LogCapture(LogFormat.JSON, LOGGER, Level.INFO)) {
            LogContext.run("outer", "0", null, () -> {
                LogContext.run("inner", "1", "p", () -> cap.logger().info("inner"));
                cap.logger().info("outer again");
            });
            cap.logger().info("none");
            List<String> lines = cap.lines();
            assertThat(new JsonObject(lines.get(0)).getString("resource")).isEqualTo("inner");
            JsonObject outer = new JsonObject(lines.get(1));
            assertThat(outer.getString("resource")).isEqualTo("outer");
            assertThat(outer.getValue("volume")).isEqualTo(0);
            assertThat(outer.getValue("peer")).isNull();
            assertThat(new JsonObject(lines.get(2)).getValue("resource")).isNull();
        }
    }
}
