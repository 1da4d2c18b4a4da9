package org.jdrbd.systest.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: resource-agents' ocf-tester runs its whole battery against ocf:jdrbd:drbd on one
 * host with a real jdrbdd (resource r0 UpToDate, no peers): meta-data validated against
 * ra-api-1.dtd with xmllint, validate-all, probes, start, monitor, notify, demote/promote
 * cycles, stop, restart, double start and double stop. crm_master / crm_resource are recording
 * shims. Expectation: "passed all tests", exit 0, and the score removed again at the end.
 * Why: ocf-tester is the standard conformance check Pacemaker users run on an agent.
 */
class OcfTesterTest {
    @TempDir
    Path dir;

    @Test
    void ocfTesterPassesOnOneNode() throws Exception {
        OcfNode.requireFile(Path.of("/usr/sbin/ocf-tester"), "resource-agents");
        OcfNode.requireFile(Path.of("/usr/bin/xmllint"), "libxml2-utils");
        try (OcfNode node = new OcfNode(dir)) {
            node.startDaemon();
            node.makeUpToDate();
            Map<String, String> env = node.baseEnv();
            // ocf-tester passes only -o parameters; Pacemaker would add notify=true for this clone.
            env.put("OCF_RESKEY_CRM_meta_notify", "true");
            OcfNode.Run r = node.exec(env, 300, "/usr/sbin/ocf-tester", "-v", "-n", OcfNode.INSTANCE,
                    "-o", "drbd_resource=r0", "-o", "drbdconf=" + node.conf,
                    node.root.resolve("handlers/ocf/drbd").toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("passed all tests")
                    .contains("Testing: promotion of promoted resource").contains("Testing: stopping a stopped resource");
            assertThat(node.crmCalls()).as("scores were published").contains("crm_master -Q -l reboot -v 10000")
                    .last().isEqualTo("crm_master -l reboot -D");
            assertThat(node.score()).isNull();
        }
    }
}
