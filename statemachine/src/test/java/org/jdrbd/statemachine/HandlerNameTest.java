package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/*
 * Scenario: the handler list of fact sheet §5.5 as drbd.conf words.
 * Expectation: every name parses back to its constant, the legacy "outdate-peer" maps to
 * fence-peer, fence-peer/unfence-peer are resource-level, unknown words give null.
 * Why: drbdadm and the daemon look handlers up by these words; a typo means a handler never runs.
 */
class HandlerNameTest {

    @Test
    void namesRoundTripAndAreUnique() {
        for (HandlerName h : HandlerName.values()) {
            assertThat(HandlerName.fromConfigName(h.configName())).isEqualTo(h);
        }
        assertThat(Arrays.stream(HandlerName.values()).map(HandlerName::configName))
                .doesNotHaveDuplicates()
                .contains("pri-on-incon-degr", "pri-lost-after-sb", "pri-lost", "local-io-error",
                        "initial-split-brain", "split-brain", "before-resync-target",
                        "after-resync-target", "before-resync-source", "fence-peer",
                        "unfence-peer", "out-of-sync", "disconnected", "quorum-lost");
    }

    @Test
    void levelsExitCodesAndAliases() {
        assertThat(HandlerName.fromConfigName("outdate-peer")).isEqualTo(HandlerName.FENCE_PEER);
        assertThat(HandlerName.fromConfigName("no-such-handler")).isNull();
        assertThat(HandlerName.FENCE_PEER.level()).isEqualTo(HandlerName.Level.RESOURCE);
        assertThat(HandlerName.UNFENCE_PEER.level()).isEqualTo(HandlerName.Level.RESOURCE);
        assertThat(HandlerName.LOCAL_IO_ERROR.level()).isEqualTo(HandlerName.Level.DEVICE);
        assertThat(Arrays.stream(HandlerName.values()).filter(HandlerName::exitCodeUsed))
                .containsExactlyInAnyOrder(HandlerName.FENCE_PEER,
                        HandlerName.BEFORE_RESYNC_TARGET, HandlerName.BEFORE_RESYNC_SOURCE);
        assertThat(Arrays.stream(HandlerName.values()).filter(HandlerName::drbd9Only))
                .containsExactlyInAnyOrder(HandlerName.DISCONNECTED, HandlerName.QUORUM_LOST);
    }
}
