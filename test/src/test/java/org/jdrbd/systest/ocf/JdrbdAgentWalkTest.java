package org.jdrbd.systest.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/*
 * Scenario: ocf:jdrbd:drbd (handlers/ocf/drbd) run as Pacemaker runs it, one action per process
 * with OCF_ROOT / OCF_RESKEY_* / clone meta attributes in the environment, against a real jdrbdd on
 * one host (resource r0, one file-backed volume, no peers: replication is not available yet).
 * crm_master, crm_attribute, crm_resource and crm_node are recording shims first on PATH.
 * Walk: meta-data, validate-all, probe, start, monitor, notify, promote, monitor, demote, monitor,
 * stop, probe, recurring monitor; a promotion refused for Inconsistent data; misconfigurations.
 * Expectation: OCF exit codes (0 / 8 Primary / 7 stopped / 1 refused promote / 6 / 5) and exactly
 * the crm_master calls the linbit agent makes in these states: UpToDate with no peer → 10000
 * (the fourth adjust_master_score value), Inconsistent → delete, stop → delete, a probe that finds
 * nothing → no call.
 * Why: Pacemaker picks the Primary only from these scores and exit codes.
 */
class JdrbdAgentWalkTest {
    @TempDir
    Path dir;
    private OcfNode node;
    private Path agent;

    @BeforeEach
    void startNode() throws Exception {
        node = new OcfNode(dir);
        agent = node.root.resolve("handlers/ocf/drbd");
        node.startDaemon();
    }

    @AfterEach
    void stopNode() throws Exception {
        node.close();
    }

    private OcfNode.Run run(String action, String... vars) throws Exception {
        Map<String, String> env = node.agentEnv();
        for (int i = 0; i < vars.length; i += 2) {
            env.put(vars[i], vars[i + 1]);
        }
        return node.exec(env, 120, agent.toString(), action);
    }

    /** Runs the action, requires its exit code and exactly these crm_* calls. */
    private OcfNode.Run expect(String action, int exitCode, List<String> crmCalls, String... vars)
            throws Exception {
        OcfNode.Run r = run(action, vars);
        assertThat(r.exitCode()).as(action + ": " + r).isEqualTo(exitCode);
        assertThat(node.crmCalls()).as(action + " crm calls").containsExactlyElementsOf(crmCalls);
        return r;
    }

    private static final String SET_BEST = "crm_master -Q -l reboot -v 10000";
    private static final String DELETE = "crm_master -l reboot -D";
    private static final String LOCATE = "crm_resource --resource p_drbd_r0 --locate";
    private static final String[] RECURRING = {"OCF_RESKEY_CRM_meta_interval", "10000"};

    @Test
    void promotableCloneWalkOnOneNode() throws Exception {
        node.makeUpToDate();
        OcfNode.Run md = expect("meta-data", 0, List.of());
        assertMetaData(md.stdout());
        expect("validate-all", 0, List.of());
        expect("monitor", 7, List.of());
        expect("monitor", 7, List.of(DELETE), RECURRING);

        expect("start", 0, List.of(LOCATE, SET_BEST));
        assertThat(node.toolCalls()).as("start sequence (linbit order)").containsSubsequence(
                "drbdadm -c " + node.conf + " new-resource r0", "drbdadm -c " + node.conf + " new-minor r0",
                "drbdadm -c " + node.conf + " adjust --skip-net r0", "drbdsetup events2 --now r0",
                "drbdadm -c " + node.conf + " adjust r0");
        expect("monitor", 0, List.of(SET_BEST), RECURRING);
        assertThat(node.score()).isEqualTo("10000");

        expect("notify", 0, List.of(), "OCF_RESKEY_CRM_meta_notify_type", "pre",
                "OCF_RESKEY_CRM_meta_notify_operation", "promote",
                "OCF_RESKEY_CRM_meta_notify_promote_uname", OcfNode.NODE);
        expect("promote", 0, List.of());
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " primary r0");
        expect("monitor", 8, List.of(SET_BEST), RECURRING);
        expect("notify", 0, List.of(SET_BEST), "OCF_RESKEY_CRM_meta_notify_type", "post",
                "OCF_RESKEY_CRM_meta_notify_operation", "promote",
                "OCF_RESKEY_CRM_meta_notify_master_uname", OcfNode.NODE);
        expect("promote", 0, List.of());

        expect("demote", 0, List.of());
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " secondary r0");
        expect("monitor", 0, List.of(SET_BEST), RECURRING);
        expect("notify", 0, List.of(), "OCF_RESKEY_CRM_meta_notify_type", "pre",
                "OCF_RESKEY_CRM_meta_notify_operation", "start",
                "OCF_RESKEY_CRM_meta_notify_start_uname", "peer-b");
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " -v adjust r0");

        expect("stop", 0, List.of(DELETE));
        assertThat(node.score()).isNull();
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " down r0");
        expect("monitor", 7, List.of());
        expect("monitor", 7, List.of(DELETE), RECURRING);
        expect("stop", 0, List.of(DELETE));
        expect("demote", 1, List.of());
        expect("promote", 1, List.of(), "OCF_RESKEY_failed_promote_delay", "0");
    }

    @Test
    void startWhilePrimaryDemotesAndCustomScoresAreUsed() throws Exception {
        node.makeUpToDate();
        node.drbdadm("up", "r0");
        node.drbdadm("primary", "r0");
        String[] scores = {"OCF_RESKEY_adjust_master_score", "5 20 300 4000"};
        expect("monitor", 8, List.of("crm_master -Q -l reboot -v 4000"), scores);
        expect("start", 0, List.of(LOCATE, "crm_master -Q -l reboot -v 4000"), scores);
        assertThat(node.toolCalls()).contains("drbdadm -c " + node.conf + " secondary r0");
        // Not four non-decreasing numbers: the defaults apply.
        expect("monitor", 0, List.of(SET_BEST), "OCF_RESKEY_adjust_master_score", "5 20 3");
        expect("monitor", 0, List.of(SET_BEST), "OCF_RESKEY_adjust_master_score", "50 20 300 4000");
        expect("stop", 0, List.of(DELETE));
    }

    @Test
    void promotionWithoutUpToDateDataIsRefused() throws Exception {
        node.drbdadm("create-md", "--force", "r0");
        expect("start", 0, List.of(LOCATE, DELETE));
        expect("monitor", 0, List.of(DELETE), RECURRING);
        OcfNode.Run refused = expect("promote", 1, List.of(), "OCF_RESKEY_failed_promote_delay", "2");
        assertThat(refused.stderr()).contains(
                "ocf-exit-reason:Refusing to be promoted to Primary without access to UpToDate data");
        // How long the refused promote waits (failed_promote_delay, counted with bash's whole
        // seconds) is a timing property and not asserted here: it failed on a loaded CI machine.
        // Exit 17 is final: one attempt, no retry loop.
        assertThat(node.toolCalls()).filteredOn(c -> c.endsWith(" primary r0")).hasSize(1);
        expect("monitor", 0, List.of(DELETE), RECURRING);
        expect("stop", 0, List.of(DELETE));
    }

    @Test
    void misconfigurationsAreRejected() throws Exception {
        record Case(String action, int exitCode, String reason, String... vars) {}
        List<Case> cases = List.of(
                new Case("validate-all", 6, "no resource name", "OCF_RESKEY_drbd_resource", ""),
                new Case("validate-all", 6, "drbd_resource may only contain", "OCF_RESKEY_drbd_resource", "r0;x"),
                new Case("validate-all", 6, "drbdconf may only contain", "OCF_RESKEY_drbdconf", "/tmp/a b"),
                new Case("validate-all", 5, "does not exist or is not readable", "OCF_RESKEY_drbdconf",
                        dir.resolve("missing.conf").toString()),
                new Case("validate-all", 5, "resource r9 not found", "OCF_RESKEY_drbd_resource", "r9"),
                new Case("validate-all", 6, "expected clone-node-max = 1", "OCF_RESKEY_CRM_meta_clone_node_max", "2"),
                new Case("validate-all", 6, "expected master-max -le 2", "OCF_RESKEY_CRM_meta_master_max", "3"),
                new Case("start", 6, "master-max > 1, but resource r0 does not allow two primaries",
                        "OCF_RESKEY_CRM_meta_master_max", "2"),
                new Case("start", 6, "enable notify=true", "OCF_RESKEY_CRM_meta_notify", "false"),
                new Case("monitor", 7, "", "OCF_RESKEY_drbd_resource", "r9"),
                new Case("frobnicate", 3, "", new String[0]));
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            OcfNode.Run r = run(c.action(), c.vars());
            if (r.exitCode() != c.exitCode() || !r.stderr().contains(c.reason())) {
                failures.add(c.action() + " " + String.join(" ", c.vars()) + " wanted " + c.exitCode()
                        + " '" + c.reason() + "', got " + r);
            }
        }
        assertThat(failures).isEmpty();
        OcfNode.Run noArgs = node.exec(node.agentEnv(), 30, agent.toString());
        assertThat(noArgs.exitCode()).isEqualTo(2);
        // The resource never started: the misconfigured start did nothing.
        assertThat(node.toolCalls()).noneMatch(c -> c.contains(" new-resource "));
    }

    private static void assertMetaData(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element root = doc.getDocumentElement();
        assertThat(root.getAttribute("name")).isEqualTo("drbd");
        assertThat(root.getAttribute("version")).startsWith("jdrbd");
        Map<String, String> defaults = new HashMap<>();
        NodeList params = doc.getElementsByTagName("parameter");
        for (int i = 0; i < params.getLength(); i++) {
            Element p = (Element) params.item(i);
            Element content = (Element) p.getElementsByTagName("content").item(0);
            assertThat(p.getElementsByTagName("shortdesc").getLength()).as(p.getAttribute("name")).isEqualTo(1);
            defaults.put(p.getAttribute("name"), content.getAttribute("default"));
        }
        assertThat(defaults).containsKeys("drbd_resource", "drbdconf", "adjust_master_score",
                "stop_outdates_secondary", "ignore_missing_notifications", "wfc_timeout",
                "remove_master_score_if_peer_primary", "fail_promote_early_if_peer_primary",
                "unfence_if_all_uptodate", "unfence_extra_args", "require_drbd_module_version_ge",
                "require_drbd_module_version_lt", "connect_only_after_promote");
        assertThat(defaults).containsEntry("adjust_master_score", "0 10 1000 10000")
                .containsEntry("drbdconf", "/etc/drbd.conf").containsEntry("wfc_timeout", "5");
        List<String> actions = new ArrayList<>();
        NodeList as = doc.getElementsByTagName("action");
        for (int i = 0; i < as.getLength(); i++) {
            actions.add(((Element) as.item(i)).getAttribute("name"));
        }
        assertThat(actions).contains("start", "stop", "promote", "demote", "monitor", "notify", "reload",
                "validate-all", "meta-data");
    }
}
