package org.jdrbd.daemon.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jdrbd.daemon.admin.ResourceStatus;
import org.jdrbd.daemon.admin.VolumeStatus;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.statemachine.ConnState;
import org.jdrbd.statemachine.DiskState;
import org.jdrbd.statemachine.Role;
import org.jdrbd.statemachine.State;
import org.junit.jupiter.api.Test;

/*
 * Scenario: a volume's peer-device record is built while it is VerifyS, VerifyT, SyncTarget and
 * Connected, with progress totals of 1000 blocks and 250 left.
 * Expectation: verify states show replication:VerifyS/VerifyT, _rs-total and _ov-left in KiB
 * (4000 and 1000), the fields drbdsetup turns into done:75.00; a resync shows _rs-total without
 * _ov-left; Connected shows neither.
 * Why: drbdsetup status computes done: from _ov-left while verifying (reference
 * drbd-utils-interface §status); without it the percentage is wrong.
 */
class StatusRecordsVerifyTest {

    private static ObjectRecord peerDevice(ConnState c) {
        State s = State.INITIAL.withConn(c).withRole(Role.PRIMARY).withDisk(DiskState.UP_TO_DATE)
                .withPdsk(DiskState.UP_TO_DATE);
        VolumeStatus v = new VolumeStatus(0, 0, s, "/d", 4096000, 1, 0, null, 1000, 250);
        return StatusRecords.peerDevice(new ResourceStatus("r0", 0, 1, List.of(v)), v);
    }

    @Test
    void verifyStatesCarryOvLeft() {
        for (ConnState c : List.of(ConnState.VERIFY_S, ConnState.VERIFY_T)) {
            ObjectRecord pd = peerDevice(c);
            assertThat(pd.get("replication")).isEqualTo(c.displayName());
            assertThat(pd.get("_rs-total")).isEqualTo("4000");
            assertThat(pd.get("_ov-left")).isEqualTo("1000");
        }
    }

    @Test
    void resyncAndConnectedDoNot() {
        ObjectRecord sync = peerDevice(ConnState.SYNC_TARGET);
        assertThat(sync.get("_rs-total")).isEqualTo("4000");
        assertThat(sync.get("_ov-left")).isNull();
        VolumeStatus idle = new VolumeStatus(0, 0, State.INITIAL.withConn(ConnState.CONNECTED), "/d",
                4096000, 1, 0, null, 0, 0);
        ObjectRecord pd = StatusRecords.peerDevice(new ResourceStatus("r0", 0, 1, List.of(idle)), idle);
        assertThat(pd.get("_rs-total")).isNull();
        assertThat(pd.get("_ov-left")).isNull();
    }
}
