package org.jdrbd.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: records are put into and removed from the persisted registry, which is closed and
 * opened again from its file.
 * Expectation: the reopened registry holds exactly what was left in it.
 * Why: re-adoption after a crash reads nothing else; the file must be the whole truth.
 */
class ChronicleRegistryTest {
    @TempDir
    Path dir;

    @Test
    void recordsSurviveReopening() throws Exception {
        ResourceRecord r0 = new ResourceRecord("r0", 0, 1, List.of(
                new ResourceRecord.VolumeRecord(0, 0, "/d/r0", "/d/r0", "internal")));
        ResourceRecord r1 = new ResourceRecord("r1", 0, -1, List.of());
        try (ChronicleRegistry reg = ChronicleRegistry.openBlocking(dir)) {
            reg.put(r0);
            reg.put(r1);
            reg.put(new ResourceRecord("gone", 0, -1, List.of()));
            reg.remove("gone");
        }
        try (ChronicleRegistry reg = ChronicleRegistry.openBlocking(dir)) {
            assertThat(reg.resources()).containsExactlyInAnyOrder(r0, r1);
        }
    }
}
