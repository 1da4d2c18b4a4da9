package org.jdrbd.systest;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A started process whose combined output is copied to a log file and offered line by line, so
 * tests wait for what the process says instead of sleeping.
 */
abstract class LoggedProcess {
    final Process process;
    final Path log;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();

    LoggedProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread pump = new Thread(this::pump, "jdrbdd-log");
        pump.setDaemon(true);
        pump.start();
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
                Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line + "\n");
                out.flush();
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away; what it said is in the log file.
        }
        lines.add("<exit>");
    }

    /** Waits until the process logs a line containing {@code text}. */
    void awaitLine(String text) throws Exception {
        while (true) {
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null || line.equals("<exit>")) {
                fail("jdrbdd did not log '" + text + "':\n" + Files.readString(log));
            }
            if (line.contains(text)) {
                return;
            }
        }
    }
}
