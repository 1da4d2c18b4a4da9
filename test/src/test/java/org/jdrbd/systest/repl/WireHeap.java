package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a jdrbdd process, read with the JDK's jcmd: a full GC first, then the used
 * heap, so only memory the daemon still holds on to counts (a buffer that grows with what a
 * peer sends shows up here; garbage does not).
 */
final class WireHeap {
    private static final Pattern USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    private WireHeap() {
    }

    static long liveHeapBytes(Node n) throws Exception {
        jcmd(n, "GC.run");
        String info = jcmd(n, "GC.heap_info");
        Matcher m = USED.matcher(info);
        assertThat(m.find()).as("jcmd GC.heap_info output:\n" + info).isTrue();
        return Long.parseLong(m.group(1)) * 1024;
    }

    private static String jcmd(Node n, String command) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        Process p = new ProcessBuilder(jcmd, Long.toString(n.process.pid()), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcmd " + command + " finished").isTrue();
        assertThat(p.exitValue()).as("jcmd " + command + ":\n" + out).isZero();
        return out;
    }
}
