package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.daemon.log.LogCapture;
import org.jdrbd.daemon.log.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a real engine takes one volume through its life (new-resource, new-minor, attach,
 * primary --force, secondary, down) while the engine's log is captured through the daemon's own
 * text and JSON configurations.
 * Expectation: there is one line per state change ("role( Secondary -> Primary )" ...), and every
 * one of them names resource r0 and volume 0: "[r0/0]" in text, "resource":"r0","volume":0 in
 * JSON; the two formats carry the same state-change messages.
 * Why: an operator (or a log shipper's query) follows a volume's history by its name; a state
 * change logged without it is lost for that.
 */
class StateChangeLogTest {
    private static final Pattern STATE_CHANGE = Pattern.compile("\\w+\\( \\S+ -> \\S+ \\)");

    @TempDir
    Path dir;

    @Test
    void everyStateChangeLineNamesResourceAndVolume() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 8L << 20, 1);
        try (LogCapture text = new LogCapture(LogFormat.TEXT, "org.jdrbd.daemon.engine", Level.INFO);
                LogCapture json = new LogCapture(LogFormat.JSON, "org.jdrbd.daemon.engine", Level.INFO);
                DaemonTestBed bed = new DaemonTestBed(dir)) {
            bed.ok(bed.admin().newResource("r0", 0));
            bed.ok(bed.admin().newMinor("r0", 4, 0));
            bed.ok(bed.admin().attach(AttachRequest.internal(4, disk)));
            bed.ok(bed.admin().primary("r0", true));
            bed.ok(bed.admin().secondary("r0"));
            bed.ok(bed.admin().down("r0"));

            List<String> textChanges = text.lines().stream()
                    .filter(l -> STATE_CHANGE.matcher(l).find()).toList();
            List<JsonObject> jsonChanges = json.lines().stream().map(JsonObject::new)
                    .filter(o -> STATE_CHANGE.matcher(o.getString("message")).find()).toList();

            assertThat(textChanges).anyMatch(l -> l.contains("role( Secondary -> Primary )"))
                    .anyMatch(l -> l.contains("role( Primary -> Secondary )"))
                    .anyMatch(l -> l.contains("disk( "));
            assertThat(textChanges).allSatisfy(l -> assertThat(l).contains("[r0/0]"));
            assertThat(jsonChanges).hasSameSizeAs(textChanges).allSatisfy(o -> {
                assertThat(o.getString("resource")).isEqualTo("r0");
                assertThat(o.getValue("volume")).isEqualTo(0);
            });
            assertThat(jsonChanges.stream().map(o -> o.getString("message")).toList())
                    .allSatisfy(m -> assertThat(textChanges).anyMatch(l -> l.endsWith(": " + m)));
        }
    }
}
