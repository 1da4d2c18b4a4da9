package org.jdrbd.handlers;

import java.util.List;
import org.jdrbd.statemachine.HandlerName;

/** Test fixtures: a two-volume resource r0 on node 0 ("alpha") with peer node 1 ("beta"). */
final class Requests {
    private Requests() {
    }

    static final VolumeInfo VOL0 = new VolumeInfo(0, 10, "/dev/vg/r0a", true);
    static final VolumeInfo VOL1 = new VolumeInfo(1, 11, null, false);
    static final PeerInfo BETA = new PeerInfo(1, List.of("beta", "beta.example"), "beta",
            new NetAddress("ipv4", "10.0.0.2"), "Connecting");

    /** The resource without a device or peer, and no command. */
    static HandlerRequest.Builder r0(HandlerName h) {
        return HandlerRequest.builder(h, "r0")
                .confFile("/etc/drbd.conf")
                .volume(VOL0)
                .volume(VOL1)
                .myNodeId(0)
                .myAddress(new NetAddress("ipv4", "10.0.0.1"))
                .nodeNames(0, List.of("alpha"))
                .nodeNames(1, List.of("beta", "beta.example"))
                .peerHostName("beta")
                .upToDateNodesMask(0x1)
                .connectionEpoch(7);
    }

    /** Same, running {@code command}. */
    static HandlerRequest.Builder r0(HandlerName h, String command) {
        return r0(h).command(HandlerCommand.fromLocalConfig(command));
    }
}
