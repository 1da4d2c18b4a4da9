package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/*
 * Scenario: scan every source file of statemachine/src/main for IO, network, thread and clock use.
 * Expectation: none found (STYLE.md rule 1: the state machine is pure; time arrives as ticks).
 * Why: the simulator's determinism and the exhaustive tests depend on it; the rule must hold by
 * itself, not by review. The detector is checked against known-bad lines so it cannot rot.
 */
class BannedImportsTest {

    private static final Pattern BANNED = Pattern.compile(String.join("|",
            "import\\s+(static\\s+)?java\\.io\\.(File|RandomAccessFile|FileInputStream|FileOutputStream"
                    + "|FileReader|FileWriter)\\b",
            "import\\s+(static\\s+)?java\\.nio\\.file\\.",
            "import\\s+(static\\s+)?java\\.nio\\.channels\\.",
            "import\\s+(static\\s+)?java\\.net\\.",
            "import\\s+(static\\s+)?io\\.vertx\\.",
            "import\\s+(static\\s+)?java\\.util\\.concurrent\\.(Executor|Executors|ExecutorService"
                    + "|ScheduledExecutorService|CompletableFuture|ForkJoinPool)\\b",
            "\\bnew\\s+Thread\\s*\\(",
            "\\bThread\\.(sleep|ofVirtual|ofPlatform|startVirtualThread)\\b",
            "\\bextends\\s+Thread\\b",
            "System\\.(currentTimeMillis|nanoTime)\\s*\\(",
            "\\b(Instant|LocalDateTime|ZonedDateTime|OffsetDateTime|Clock)\\.now\\s*\\(",
            "\\bjava\\.io\\.File\\b",
            "\\bjava\\.net\\.\\w"));

    private static final Path MAIN = Path.of("src/main/java");

    @Test
    void statemachineMainHasNoIoThreadsOrClock() throws IOException {
        assertTrue(Files.isDirectory(MAIN), "run from the statemachine module directory");
        List<String> offences = new ArrayList<>();
        int scanned = 0;
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                scanned++;
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    if (BANNED.matcher(lines.get(i)).find()) {
                        offences.add(f + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(scanned > 5, "expected to scan the module's sources, scanned " + scanned);
        assertEquals(List.of(), offences, "banned IO/thread/clock use in statemachine");
    }

    @Test
    void detectorCatchesEveryBannedForm() {
        List<String> bad = List.of(
                "import java.io.File;",
                "import java.io.RandomAccessFile;",
                "import java.nio.file.Files;",
                "import java.nio.channels.FileChannel;",
                "import java.net.Socket;",
                "import io.vertx.core.Vertx;",
                "import java.util.concurrent.Executors;",
                "new Thread(() -> {});",
                "Thread.sleep(10);",
                "class T extends Thread {}",
                "long t = System.currentTimeMillis();",
                "long t = System.nanoTime();",
                "var n = Instant.now();",
                "java.io.File f = null;");
        for (String line : bad) {
            assertTrue(BANNED.matcher(line).find(), "not caught: " + line);
        }
        List<String> fine = List.of(
                "import java.util.List;",
                "import java.util.random.RandomGenerator;",
                "import java.util.Objects;");
        for (String line : fine) {
            assertTrue(!BANNED.matcher(line).find(), "false alarm: " + line);
        }
    }
}
