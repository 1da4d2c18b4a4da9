package org.jdrbd.handlers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects one output stream of a running handler up to a limit. A reader thread fills it;
 * the runner may take a snapshot before the stream ends (a background grandchild can keep the
 * pipe open long after the handler exited, and the result must not wait for it).
 */
final class OutputSink {
    private final int limitBytes;
    private byte[] kept = new byte[0];
    private int keptLen;
    private long totalBytes;

    OutputSink(int limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** Reads {@code in} to its end. Blocking; runs on a handler pool thread. */
    void drainBlocking(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) >= 0;) {
            append(buf, n);
        }
    }

    synchronized void append(byte[] buf, int n) {
        totalBytes += n;
        int take = Math.min(limitBytes - keptLen, n);
        if (take <= 0) {
            return;
        }
        if (keptLen + take > kept.length) {
            int grown = Math.max(Math.max(kept.length * 2, 1024), keptLen + take);
            kept = Arrays.copyOf(kept, Math.min(limitBytes, grown));
        }
        System.arraycopy(buf, 0, kept, keptLen, take);
        keptLen += take;
    }

    synchronized CapturedOutput snapshot() {
        return new CapturedOutput(new String(kept, 0, keptLen, StandardCharsets.UTF_8), totalBytes,
                totalBytes > keptLen);
    }
}
