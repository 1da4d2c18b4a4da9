package org.jdrbd.systest.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: the promotion-score table for states one jdrbd node cannot produce yet (peers
 * connected, unknown, Primary; diskless clients; quorum lost; several volumes). drbdsetup is a
 * fake that prints a canned `events2 --now` listing; each row runs a recurring monitor of
 * ocf:jdrbd:drbd and, when drbd-utils is installed, of ocf:linbit:drbd on the same listing.
 * Expectation: the exit code and crm_master call of each row, and the linbit agent making the
 * very same call (a differential check of "scores exactly as the linbit agent computes them").
 * Why: Pacemaker's choice of Primary after a failure depends only on these scores.
 */
class MasterScoreTableTest {
    private static final Path LINBIT = Path.of("/usr/lib/ocf/resource.d/linbit/drbd");
    private static final String KERNEL_CHECKS = "() { if [ \"$1\" = -f ] && [ \"$2\" = /proc/drbd ]; then return 0;"
            + " elif [ \"$1\" = -b ] && [ \"${2#/dev/drbd}\" != \"$2\" ]; then return 0;"
            + " else builtin test \"$@\"; fi\n}";

    @TempDir
    Path dir;

    record Row(String name, String events2, int exitCode, String crmCall, String... vars) {}

    private static String res(String role) {
        return "exists resource name:r0 role:" + role + " suspended:no force-io-failures:no\n";
    }

    private static String conn(String cstate, String peerRole) {
        return "exists connection name:r0 peer-node-id:1 conn-name:peer-b connection:" + cstate + " role:" + peerRole + "\n";
    }

    private static String dev(int vol, String disk, String client, String quorum) {
        return "exists device name:r0 volume:" + vol + " minor:" + vol + " disk:" + disk + " client:" + client
                + " quorum:" + quorum + "\n";
    }

    private static String pdev(int vol, String peerDisk, String peerClient) {
        return "exists peer-device name:r0 peer-node-id:1 conn-name:peer-b volume:" + vol
                + " replication:Established peer-disk:" + peerDisk + " peer-client:" + peerClient + " resync-suspended:no\n";
    }

    private static final String END = "exists -\n";
    private static final String DELETE = "crm_master -l reboot -D";

    private static String set(int score) {
        return "crm_master -Q -l reboot -v " + score;
    }

    @Test
    void scoresMatchTheTableAndTheLinbitAgent() throws Exception {
        List<Row> rows = List.of(
                new Row("Secondary, both UpToDate", res("Secondary") + conn("Connected", "Secondary")
                        + dev(0, "UpToDate", "no", "yes") + pdev(0, "UpToDate", "no") + END, 0, set(10000)),
                new Row("Secondary UpToDate, peer unknown", res("Secondary") + conn("Connecting", "Unknown")
                        + dev(0, "UpToDate", "no", "yes") + pdev(0, "DUnknown", "no") + END, 0, set(1000)),
                new Row("Primary UpToDate, peer unknown", res("Primary") + conn("Connecting", "Unknown")
                        + dev(0, "UpToDate", "no", "yes") + pdev(0, "DUnknown", "no") + END, 8, set(10000)),
                new Row("only the peer UpToDate", res("Secondary") + conn("Connected", "Primary")
                        + dev(0, "Inconsistent", "no", "yes") + pdev(0, "UpToDate", "no") + END, 0, set(10)),
                new Row("only Consistent: score 0 = delete", res("Secondary") + conn("Connecting", "Unknown")
                        + dev(0, "Consistent", "no", "yes") + pdev(0, "DUnknown", "no") + END, 0, DELETE),
                new Row("custom scores, only Consistent", res("Secondary") + conn("Connecting", "Unknown")
                        + dev(0, "Consistent", "no", "yes") + pdev(0, "DUnknown", "no") + END, 0, set(3),
                        "OCF_RESKEY_adjust_master_score", "3 20 300 4000"),
                new Row("Outdated, peer unknown", res("Secondary") + conn("Connecting", "Unknown")
                        + dev(0, "Outdated", "no", "yes") + pdev(0, "DUnknown", "no") + END, 0, DELETE),
                new Row("quorum lost", res("Secondary") + conn("Connected", "Secondary")
                        + dev(0, "UpToDate", "no", "no") + pdev(0, "UpToDate", "no") + END, 0, DELETE),
                new Row("diskless client, peer UpToDate", res("Secondary") + conn("Connected", "Secondary")
                        + dev(0, "Diskless", "yes", "yes") + pdev(0, "UpToDate", "no") + END, 0, set(9999)),
                new Row("diskless client, peer unknown", res("Secondary") + conn("Connecting", "Unknown")
                        + dev(0, "Diskless", "yes", "yes") + pdev(0, "DUnknown", "no") + END, 0, DELETE),
                new Row("two volumes, one Inconsistent, peer UpToDate", res("Secondary") + conn("Connected", "Secondary")
                        + dev(0, "UpToDate", "no", "yes") + dev(1, "Inconsistent", "no", "yes")
                        + pdev(0, "UpToDate", "no") + pdev(1, "UpToDate", "no") + END, 0, set(10)),
                new Row("peer Primary, remove_master_score_if_peer_primary", res("Secondary")
                        + conn("Connected", "Primary") + dev(0, "UpToDate", "no", "yes") + pdev(0, "UpToDate", "no")
                        + END, 0, DELETE, "OCF_RESKEY_remove_master_score_if_peer_primary", "true"),
                new Row("other resource only: not running", "exists resource name:r1 role:Primary\n" + END, 7, DELETE));
        boolean withLinbit = Files.exists(LINBIT);
        try (OcfNode node = new OcfNode(dir)) {
            Path fake = node.shims.resolve("drbdsetup");
            Files.writeString(fake, "#!/bin/sh\n[ \"$1 $2\" = \"events2 --now\" ] && exec cat \"$SHIM_DIR/events2.txt\"\nexit 10\n");
            Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> failures = new ArrayList<>();
            for (Row row : rows) {
                Files.writeString(node.shims.resolve("events2.txt"), row.events2());
                check(node, row, node.root.resolve("handlers/ocf/drbd"), failures);
                if (withLinbit) {
                    check(node, row, LINBIT, failures);
                }
            }
            assertThat(failures).isEmpty();
        }
    }

    private static void check(OcfNode node, Row row, Path agent, List<String> failures) throws Exception {
        Map<String, String> env = node.agentEnv();
        env.put("OCF_RESKEY_CRM_meta_interval", "10000");
        env.put("BASH_FUNC_test%%", KERNEL_CHECKS);
        env.put("HA_SBIN_DIR", node.shims.toString());
        for (int i = 0; i < row.vars().length; i += 2) {
            env.put(row.vars()[i], row.vars()[i + 1]);
        }
        OcfNode.Run r = node.exec(env, 60, agent.toString(), "monitor");
        List<String> calls = node.crmCalls().stream().filter(c -> c.startsWith("crm_master")).toList();
        if (r.exitCode() != row.exitCode() || !calls.equals(List.of(row.crmCall()))) {
            failures.add(agent + " / " + row.name() + ": wanted exit " + row.exitCode() + " and ["
                    + row.crmCall() + "], got " + calls + " and " + r);
        }
    }
}
