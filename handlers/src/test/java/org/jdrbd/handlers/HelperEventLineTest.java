package org.jdrbd.handlers;

// Scenario: events2 helper lines for a peer-device handler, a connection handler and a device-only
// handler, and a peer without node id (8.4 config).
// Expectation: "call helper name:R [peer-node-id:N conn-name:P] [volume:V] helper:NAME" and the
// same with "response" and "status:N".
// Why: drbdsetup events2 consumers (Pacemaker's agent, LINSTOR) parse these lines word by word.

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jdrbd.statemachine.HandlerName;
import org.junit.jupiter.api.Test;

class HelperEventLineTest {

    @Test
    void peerDeviceHandler() {
        HandlerRequest req = Requests.r0(HandlerName.BEFORE_RESYNC_TARGET).peer(Requests.BETA).device(1).build();
        assertEquals("call helper name:r0 peer-node-id:1 conn-name:beta volume:1 helper:before-resync-target",
                HelperEventLine.call(req));
        assertEquals("response helper name:r0 peer-node-id:1 conn-name:beta volume:1 helper:before-resync-target"
                + " status:0", HelperEventLine.response(req, 0));
    }

    @Test
    void connectionHandlerHasNoVolume() {
        HandlerRequest req = Requests.r0(HandlerName.FENCE_PEER).peer(Requests.BETA).build();
        assertEquals("response helper name:r0 peer-node-id:1 conn-name:beta helper:fence-peer status:4",
                HelperEventLine.response(req, 4));
    }

    @Test
    void deviceHandlerHasNoPeer() {
        HandlerRequest req = Requests.r0(HandlerName.LOCAL_IO_ERROR).device(0).build();
        assertEquals("call helper name:r0 volume:0 helper:local-io-error", HelperEventLine.call(req));
    }

    @Test
    void peerWithoutNodeIdShowsOnlyConnectionName() {
        PeerInfo old = new PeerInfo(-1, List.of("beta"), "beta", null, "StandAlone");
        HandlerRequest req = Requests.r0(HandlerName.SPLIT_BRAIN).peer(old).build();
        assertEquals("call helper name:r0 conn-name:beta helper:split-brain", HelperEventLine.call(req));
    }
}
