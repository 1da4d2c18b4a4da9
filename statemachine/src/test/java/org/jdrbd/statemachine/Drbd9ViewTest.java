package org.jdrbd.statemachine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/*
 * Scenario: every 8.4 connection state is shown in DRBD 9's vocabulary (connection state +
 * replication state), as drbd-utils 9 shows an 8.4 kernel.
 * Expectation: the table below, written out by hand from the fact sheet (§1.7, drbd-utils §2.7),
 * matches the mapping for all 24 states, and the inverse mapping returns the original state.
 * Why: status and events2 print these strings; one wrong row misleads every tool that parses them.
 */
class Drbd9ViewTest {

    private static final Map<ConnState, String> EXPECTED = Map.ofEntries(
            Map.entry(ConnState.STANDALONE, "StandAlone/Off"),
            Map.entry(ConnState.DISCONNECTING, "Disconnecting/Off"),
            Map.entry(ConnState.UNCONNECTED, "Unconnected/Off"),
            Map.entry(ConnState.TIMEOUT, "Timeout/Off"),
            Map.entry(ConnState.BROKEN_PIPE, "BrokenPipe/Off"),
            Map.entry(ConnState.NETWORK_FAILURE, "NetworkFailure/Off"),
            Map.entry(ConnState.PROTOCOL_ERROR, "ProtocolError/Off"),
            Map.entry(ConnState.TEAR_DOWN, "TearDown/Off"),
            Map.entry(ConnState.WF_CONNECTION, "Connecting/Off"),
            Map.entry(ConnState.WF_REPORT_PARAMS, "Connected/Off"),
            Map.entry(ConnState.CONNECTED, "Connected/Established"),
            Map.entry(ConnState.STARTING_SYNC_S, "Connected/StartingSyncS"),
            Map.entry(ConnState.STARTING_SYNC_T, "Connected/StartingSyncT"),
            Map.entry(ConnState.WF_BITMAP_S, "Connected/WFBitMapS"),
            Map.entry(ConnState.WF_BITMAP_T, "Connected/WFBitMapT"),
            Map.entry(ConnState.WF_SYNC_UUID, "Connected/WFSyncUUID"),
            Map.entry(ConnState.SYNC_SOURCE, "Connected/SyncSource"),
            Map.entry(ConnState.SYNC_TARGET, "Connected/SyncTarget"),
            Map.entry(ConnState.VERIFY_S, "Connected/VerifyS"),
            Map.entry(ConnState.VERIFY_T, "Connected/VerifyT"),
            Map.entry(ConnState.PAUSED_SYNC_S, "Connected/PausedSyncS"),
            Map.entry(ConnState.PAUSED_SYNC_T, "Connected/PausedSyncT"),
            Map.entry(ConnState.AHEAD, "Connected/Ahead"),
            Map.entry(ConnState.BEHIND, "Connected/Behind"));

    @Test
    void everyConnectionStateMapsAsDrbdUtils9ShowsIt() {
        assertEquals(ConnState.values().length, EXPECTED.size());
        for (ConnState c : ConnState.values()) {
            String shown = Drbd9View.connection(c).displayName() + "/"
                    + Drbd9View.replication(c).displayName();
            assertEquals(EXPECTED.get(c), shown, c.name());
        }
    }

    @Test
    void inverseMappingRestoresEveryState() {
        for (ConnState c : ConnState.values()) {
            assertEquals(c, Drbd9View.toConnState(Drbd9View.connection(c), Drbd9View.replication(c)));
        }
    }

    @Test
    void replicationWithoutConnectionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Drbd9View.toConnState(
                Drbd9View.Connection.CONNECTING, Drbd9View.Replication.SYNC_SOURCE));
    }
}
