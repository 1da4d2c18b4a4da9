package org.jdrbd.daemon.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Scenario: resource records with awkward names and paths, with and without peer settings, are
 * encoded to the registry's text and decoded again; damaged texts and version 1 texts are decoded.
 * Expectation: every record survives the round trip unchanged; damaged or foreign texts decode to
 * "nothing" instead of a wrong record or an exception.
 * Why: the registry is read after a crash; a record that comes back different would attach the
 * wrong disk, and one that throws would stop re-adoption of every other resource.
 */
class ResourceRecordTest {

    static Stream<ResourceRecord> records() {
        return Stream.of(
                new ResourceRecord("r0", 0, -1, List.of()),
                new ResourceRecord("r0", 1, 0, List.of(
                        new ResourceRecord.VolumeRecord(0, 0, "/dev/vg/r0", "/dev/vg/r0", "internal"))),
                new ResourceRecord("with space,comma%", 31, 2, List.of(
                        new ResourceRecord.VolumeRecord(0, 7, null, null, null),
                        new ResourceRecord.VolumeRecord(1, 8, "/tmp/a b/c,d%20.img", "/tmp/md 1",
                                "flex-external"))),
                new ResourceRecord("ünïcødé", 3, -1, List.of(
                        new ResourceRecord.VolumeRecord(65534, 1048575, "/x", "/y", "internal"))),
                new ResourceRecord("r1", 0, 1, new ResourceRecord.PeerRecord("AAEC+/==", "ipv4:127.0.0.2:7789",
                        "ipv4:127.0.0.3:7789", true), List.of(
                        new ResourceRecord.VolumeRecord(0, 0, "/d", "/d", "internal"))),
                new ResourceRecord("r2", 0, 1, new ResourceRecord.PeerRecord(null, null, null, false),
                        List.of()));
    }

    @ParameterizedTest
    @MethodSource("records")
    void roundTrips(ResourceRecord record) {
        String text = record.encode();
        assertThat(text).doesNotContain("\n");
        assertThat(ResourceRecord.decode(text)).contains(record);
    }

    @org.junit.jupiter.api.Test
    void versionOneRecordsStillDecodeWithoutPeerSettings() {
        assertThat(ResourceRecord.decode("v1 r0 1 0 0,0,%2Fd,%2Fd,internal")).contains(new ResourceRecord("r0", 1, 0,
                List.of(new ResourceRecord.VolumeRecord(0, 0, "/d", "/d", "internal"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "v1 r0 0", "v2 r0 0 -1", "v2 r0 0 1 a,b,c", "v2 r0 0 1 a,b,c,2",
        "v3 r0 0 -1 -", "v1 r0 x -1", "v1 r0 0 -1 0,0,a,b",
        "v1 r0 0 -1 0,0,a,b,c,d", "v1 r0 0 -1 x,0,-,-,-", "garbage"})
    void damagedTextsDecodeToNothing(String text) {
        assertThat(ResourceRecord.decode(text)).isEmpty();
    }
}
