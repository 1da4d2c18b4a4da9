package org.jdrbd.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jdrbd.daemon.admin.AttachRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: a Primary volume takes 3 writes of 64 KiB in 2 extents and one read through NBD; the
 * Prometheus endpoint is scraped.
 * Expectation: drbd-reactor-style counters show exactly the bytes written and read and the two
 * AL transactions; the local write latency histogram has 3 observations.
 * Why: the metrics are how operators see the write path; wrong counts would mislead them.
 */
class MetricsTest {
    @TempDir
    Path dir;

    @Test
    void countsWritesReadsAndAlTransactions() throws Exception {
        Path disk = MetaDataFiles.create(dir.resolve("r0.img"), 32L << 20, 1);
        try (DaemonTestBed bed = new DaemonTestBed(dir)) {
            bed.ok(bed.admin().newResource("r0", 0));
            bed.ok(bed.admin().newMinor("r0", 4, 0));
            bed.ok(bed.admin().attach(AttachRequest.internal(4, disk)));
            bed.ok(bed.admin().primary("r0", true));
            QemuIo.Result r = QemuIo.run(dir, bed.unixUri("r0"), false, "write 0 64k",
                    "write 64k 64k", "write 4M 64k", "read 0 4k");
            assertThat(r.exitCode()).as(r.output()).isZero();

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + bed.daemon.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            String labels = "{minor=\"4\",name=\"r0\",volume=\"0\"}";
            assertThat(scrape.body())
                    .contains("drbd_device_written_bytes_total" + labels + " 196608.0")
                    .contains("drbd_device_read_bytes_total" + labels + " 4096.0")
                    .contains("drbd_device_al_writes_total" + labels + " 2.0")
                    .contains("drbd_device_local_write_seconds_count" + labels + " 3")
                    .contains("drbd_device_local_write_seconds_bucket");
        }
    }
}
