package org.jdrbd.handlers;

// Scenario: build the handler environment for a fence-peer call (connection level, no device),
// a before-resync-target call (peer device) and a local-io-error call (device only), and the
// drbdadm layer on top of an inherited environment.
// Expectation: exactly the variables DRBD 9's kernel plus drbdadm 9 set for that level (fact
// sheets §5.4 / §2.9, and drbdadm 9.22 observed to overwrite DRBD_MINOR/VOLUME/LL_DISK with lists
// and to keep an inherited DRBD_MY_NODE_ID), nothing more.
// Why: scripts such as crm-fence-peer.9.sh depend on these names; anything extra (the daemon's
// own environment) would leak secrets or change script behaviour.

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.Test;

class HandlerEnvironmentTest {

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final Map<String, String> COMMON = map(
            "HOME", "/", "TERM", "linux", "PATH", "/sbin:/usr/sbin:/bin:/usr/bin",
            "DRBD_CONF", "/etc/drbd.conf", "DRBD_RESOURCE", "r0",
            "DRBD_MINOR", "10 11", "DRBD_VOLUME", "0 1", "DRBD_LL_DISK", "/dev/vg/r0a none",
            "DRBD_MY_NODE_ID", "0", "DRBD_NODE_ID_0", "alpha", "DRBD_NODE_ID_1", "beta beta.example",
            "DRBD_PEERS", "beta");

    private static Map<String, String> common(String... extra) {
        Map<String, String> m = new TreeMap<>(COMMON);
        m.putAll(map(extra));
        return m;
    }

    @Test
    void fencePeerGetsConnectionAndPerVolumeVariables() {
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER).peer(Requests.BETA).upToDateNodesMask(0x5).build();
        assertEquals(common("DRBD_MINOR_0", "10", "DRBD_MINOR_1", "11", "DRBD_BACKING_DEV_0", "/dev/vg/r0a",
                "DRBD_MY_ADDRESS", "10.0.0.1", "DRBD_MY_AF", "ipv4",
                "DRBD_PEER_ADDRESS", "10.0.0.2", "DRBD_PEER_AF", "ipv4", "DRBD_PEER_NODE_ID", "1",
                "DRBD_CSTATE", "Connecting", "DRBD_PEER", "beta", "UP_TO_DATE_NODES", "0x00000005"),
                HandlerEnvironment.forDaemon(req));
    }

    @Test
    void peerDeviceHandlerGetsBackingDevButNoPerVolumeNames() {
        HandlerRequest req = Requests.r0(HandlerName.BEFORE_RESYNC_TARGET).peer(Requests.BETA).device(0).build();
        assertEquals(common("DRBD_BACKING_DEV", "/dev/vg/r0a",
                "DRBD_MY_ADDRESS", "10.0.0.1", "DRBD_MY_AF", "ipv4",
                "DRBD_PEER_ADDRESS", "10.0.0.2", "DRBD_PEER_AF", "ipv4", "DRBD_PEER_NODE_ID", "1",
                "DRBD_CSTATE", "Connecting", "DRBD_PEER", "beta"),
                HandlerEnvironment.forDaemon(req));
    }

    @Test
    void deviceOnlyHandlerOnDisklessVolumeHasNoBackingDevAndNoPeer() {
        HandlerRequest req = Requests.r0(HandlerName.LOCAL_IO_ERROR).device(1).build();
        assertEquals(common(), HandlerEnvironment.forDaemon(req));
    }

    @Test
    void upToDateNodesIsEightHexDigitsForUnfenceToo() {
        HandlerRequest req = Requests.r0(HandlerName.UNFENCE_PEER).upToDateNodesMask(0xABCDL).build();
        assertEquals("0x0000ABCD", HandlerEnvironment.forDaemon(req).get("UP_TO_DATE_NODES"));
    }

    @Test
    void drbdadmLayerKeepsInheritedButOverwritesListsAndKeepsMyNodeId() {
        HandlerRequest req = Requests.r0(HandlerName.SPLIT_BRAIN).build();
        Map<String, String> inherited = map("FOO", "bar", "DRBD_MINOR", "7", "DRBD_MY_NODE_ID", "5",
                "DRBD_RESOURCE", "other", "DRBD_PEER_NODE_ID", "1");
        Map<String, String> env = HandlerEnvironment.drbdadmLayer(inherited, req);
        assertEquals(map("FOO", "bar", "DRBD_PEER_NODE_ID", "1", "DRBD_MY_NODE_ID", "5",
                "DRBD_CONF", "/etc/drbd.conf", "DRBD_RESOURCE", "r0",
                "DRBD_MINOR", "10 11", "DRBD_VOLUME", "0 1", "DRBD_LL_DISK", "/dev/vg/r0a none",
                "DRBD_NODE_ID_0", "alpha", "DRBD_NODE_ID_1", "beta beta.example"), env);
    }

    @Test
    void minimalRequestHasOnlyBaseAndResource() {
        HandlerRequest req = HandlerRequest.builder(HandlerName.PRI_LOST, "r9").build();
        assertEquals(map("HOME", "/", "TERM", "linux", "PATH", HandlerEnvironment.PATH,
                "DRBD_RESOURCE", "r9"), HandlerEnvironment.forDaemon(req));
    }

    @Test
    void nothingOfTheCallersEnvironmentIsUsed() {
        // Every key of this JVM's environment must be absent unless the builder sets it itself.
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER).peer(Requests.BETA).build();
        Map<String, String> env = HandlerEnvironment.forDaemon(req);
        for (String k : System.getenv().keySet()) {
            if (!List.of("HOME", "TERM", "PATH").contains(k)) {
                assertEquals(null, env.get(k), "leaked " + k);
            }
        }
    }
}
