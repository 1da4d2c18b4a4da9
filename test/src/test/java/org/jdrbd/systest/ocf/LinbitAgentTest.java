package org.jdrbd.systest.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Scenario: Debian drbd-utils' own ocf:linbit:drbd, unchanged, drives jdrbd on one host through
 * bin/drbdadm and bin/drbdsetup. Only its kernel checks are shimmed: an exported bash function
 * replaces `test` for `-f /proc/drbd` and `-b /dev/drbd*` (jdrbd has no module and no device node);
 * everything else (drbdadm --version eval, sh-dev, new-resource, new-minor, adjust --skip-net,
 * events2 --now parsing, primary, secondary, down) is real. crm_master is the recording shim,
 * reached through HA_SBIN_DIR as that agent does.
 * Expectation: validate-all 0, probe 7, start 0, monitor 0, promote 0, monitor 8, demote 0,
 * monitor 0, stop 0, probe 7, with the same crm_master calls ocf:jdrbd:drbd makes.
 * Why: it proves drbdadm/drbdsetup output compatible with what existing clusters parse.
 */
class LinbitAgentTest {
    private static final Path LINBIT = Path.of("/usr/lib/ocf/resource.d/linbit/drbd");
    private static final String KERNEL_CHECKS = "() { if [ \"$1\" = -f ] && [ \"$2\" = /proc/drbd ]; then return 0;"
            + " elif [ \"$1\" = -b ] && [ \"${2#/dev/drbd}\" != \"$2\" ]; then return 0;"
            + " else builtin test \"$@\"; fi\n}";
    private static final String SET_BEST = "crm_master -Q -l reboot -v 10000";
    private static final String DELETE = "crm_master -l reboot -D";

    @TempDir
    Path dir;
    private OcfNode node;

    @BeforeEach
    void startNode() throws Exception {
        OcfNode.requireFile(LINBIT, "drbd-utils");
        OcfNode.requireFile(Path.of("/usr/lib/ocf/lib/heartbeat/ocf-shellfuncs"), "resource-agents");
        node = new OcfNode(dir);
        node.startDaemon();
    }

    @AfterEach
    void stopNode() throws Exception {
        node.close();
    }

    private void expect(String action, int exitCode, List<String> crmCalls, String... vars) throws Exception {
        Map<String, String> env = node.agentEnv();
        env.put("BASH_FUNC_test%%", KERNEL_CHECKS);
        env.put("HA_SBIN_DIR", node.shims.toString());
        for (int i = 0; i < vars.length; i += 2) {
            env.put(vars[i], vars[i + 1]);
        }
        OcfNode.Run r = node.exec(env, 120, LINBIT.toString(), action);
        assertThat(r.exitCode()).as(action + ": " + r).isEqualTo(exitCode);
        assertThat(node.crmCalls()).as(action + " crm calls").containsExactlyElementsOf(crmCalls);
    }

    @Test
    void linbitAgentCompletesItsLifecycleAgainstJdrbd() throws Exception {
        node.makeUpToDate();
        String[] recurring = {"OCF_RESKEY_CRM_meta_interval", "10000"};
        expect("validate-all", 0, List.of());
        expect("monitor", 7, List.of());
        expect("start", 0, List.of("crm_resource --resource p_drbd_r0 --locate", SET_BEST));
        assertThat(node.toolCalls()).containsSubsequence("drbdadm --version",
                "drbdadm -c " + node.conf + " new-resource r0", "drbdadm -c " + node.conf + " new-minor r0",
                "drbdadm -c " + node.conf + " adjust --skip-net r0", "drbdsetup events2 --now r0",
                "drbdadm -c " + node.conf + " adjust r0");
        expect("monitor", 0, List.of(SET_BEST), recurring);
        expect("promote", 0, List.of());
        expect("monitor", 8, List.of(SET_BEST), recurring);
        expect("demote", 0, List.of());
        expect("monitor", 0, List.of(SET_BEST), recurring);
        expect("stop", 0, List.of(DELETE));
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " down r0");
        expect("monitor", 7, List.of());
        assertThat(node.score()).isNull();
    }
}
