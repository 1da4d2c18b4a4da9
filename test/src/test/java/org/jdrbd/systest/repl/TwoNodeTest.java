package org.jdrbd.systest.repl;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the two-node system tests share: a temporary directory and the nodes a and b, both
 * stopped after each test (whichever a test started and did not stop itself).
 */
abstract class TwoNodeTest {
    @TempDir
    Path dir;
    Node a;
    Node b;

    @AfterEach
    void stopNodes() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }
}
