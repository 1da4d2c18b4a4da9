package org.jdrbd.handlers;

// Scenario: crm-fence-peer.jdrbd.sh / crm-unfence-peer.jdrbd.sh with fake cibadmin, crm_node and
// crm_mon. cibadmin finds the master resource ms_r0 for r0, reports whether the constraint exists
// and accepts or refuses writes; crm_mon reports the peer online, offline, or unclean (for a
// number of polls).
// Expectation: fence places drbd-fence-by-handler-r0-ms_r0 (created, or replaced when present)
// forbidding the Master role on every node but this one and the other UpToDate nodes, then exits
// 4 (peer online), 7 (peer offline and clean), 5 (peer stays unclean), 1 (cannot place / not
// configured / unsafe names); unfence deletes exactly that constraint and exits 0, or 1 if the
// delete fails.
// Why: this is what keeps Pacemaker from promoting a node with outdated data.

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrmFencePeerScriptTest {
    private static final String CID = "drbd-fence-by-handler-r0-ms_r0";
    private static final String MASTER_QUERY = "cibadmin [-Q] [--xpath] [//primitive[@type='drbd']"
            + "[instance_attributes/nvpair[@name='drbd_resource'][@value='r0']]/..]";
    private static final String EXISTS_QUERY = "cibadmin [-Q] [--xpath] [//rsc_location[@id='" + CID + "']]";

    @TempDir
    Path tmp;
    ScriptHarness h;

    private static String constraint(String... allowed) {
        StringBuilder e = new StringBuilder();
        for (String n : allowed) {
            e.append("<expression attribute=\"#uname\" operation=\"ne\" value=\"").append(n)
                    .append("\" id=\"").append(CID).append("-expr-").append(n).append("\"/>");
        }
        return "<rsc_location rsc=\"ms_r0\" id=\"" + CID + "\"><rule role=\"Master\" score=\"-INFINITY\""
                + " boolean-op=\"and\" id=\"" + CID + "-rule\">" + e + "</rule></rsc_location>";
    }

    private static String node(String name, boolean online, boolean unclean) {
        return "    <node name=\"" + name + "\" id=\"2\" online=\"" + online + "\" standby=\"false\" unclean=\""
                + unclean + "\" shutdown=\"false\" type=\"member\"/>";
    }

    @BeforeEach
    void setUp() throws Exception {
        h = new ScriptHarness(tmp);
        h.fake("cibadmin", "case \"$*\" in\n"
                + "*primitive*) printf '%s\\n' '<master id=\"ms_r0\">' '  <primitive id=\"p_r0\" type=\"drbd\"/>'"
                + " '</master>'; exit ${CIB_MASTER_EXIT:-0} ;;\n"
                + "'-Q --xpath'*) exit ${CIB_EXISTS_EXIT:-105} ;;\n"
                + "*) exit ${CIB_WRITE_EXIT:-0} ;;\nesac");
        h.fake("crm_node", "echo alpha");
        // crm_mon answers with the peer unclean for $UNCLEAN_POLLS calls, then $PEER_STATE.
        Path count = tmp.resolve("crm_mon.count");
        h.fake("crm_mon", "n=$(cat '" + count + "' 2>/dev/null || echo 0); echo $((n+1)) > '" + count + "'\n"
                + "echo '<crm_mon version=\"2.1.5\">'; echo '  <nodes>'\n"
                + "echo '" + node("alpha", true, false) + "'\n"
                + "if [ \"$n\" -lt \"${UNCLEAN_POLLS:-0}\" ]; then echo '" + node("beta", false, true) + "'\n"
                + "elif [ \"$PEER_STATE\" = online ]; then echo '" + node("beta", true, false) + "'\n"
                + "else echo '" + node("beta", false, false) + "'; fi\n"
                + "echo '  </nodes>'; echo '</crm_mon>'");
        h.env("DRBD_RESOURCE", "r0").env("DRBD_MY_NODE_ID", "0").env("DRBD_PEER_NODE_ID", "1")
                .env("DRBD_NODE_ID_0", "alpha").env("DRBD_NODE_ID_1", "beta").env("DRBD_NODE_ID_2", "gamma")
                .env("UP_TO_DATE_NODES", "0x00000001").env("PEER_STATE", "online");
    }

    private List<String> fenceCalls(String writeVerb, String xml, int crmMonCalls) {
        List<String> calls = new java.util.ArrayList<>(List.of(MASTER_QUERY, "crm_node [-n]", EXISTS_QUERY,
                "cibadmin [" + writeVerb + "] [-o] [constraints] [-X] [" + xml + "]"));
        for (int i = 0; i < crmMonCalls; i++) {
            calls.add("crm_mon [--output-as=xml]");
        }
        return calls;
    }

    @Test
    void peerOnlineGivesFourAfterCreatingTheConstraint() throws Exception {
        assertEquals(4, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha"), 1), h.calls());
    }

    @Test
    void otherUpToDateNodesKeepTheRightToBePromoted() throws Exception {
        h.env("UP_TO_DATE_NODES", "0x00000005");
        assertEquals(4, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha", "gamma"), 1), h.calls());
    }

    @Test
    void existingConstraintIsReplaced() throws Exception {
        h.env("CIB_EXISTS_EXIT", "0");
        assertEquals(4, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(fenceCalls("-R", constraint("alpha"), 1), h.calls());
    }

    @Test
    void peerOfflineAndCleanGivesSeven() throws Exception {
        h.env("PEER_STATE", "offline");
        assertEquals(7, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha"), 1), h.calls());
    }

    @Test
    void uncleanPeerThatGetsFencedGivesSeven() throws Exception {
        h.env("PEER_STATE", "offline").env("UNCLEAN_POLLS", "2");
        assertEquals(7, h.run("crm-fence-peer.jdrbd.sh", "--poll-interval", "0.05", "-t", "20").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha"), 3), h.calls());
    }

    @Test
    void peerStayingUncleanGivesFive() throws Exception {
        h.env("UNCLEAN_POLLS", "1000");
        assertEquals(5, h.run("crm-fence-peer.jdrbd.sh", "--timeout", "0").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha"), 1), h.calls());
    }

    @Test
    void refusedWriteIsBroken() throws Exception {
        h.env("CIB_WRITE_EXIT", "1");
        assertEquals(1, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(fenceCalls("-C", constraint("alpha"), 0), h.calls());
    }

    @Test
    void explicitMasterIdAndRoleSkipDiscovery() throws Exception {
        assertEquals(4, h.run("crm-fence-peer.jdrbd.sh", "-i", "ms_r0", "-l", "Promoted").exitCode());
        assertEquals(List.of("crm_node [-n]", EXISTS_QUERY, "cibadmin [-C] [-o] [constraints] [-X] ["
                + constraint("alpha").replace("role=\"Master\"", "role=\"Promoted\"") + "]",
                "crm_mon [--output-as=xml]"), h.calls());
    }

    @Test
    void notConfiguredOrUnsafeNamesAreBrokenWithoutWrites() throws Exception {
        h.env("DRBD_RESOURCE", "");
        assertEquals(1, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        h.env("DRBD_RESOURCE", "r0\"/><x");
        assertEquals(1, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(List.of(), h.calls());
        h.env("DRBD_RESOURCE", "r0").env("CIB_MASTER_EXIT", "1");
        h.fake("cibadmin", "exit 105");
        assertEquals(1, h.run("crm-fence-peer.jdrbd.sh").exitCode());
        assertEquals(List.of(MASTER_QUERY), h.calls());
    }

    @Test
    void unfenceRemovesTheConstraint() throws Exception {
        h.env("CIB_EXISTS_EXIT", "0");
        assertEquals(0, h.run("crm-unfence-peer.jdrbd.sh").exitCode());
        assertEquals(List.of(MASTER_QUERY, EXISTS_QUERY,
                "cibadmin [-D] [--xpath] [//rsc_location[@id='" + CID + "']]"), h.calls());
    }

    @Test
    void unfenceWithoutConstraintDoesNothing() throws Exception {
        assertEquals(0, h.run("crm-unfence-peer.jdrbd.sh").exitCode());
        assertEquals(List.of(MASTER_QUERY, EXISTS_QUERY), h.calls());
    }

    @Test
    void unfenceFailureIsReported() throws Exception {
        h.env("CIB_EXISTS_EXIT", "0").env("CIB_WRITE_EXIT", "1");
        assertEquals(1, h.run("crm-unfence-peer.jdrbd.sh").exitCode());
    }
}
