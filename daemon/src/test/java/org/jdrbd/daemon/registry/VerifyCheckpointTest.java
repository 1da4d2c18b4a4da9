package org.jdrbd.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: verify checkpoints are stored next to resource records in the persisted registry
 * and in the in-memory one, replaced, removed one by one and with their resource, and read back
 * after reopening; damaged texts are decoded.
 * Expectation: the reopened registry returns exactly the last checkpoint of each peer device;
 * resources() never sees a checkpoint; removing a resource takes its checkpoints with it but not
 * another resource's whose name starts the same; damaged texts decode to nothing.
 * Why: a verify interrupted by a restart resumes from this record (beyond DRBD), and re-adoption
 * must not trip over it.
 */
class VerifyCheckpointTest {
    @TempDir
    Path dir;

    @Test
    void checkpointsSurviveReopeningBesideResourceRecords() throws Exception {
        ResourceRecord r0 = new ResourceRecord("r0", 0, 1, List.of());
        VerifyCheckpoint a = new VerifyCheckpoint("r0", 1, 0, 4096, -1, false);
        VerifyCheckpoint b = new VerifyCheckpoint("r0", 1, 1, 800, 1600, true);
        VerifyCheckpoint other = new VerifyCheckpoint("r00", 1, 0, 8, -1, false);
        try (ChronicleRegistry reg = ChronicleRegistry.openBlocking(dir)) {
            reg.put(r0);
            reg.putVerifyCheckpoint(new VerifyCheckpoint("r0", 1, 0, 8, -1, false));
            reg.putVerifyCheckpoint(a);
            reg.putVerifyCheckpoint(b);
            reg.putVerifyCheckpoint(other);
            reg.putVerifyCheckpoint(new VerifyCheckpoint("r1", 1, 0, 8, -1, false));
            reg.removeVerifyCheckpoint("r1", 1, 0);
        }
        try (ChronicleRegistry reg = ChronicleRegistry.openBlocking(dir)) {
            assertThat(reg.resources()).containsExactly(r0);
            assertThat(reg.verifyCheckpoint("r0", 1, 0)).contains(a);
            assertThat(reg.verifyCheckpoint("r0", 1, 1)).contains(b);
            assertThat(reg.verifyCheckpoint("r1", 1, 0)).isEmpty();
            reg.remove("r0");
            assertThat(reg.verifyCheckpoint("r0", 1, 0)).isEmpty();
            assertThat(reg.verifyCheckpoint("r0", 1, 1)).isEmpty();
            assertThat(reg.verifyCheckpoint("r00", 1, 0)).contains(other);
        }
    }

    @Test
    void memoryRegistryKeepsTheSameContract() {
        MemoryRegistry reg = new MemoryRegistry();
        VerifyCheckpoint a = new VerifyCheckpoint("r0", 1, 0, 4096, -1, false);
        reg.put(new ResourceRecord("r0", 0, 1, List.of()));
        reg.putVerifyCheckpoint(a);
        reg.putVerifyCheckpoint(new VerifyCheckpoint("r00", 1, 0, 8, -1, false));
        assertThat(reg.verifyCheckpoint("r0", 1, 0)).contains(a);
        assertThat(reg.resources()).hasSize(1);
        reg.remove("r0");
        assertThat(reg.verifyCheckpoint("r0", 1, 0)).isEmpty();
        assertThat(reg.verifyCheckpoint("r00", 1, 0)).isPresent();
    }

    @Test
    void textRoundTripsAndDamageIsRejected() {
        VerifyCheckpoint c = new VerifyCheckpoint("r%20x", 3, 7, 123456, 99999, true);
        assertThat(VerifyCheckpoint.decode(c.key(), c.encode())).contains(c);
        assertThat(VerifyCheckpoint.isKey(c.key())).isTrue();
        assertThat(VerifyCheckpoint.isKey("r0")).isFalse();
        assertThat(VerifyCheckpoint.decode(c.key(), "ov1 12 x 0")).isEmpty();
        assertThat(VerifyCheckpoint.decode(c.key(), "ov9 12 -1 0")).isEmpty();
        assertThat(VerifyCheckpoint.decode(c.key(), "ov1 -5 -1 0")).isEmpty();
        assertThat(VerifyCheckpoint.decode("verify/r0/1", "ov1 12 -1 0")).isEmpty();
        assertThat(VerifyCheckpoint.decode("r0", "ov1 12 -1 0")).isEmpty();
    }
}
