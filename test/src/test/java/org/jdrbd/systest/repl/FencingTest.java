package org.jdrbd.systest.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: two jdrbdd processes (127.0.0.22 = a, 127.0.0.23 = b) with fencing configured, a
 * Primary and both UpToDate; then b's daemon is killed (kill -9), so a loses its peer. Both run
 * handlers through a recording usermode helper whose fence-peer answer (exit code) and release
 * (a gate file) the test controls.
 * Expectation: a calls fence-peer once with DRBD's environment (peer node id, connection state);
 * the exit code changes the peer's or a's own disk as DRBD's table says (3 Inconsistent,
 * 4/5/7 Outdated, 1 = broken: nothing changes; 6 asks a to outdate itself, which a Primary
 * refuses, and which makes a Secondary that wanted to be promoted Outdated). With resource-and-stonith,
 * a's IO is frozen (suspended:fencing, a write through NBD does not complete) until the handler
 * answers 7, then thawed with the peer Outdated and the write completes. A Secondary promoted
 * while its peer is gone runs fence-peer first and is promoted only if the peer was fenced.
 * Why: fencing is what keeps a cut-off node from serving stale data (issue 7).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FencingTest extends TwoNodeTest {
    private static final long DISK_BYTES = 16L << 20;

    @ParameterizedTest(name = "fence-peer exit {0}: peer-disk {1}, own disk {2}")
    @CsvSource({
        "3, Inconsistent, UpToDate",
        "4, Outdated, UpToDate",
        "5, Outdated, UpToDate",
        "6, DUnknown, UpToDate",
        "7, Outdated, UpToDate",
        "1, DUnknown, UpToDate"})
    void exitCodeDecidesAfterThePeerIsLost(int code, String peerDisk, String ownDisk) throws Exception {
        pair("resource-only");
        Files.writeString(a.dir.resolve("fence-code"), code + "\n");
        b.close();
        b = null;
        HandlerLog.awaitCall(a, "fence-peer r0");
        String ev = a.awaitEvents(30, "peer-disk:" + peerDisk, "disk:" + ownDisk);
        assertThat(ev).contains("peer-disk:" + peerDisk);
        List<String> calls = Files.readAllLines(a.dir.resolve("handlers.log"));
        assertThat(calls).filteredOn(l -> l.startsWith("fence-peer r0")).hasSize(1)
                .allMatch(l -> l.contains("peer=1"));
        if (code == 1) {
            assertThat(a.logText()).contains("fence-peer helper broken, returned 1");
        }
    }

    @Test
    void stonithFreezesIoUntilTheHandlerAnswers() throws Exception {
        pair("resource-and-stonith");
        Files.writeString(a.dir.resolve("fence-code"), "7\n");
        Path gate = Files.createFile(a.dir.resolve("gate.closed"));
        b.close();
        b = null;
        a.awaitStatus(60, "suspended:fencing");
        HandlerLog.awaitCall(a, "fence-peer r0");
        Path data = a.dir.resolve("block.bin");
        Files.write(data, new byte[4096]);
        Process write = new ProcessBuilder("nbdcopy", data.toString(), a.nbdUri())
                .redirectErrorStream(true).redirectOutput(a.dir.resolve("nbdcopy.log").toFile()).start();
        // The write is held while the handler runs: still running once the status still says so.
        assertThat(a.awaitStatus(10, "suspended:fencing")).contains("suspended:fencing");
        assertThat(write.isAlive()).as("a write while IO is frozen").isTrue();
        Files.delete(gate);
        assertThat(write.waitFor(60, TimeUnit.SECONDS)).as("write completes after the thaw").isTrue();
        assertThat(write.exitValue()).isZero();
        assertThat(a.ok("status", "r0")).doesNotContain("suspended");
        a.awaitEvents(30, "peer-disk:Outdated");
    }

    @ParameterizedTest(name = "promotion with fence-peer exit {0} succeeds: {1}")
    @CsvSource({"4, true", "1, false", "6, false"})
    void promotingWithoutPeerRunsFencePeerFirst(int code, boolean promoted) throws Exception {
        pair("resource-only");
        a.ok("secondary", "r0");
        b.awaitStatus(30, "peer-disk:UpToDate", "role:Secondary");
        Files.writeString(b.dir.resolve("fence-code"), code + "\n");
        a.close();
        a = null;
        b.awaitStatus(30, "connection:Connecting");
        Node.Result r = b.run("primary", "r0");
        assertThat(Files.readAllLines(b.dir.resolve("handlers.log"))).contains("fence-peer r0 peer=0");
        if (promoted) {
            assertThat(r.exitCode()).as(r.output()).isZero();
            b.awaitStatus(10, "role:Primary");
        } else {
            assertThat(r.exitCode()).as(r.output()).isNotZero();
            assertThat(b.ok("status", "r0")).contains("role:Secondary")
                    .contains(code == 6 ? "disk:Outdated" : "disk:UpToDate");
        }
    }

    private void pair(String fencing) throws Exception {
        a = node("a", 0, "127.0.0.22");
        b = node("b", 1, "127.0.0.23");
        a.start();
        b.start();
        a.up(b, "--fencing=" + fencing);
        b.up(a, "--fencing=" + fencing);
        a.awaitStatus(60, "peer-disk:Inconsistent", "replication:Established");
        a.ok("primary", "r0", "--force");
        a.awaitStatus(120, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
        b.awaitStatus(60, "disk:UpToDate", "peer-disk:UpToDate", "replication:Established");
    }

    private Node node(String name, int id, String address) throws Exception {
        Node n = new Node(dir, name, id, address, DISK_BYTES);
        Path script = n.dir.resolve("helper.sh");
        Path home = n.dir;
        // The handler polls its gate file: the test opens it by deleting the file.
        Files.writeString(script, "#!/bin/sh\n"
                + "echo \"$1 $2 peer=$DRBD_PEER_NODE_ID\" >> " + home.resolve("handlers.log") + "\n"
                + "echo \"$1 $2 cstate=$DRBD_CSTATE\" >> " + home.resolve("handlers.env") + "\n"
                + "if [ \"$1\" = fence-peer ]; then\n"
                + "  while [ -e " + home.resolve("gate.closed") + " ]; do sleep 0.1; done\n"
                + "  exit $(cat " + home.resolve("fence-code") + ")\n"
                + "fi\n"
                + "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        n.daemonArgs.addAll(List.of("--usermode-helper", script.toString()));
        return n;
    }

}
