package org.jdrbd.drbdadm.setup;

// Scenario: drbdsetup's formatters get fixed reply data (objects and events as the daemon sends
// them). Expectation: the text equals the reference's examples byte for byte: the events2 stream
// of §2.7 (tests/v9/events2-sync.test), the typical status block, "# No currently configured DRBD
// found.", the events2 --now dump order, role/cstate/dstate words, and get-gi/show-gi exactly as
// Debian's drbdmeta printed them for the same UUIDs and flags (meta/int-100M-p1.txt transcript).
// Why: scripts and the Pacemaker agent parse this text.

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.jdrbd.metadata.MdFlags;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.ObjectRecord;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.EventAction;
import org.jdrbd.netlink.schema.ObjectType;
import org.jdrbd.netlink.schema.Tags;
import org.junit.jupiter.api.Test;

class DrbdsetupGoldenTest {

    private static String events(List<EventRecord> evs, boolean stats, boolean ts) {
        EventsText t = new EventsText(stats, ts, ZoneOffset.ofHours(1));
        StringBuilder s = new StringBuilder();
        evs.forEach(e -> s.append(t.accept(e)));
        return s.toString();
    }

    @Test
    void events2SyncExampleOfTheReference() {
        assertThat(events(Fixtures.syncExampleEvents(), false, false))
                .isEqualTo(Fixtures.resource("/setup/events2-sync.txt"));
    }

    @Test
    void events2NowDumpIsOrderedPerResourceAndEndsWithExistsDash() {
        List<ObjectRecord> objs = Fixtures.syncingR0();
        // Sent in reverse order: drbdsetup must regroup them.
        List<EventRecord> evs = new java.util.ArrayList<>();
        for (int i = objs.size() - 1; i >= 0; i--) {
            evs.add(new EventRecord(EventAction.EXISTS, objs.get(i), 0));
        }
        evs.add(EventRecord.endOfDump(0));
        assertThat(events(evs, false, false)).isEqualTo(String.join("\n",
                "exists resource name:r0 role:Primary suspended:no force-io-failures:no may_promote:no promotion_score:10101",
                "exists connection name:r0 peer-node-id:1 conn-name:peer connection:Connected role:Secondary",
                "exists device name:r0 volume:0 minor:0 backing_dev:/dev/sda disk:UpToDate client:no quorum:yes",
                "exists peer-device name:r0 peer-node-id:1 conn-name:peer volume:0 replication:SyncSource peer-disk:Inconsistent peer-client:no resync-suspended:no done:37.50",
                "exists path name:r0 peer-node-id:1 conn-name:peer local:ipv4:127.0.0.1:7789 peer:ipv4:127.0.0.2:7789 established:yes",
                "exists -", ""));
    }

    @Test
    void events2StatisticsAndTimestamps() {
        List<EventRecord> evs = List.of(
                new EventRecord(EventAction.EXISTS, Fixtures.syncingR0().get(1), 0),
                new EventRecord(EventAction.EXISTS, Fixtures.syncingR0().get(0), 0),
                EventRecord.endOfDump(1_700_000_000_000_042L));
        String text = events(evs, true, true);
        assertThat(text).contains(" write-ordering:flush ")
                .contains(" size:1048508 read:10 written:20")
                .endsWith("2023-11-14T23:13:20.000042+01:00 exists -\n");
    }

    @Test
    void statusTypicalSyncingBlock() {
        assertThat(new StatusText(false, false, false).format(new Snapshot(Fixtures.syncingR0())))
                .isEqualTo(Fixtures.resource("/setup/status-sync.txt"));
    }

    @Test
    void statusWithoutResources() {
        assertThat(new StatusText(false, false, false).format(new Snapshot(List.of())))
                .isEqualTo("# No currently configured DRBD found.\n");
    }

    @Test
    void statusSingleNodeDisconnectedTwoVolumesDiskless() {
        Snapshot s = new Snapshot(List.of(
                ObjectRecord.of(ObjectType.RESOURCE, "name", "r1", "role", "Secondary", "suspended", "user"),
                ObjectRecord.of(ObjectType.DEVICE, "name", "r1", "volume", "0", "disk", "Inconsistent", "quorum", "yes"),
                ObjectRecord.of(ObjectType.DEVICE, "name", "r1", "volume", "1", "disk", "Diskless", "client", "no", "quorum", "no"),
                ObjectRecord.of(ObjectType.CONNECTION, "name", "r1", "peer-node-id", "2", "conn-name", "",
                        "connection", "Connecting", "role", "Unknown")));
        assertThat(new StatusText(false, false, false).format(s)).isEqualTo(String.join("\n",
                "r1 role:Secondary suspended:user",
                "  volume:0 disk:Inconsistent",
                "  volume:1 disk:Diskless client:no quorum:no",
                "  node-id:2 connection:Connecting", "", ""));
    }

    @Test
    void roleCstateDstate() {
        Snapshot s = new Snapshot(Fixtures.syncingR0());
        assertThat(QueryText.role(s, "r0")).isEqualTo("Primary\n");
        assertThat(QueryText.role(s, "r9")).isNull();
        assertThat(QueryText.cstate(s, "r0", 1)).isEqualTo("Connected\n");
        assertThat(QueryText.cstate(s, "r0", 2)).isNull();
        assertThat(QueryText.dstate(s, 0)).isEqualTo("UpToDate/Inconsistent\n");
        assertThat(QueryText.dstate(s, 5)).isNull();
    }

    private static TagList gi(long cur, long bm, long h0, long h1, int flags, int peerFlags, long laSect) {
        return new TagList().addLong(Tags.CURRENT_UUID, cur).addLong(Tags.BITMAP_UUID, bm)
                .addLong(Tags.HISTORY0_UUID, h0).addLong(Tags.HISTORY1_UUID, h1)
                .addLong(Tags.MD_FLAGS, flags).addLong(Tags.PEER_MD_FLAGS, peerFlags)
                .addLong(Tags.LA_SIZE_SECT, laSect);
    }

    /** The stdout block of one step of a drbdmeta transcript. */
    private static String transcriptStdout(String file, String step) {
        String t = Fixtures.resource(file);
        int at = t.indexOf("### step " + step + "\n");
        int start = t.indexOf("### stdout\n", at) + "### stdout\n".length();
        return t.substring(start, t.indexOf("### end\n", start));
    }

    @Test
    void getGiMatchesDebianDrbdmeta() {
        TagList t = gi(0x5A5A5A5A12345678L, 0x1111, 0x2222, 0x3333, MdFlags.CONSISTENT | MdFlags.AL_CLEAN,
                MdFlags.PEER_CONNECTED | MdFlags.PEER_OUTDATED | MdFlags.PEER_DEVICE_SEEN, 0);
        assertThat(GiFormat.getGi(t)).isEqualTo(
                "5A5A5A5A12345678:0000000000001111:0000000000002222:0000000000003333:1:0:0:0:1:0:0:1:1:0:0:1\n");
    }

    @Test
    void showGiMatchesDebianDrbdmeta() {
        TagList t = gi(4, 0, 0, 0, MdFlags.AL_CLEAN, 0, 0);
        assertThat(GiFormat.showGi(t)).isEqualTo(
                transcriptStdout("/meta/int-100M-p1.txt", "--force 0 v09 IMG internal --node-id=0 show-gi"));
    }
}
