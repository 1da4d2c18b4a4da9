package org.jdrbd.daemon.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: tables of minors with their resync-after settings and states: chains of one and
 * two dependencies whose members resync, verify, are paused by some isp flag, are diskless or
 * missing; and proposed settings that close a cycle, point out of range, or end at a diskless
 * or unknown minor.
 * Expectation: a minor may resync only when no member of its chain is in SyncSource..PausedSyncT
 * (VerifyS/T included) or carries an isp flag, the chain ending at a minor without a dependency,
 * unknown or diskless; a setting is refused with ERR_RESYNC_AFTER_CYCLE when following it leads
 * back to the minor, ERR_RESYNC_AFTER when out of -1..1048575, accepted otherwise.
 * Why: these two rules decide aftr_isp for every resync of the daemon (fact sheet §9.5); a
 * wrong answer either runs dependent resyncs in parallel or stops one forever.
 */
class ResyncAfterRulesTest {
    private static final State CONNECTED = state(ConnState.CONNECTED, DiskState.UP_TO_DATE);
    private static final State SYNC_T = state(ConnState.SYNC_TARGET, DiskState.INCONSISTENT);
    private static final State SYNC_S = state(ConnState.SYNC_SOURCE, DiskState.UP_TO_DATE);
    private static final State VERIFY_S = state(ConnState.VERIFY_S, DiskState.UP_TO_DATE);
    private static final State WF_CONN = state(ConnState.WF_CONNECTION, DiskState.UP_TO_DATE);
    private static final State DISKLESS = state(ConnState.CONNECTED, DiskState.DISKLESS);

    private static State state(ConnState c, DiskState d) {
        return State.INITIAL.withRole(Role.SECONDARY).withConn(c).withDisk(d).withPdsk(DiskState.UP_TO_DATE);
    }

    /** Minor 1 depends on minor 0 (and 0 on 5 where given); may minor 1 resync? */
    static Stream<Arguments> chains() {
        return Stream.of(
                Arguments.of("no dependency", Map.of(), Map.of(0, SYNC_T, 1, CONNECTED), true),
                Arguments.of("dependency idle", Map.of(1, 0), Map.of(0, CONNECTED, 1, CONNECTED), true),
                Arguments.of("dependency SyncTarget", Map.of(1, 0), Map.of(0, SYNC_T, 1, CONNECTED), false),
                Arguments.of("dependency SyncSource", Map.of(1, 0), Map.of(0, SYNC_S, 1, CONNECTED), false),
                Arguments.of("dependency verifying", Map.of(1, 0), Map.of(0, VERIFY_S, 1, CONNECTED), false),
                Arguments.of("dependency user_isp", Map.of(1, 0),
                        Map.of(0, CONNECTED.withUserIsp(true), 1, CONNECTED), false),
                Arguments.of("dependency peer_isp", Map.of(1, 0),
                        Map.of(0, CONNECTED.withPeerIsp(true), 1, CONNECTED), false),
                Arguments.of("dependency waiting itself", Map.of(1, 0),
                        Map.of(0, CONNECTED.withAftrIsp(true), 1, CONNECTED), false),
                Arguments.of("dependency unknown", Map.of(1, 0), Map.of(1, CONNECTED), true),
                Arguments.of("dependency unconnected", Map.of(1, 0), Map.of(0, WF_CONN, 1, CONNECTED), true),
                Arguments.of("minor itself diskless", Map.of(1, 0), Map.of(0, SYNC_T, 1, DISKLESS), true),
                Arguments.of("second hop syncing", Map.of(1, 0, 0, 5),
                        Map.of(0, CONNECTED, 1, CONNECTED, 5, SYNC_S), false),
                Arguments.of("second hop behind a diskless minor", Map.of(1, 0, 0, 5),
                        Map.of(0, DISKLESS, 1, CONNECTED, 5, SYNC_S), true),
                Arguments.of("second hop idle", Map.of(1, 0, 0, 5),
                        Map.of(0, CONNECTED, 1, CONNECTED, 5, CONNECTED), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void maySyncNowFollowsTheChain(String name, Map<Integer, Integer> after, Map<Integer, State> states,
            boolean expected) {
        assertThat(ResyncAfterRules.maySyncNow(1, m -> after.getOrDefault(m, ResyncAfterRules.NONE),
                states::get)).as(name).isEqualTo(expected);
    }

    /** Existing settings, disks, then minor 1 asks for {@code proposed}. */
    static Stream<Arguments> settings() {
        return Stream.of(
                Arguments.of("none", Map.of(), -1L, null),
                Arguments.of("plain", Map.of(), 0L, null),
                Arguments.of("self", Map.of(), 1L, ErrCode.ERR_RESYNC_AFTER_CYCLE),
                Arguments.of("two-cycle", Map.of(0, 1), 0L, ErrCode.ERR_RESYNC_AFTER_CYCLE),
                Arguments.of("three-cycle", Map.of(0, 2, 2, 1), 0L, ErrCode.ERR_RESYNC_AFTER_CYCLE),
                Arguments.of("chain without cycle", Map.of(0, 2), 0L, null),
                Arguments.of("unknown minor", Map.of(), 42L, null),
                Arguments.of("cycle through an unknown minor is none", Map.of(42, 1), 42L, null),
                Arguments.of("below -1", Map.of(), -2L, ErrCode.ERR_RESYNC_AFTER),
                Arguments.of("above the highest minor", Map.of(), 1L << 20, ErrCode.ERR_RESYNC_AFTER),
                Arguments.of("highest minor", Map.of(), (1L << 20) - 1, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("settings")
    void checkRefusesCyclesAndBadMinors(String name, Map<Integer, Integer> after, long proposed, ErrCode expected) {
        // Minors 0, 1, 2 have disks; others are unknown.
        Map<Integer, Boolean> disks = new HashMap<>(Map.of(0, true, 1, true, 2, true));
        assertThat(ResyncAfterRules.check(1, proposed, m -> after.getOrDefault(m, ResyncAfterRules.NONE),
                m -> disks.getOrDefault(m, false))).as(name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @org.junit.jupiter.params.provider.CsvSource(value = {"-1,-1", "0,0", " 7 ,7", "x,", "1.5,", "' ',"}, nullValues = "")
    void parseTakesIntegersOnly(String text, Long expected) {
        assertThat(ResyncAfterRules.parse(text)).isEqualTo(expected);
    }
}
