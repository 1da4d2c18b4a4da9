package org.jdrbd.handlers;

// Scenario: notify.sh called for split-brain / pri-lost with a file target, with syslog (fake
// logger) and with mail recipients (fake mail), and through a notify-EVENT.sh link.
// Expectation: one line naming event, resource, volume, minor and peer goes to the chosen sink;
// each recipient gets a mail; exit code is always 0, even when a sink fails.
// Why: DRBD ignores these exit codes, and an administrator must learn of a split brain.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyScriptTest {
    @TempDir
    Path tmp;
    ScriptHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = new ScriptHarness(tmp);
        h.fake("logger", "exit 0").fake("mail", "cat > /dev/null; exit ${MAIL_EXIT:-0}").fake("uname", "echo alpha");
        h.env("DRBD_RESOURCE", "r0").env("DRBD_VOLUME", "0").env("DRBD_MINOR", "10")
                .env("DRBD_PEER_NODE_ID", "1").env("DRBD_NODE_ID_1", "beta");
    }

    @Test
    void writesToTheConfiguredFile() throws Exception {
        Path file = tmp.resolve("notes");
        h.env("JDRBD_NOTIFY_FILE", file.toString());
        assertEquals(0, h.run("notify.sh", "split-brain").exitCode());
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).endsWith(" DRBD split-brain: resource r0 volume 0 minor 10 peer beta on alpha"),
                lines.get(0));
        assertEquals(List.of("uname [-n]"), h.calls());
    }

    @Test
    void logsToSyslogAndMailsEachRecipient() throws Exception {
        assertEquals(0, h.run("notify.sh", "pri-lost", "root", "-m", "ops@example.org").exitCode());
        assertEquals(List.of("uname [-n]",
                "logger [-t] [jdrbd-notify] [-p] [daemon.warning] [--] [DRBD pri-lost: resource r0 volume 0 minor 10"
                        + " peer beta on alpha]",
                "uname [-n]", "mail [-s] [DRBD pri-lost: r0 on alpha] [root]",
                "uname [-n]", "mail [-s] [DRBD pri-lost: r0 on alpha] [ops@example.org]"), h.calls());
    }

    @Test
    void eventComesFromLinkNameAndFailuresStillExitZero() throws Exception {
        // A copy under the link name: $0 is all the script looks at.
        Path named = Files.copy(ScriptHarness.SCRIPTS.resolve("notify.sh"), tmp.resolve("notify-out-of-sync.sh"));
        h.fake("logger", "exit 1").env("MAIL_EXIT", "1").env("DRBD_RESOURCE", "");
        ProcessBuilder pb = new ProcessBuilder(named.toString(), "root");
        pb.environment().clear();
        pb.environment().putAll(h.env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor());
        assertTrue(out.contains("DRBD out-of-sync: resource ? volume 0"), out);
        assertTrue(out.contains("mail to root failed"), out);
    }
}
