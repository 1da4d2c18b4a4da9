package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdrbd.daemon.admin.AttachRequest;
import org.jdrbd.metadata.MdFlags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: fio's NBD engine writes 4 KiB blocks at random with 32 in flight, verifying every
 * block (crc32c), into a Primary volume whose AL holds only 7 extents, over TCP; then the volume
 * is demoted and detached.
 * Expectation: fio reports no error and no verify failure; no event loop is blocked; detach
 * leaves clean meta data whose peer bitmap covers at least every 4 KiB block fio wrote.
 * Why: many writes in flight across extents exercise AL waits, evictions and the hop between the
 * NBD connection and the resource's context under load.
 */
class FioVolumeTest {
    @TempDir
    Path dir;

    @Test
    void randomWritesVerifyThroughTheVolume() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 64L << 20, 1);
        MetaDataFiles.setAlExtents(disk, 7);
        try (DaemonTestBed bed = new DaemonTestBed(dir)) {
            bed.ok(bed.admin().newResource("r0", 0));
            bed.ok(bed.admin().newMinor("r0", 0, 0));
            bed.ok(bed.admin().newPeer("r0", 1));
            bed.ok(bed.admin().attach(AttachRequest.internal(0, disk)));
            bed.ok(bed.admin().primary("r0", true));
            String out = fio(bed.tcpUri("r0"));
            assertThat(out).contains("err= 0").doesNotContain("verify failed");
            bed.ok(bed.admin().secondary("r0"));
            bed.ok(bed.admin().detach(0));
        }
        assertThat(MetaDataFiles.superblock(disk).has(MdFlags.AL_CLEAN)).isTrue();
        assertThat(MetaDataFiles.bitsOnDisk(disk, 0)).isGreaterThanOrEqualTo(1000);
    }

    private String fio(String uri) throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/fio"))) {
            fail("fio is not installed: apt-get install fio");
        }
        Path log = dir.resolve("fio.log");
        Process p = new ProcessBuilder(List.of("fio", "--name=verify", "--ioengine=nbd",
                "--uri=" + uri, "--rw=randwrite", "--bs=4k", "--iodepth=32", "--size=48M",
                "--verify=crc32c", "--do_verify=1", "--verify_fatal=1", "--randseed=4321",
                "--fsync=64")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("fio did not finish");
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
