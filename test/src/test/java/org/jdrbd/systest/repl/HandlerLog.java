package org.jdrbd.systest.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The handler calls a node's usermode helper recorded, for the two-node system tests.
 *
 * <p>jdrbdd starts most handlers without waiting for them (as DRBD does for out-of-sync or
 * initial-split-brain), so a test that has just seen the event in the daemon log cannot read the
 * helper's record yet. It waits for the daemon's "response helper" line instead: the helper has
 * exited, so whatever it recorded is on disk.
 */
final class HandlerLog {
    private HandlerLog() {
    }

    /** Installs a helper that records "$1 $2 minor=… volume=… peer=…" and then runs {@code tail}. */
    static void install(Node n, String tail) throws Exception {
        Path script = n.dir.resolve("helper.sh");
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$1 $2 minor=$DRBD_MINOR volume=$DRBD_VOLUME peer=$DRBD_PEER_NODE_ID\" >> "
                + file(n) + "\n" + tail + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        n.daemonArgs.addAll(List.of("--usermode-helper", script.toString()));
    }

    /** The recorded calls as "HANDLER RESOURCE", in order. */
    static List<String> calls(Node n) throws Exception {
        List<String> out = new ArrayList<>();
        if (Files.exists(file(n))) {
            for (String l : Files.readAllLines(file(n))) {
                String[] w = l.split(" ");
                out.add(w[0] + " " + (w.length > 1 ? w[1] : ""));
            }
        }
        return out;
    }

    /** The full recorded lines (with the environment part), in order. */
    static List<String> lines(Node n) throws Exception {
        return Files.exists(file(n)) ? Files.readAllLines(file(n)) : List.of();
    }

    /**
     * Bounded wait until the daemon logged the end of every named handler (a "response helper"
     * line); returns the recorded calls then.
     */
    static List<String> awaitDone(Node n, String... handlers) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String log = n.logText();
            boolean all = true;
            for (String h : handlers) {
                all &= responded(log, h);
            }
            if (all) {
                return calls(n);
            }
            Thread.sleep(100); // poll interval of the bounded wait on the condition above
        }
        throw new AssertionError(n.name + ": handlers " + List.of(handlers) + " never finished; log:\n"
                + n.logText());
    }

    /** Bounded wait until the helper has recorded a call starting with {@code prefix}. */
    static void awaitCall(Node n, String prefix) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (lines(n).stream().anyMatch(l -> l.startsWith(prefix))) {
                return;
            }
            Thread.sleep(100); // poll interval of the bounded wait on the condition above
        }
        throw new AssertionError(n.name + ": handler '" + prefix + "' never ran; log:\n" + n.logText());
    }

    /** Whether the daemon log called {@code handler} at all (started, finished or not). */
    static boolean called(Node n, String handler) throws Exception {
        for (String l : n.logText().split("\n")) {
            if (l.contains("call helper ") && (l.endsWith(" helper:" + handler) || l.contains(" helper:" + handler + " "))) {
                return true;
            }
        }
        return false;
    }

    private static boolean responded(String log, String handler) {
        for (String l : log.split("\n")) {
            if (l.contains("response helper ") && l.contains(" helper:" + handler + " status:")) {
                return true;
            }
        }
        return false;
    }

    private static Path file(Node n) {
        return n.dir.resolve("handlers.log");
    }
}
