package org.jdrbd.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/*
 * Scenario: every state (all roles, 24 conn, 9 disk, 9 pdsk, all six flags) through the 32-bit
 * state word of fact sheet §1.5, and words holding values that name no state.
 * Expectation: encode then decode is the identity and distinct states get distinct words; conn
 * 24..31, disk/pdsk 9..15, role/peer 3 and any of bits 23..31 decode to empty.
 * Why: the word travels in P_STATE and state-change requests; a silent mis-decode would apply a
 * state the peer never sent.
 */
class StateWordRoundTripTest {

    @Test
    void everyStateRoundTrips() {
        AtomicInteger n = new AtomicInteger();
        java.util.BitSet seen = new java.util.BitSet(1 << 23);
        TestStates.forEachState(true, s -> {
            int w = StateWord.encode(s);
            assertEquals(0, w & ~StateWord.ALL_BITS, () -> s.toString());
            assertEquals(Optional.of(s), StateWord.decode(w), () -> s.toString());
            assertThat(seen.get(w)).as("distinct word for %s", s).isFalse();
            seen.set(w);
            n.incrementAndGet();
        });
        assertThat(n.get()).isEqualTo(3 * 3 * 24 * 9 * 9 * 64);
    }

    @Test
    void bitPositionsMatchTheFactSheet() {
        State s = TestStates.st("role:Secondary peer:Primary conn:SyncSource disk:UpToDate "
                + "pdsk:Inconsistent susp aftr_isp peer_isp user_isp susp_nod susp_fen");
        int w = StateWord.encode(s);
        assertThat(w & 0x3).isEqualTo(2);
        assertThat((w >>> 2) & 0x3).isEqualTo(1);
        assertThat((w >>> 4) & 0x1f).isEqualTo(16);
        assertThat((w >>> 9) & 0xf).isEqualTo(8);
        assertThat((w >>> 13) & 0xf).isEqualTo(4);
        assertThat(w >>> 17).isEqualTo(0x3f);
    }

    @Test
    void outOfRangeFieldsAreRejected() {
        int base = StateWord.encode(TestStates.st("role:Secondary conn:Connected disk:UpToDate "
                + "pdsk:UpToDate"));
        for (int conn = 24; conn <= 31; conn++) {
            int w = (base & ~StateWord.CONN_MASK) | conn << StateWord.CONN_SHIFT;
            assertThat(StateWord.decode(w)).as("conn %d", conn).isEmpty();
        }
        for (int d = 9; d <= 15; d++) {
            assertThat(StateWord.decode((base & ~StateWord.DISK_MASK) | d << StateWord.DISK_SHIFT))
                    .as("disk %d", d).isEmpty();
            assertThat(StateWord.decode((base & ~StateWord.PDSK_MASK) | d << StateWord.PDSK_SHIFT))
                    .as("pdsk %d", d).isEmpty();
        }
        assertThat(StateWord.decode((base & ~StateWord.ROLE_MASK) | 3)).isEmpty();
        assertThat(StateWord.decode((base & ~StateWord.PEER_MASK) | 3 << StateWord.PEER_SHIFT))
                .isEmpty();
        for (int bit = 23; bit <= 31; bit++) {
            assertThat(StateWord.decode(base | 1 << bit)).as("bit %d", bit).isEmpty();
        }
        assertThat(StateWord.decode(base)).isPresent();
    }
}
