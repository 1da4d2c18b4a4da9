package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.statemachine.AfterSbPolicy;
import org.jdrbd.statemachine.FencingPolicy;
import org.junit.jupiter.api.Test;

/*
 * Scenario: a connection made with new-peer options (protocol A, ko-count 3, fencing
 * resource-only, after-sb-0pri discard-zero-changes, a resync rate) gets net-options and
 * peer-device-options requests, with and without --set-defaults.
 * Expectation: a request changes only the options it names; --set-defaults resets the others of
 * that container to DRBD's defaults but leaves the other container alone.
 * Why: drbdadm adjust sends only what differs; dropping the rest would silently change a
 * running connection (protocol, fencing, split-brain policies).
 */
class NetOptionsUpdateTest {

    private static long index(String option, String word) {
        return Limits.lookup(Limits.Section.NET, option).symbols().indexOf(word);
    }

    private static NetOptions base() {
        TagList net = new TagList()
                .addLong(Tags.option(Limits.Section.NET, "protocol"), index("protocol", "A"))
                .addLong(Tags.option(Limits.Section.NET, "ko-count"), 3)
                .addLong(Tags.option(Limits.Section.NET, "fencing"), index("fencing", "resource-only"))
                .addLong(Tags.option(Limits.Section.NET, "after-sb-0pri"),
                        index("after-sb-0pri", "discard-zero-changes"));
        TagList pd = new TagList()
                .addLong(Tags.option(Limits.Section.PEER_DEVICE, "c-plan-ahead"), 0)
                .addLong(Tags.option(Limits.Section.PEER_DEVICE, "resync-rate"), 4096);
        return NetOptions.fromTags(new TagList().addNested(Tags.NET_CONF, net)
                .addNested(Tags.PEER_DEVICE_CONF, pd));
    }

    private static TagList netRequest(String option, long value) {
        return new TagList().addNested(Tags.NET_CONF,
                new TagList().addLong(Tags.option(Limits.Section.NET, option), value));
    }

    @Test
    void netOptionsChangeOnlyWhatTheyName() {
        NetOptions b = base();
        assertThat(b.wireProtocol()).isEqualTo(1);
        NetOptions n = b.updated(netRequest("ping-int", 5), Tags.NET_CONF, false);
        assertThat(n.timers().pingIntSeconds()).isEqualTo(5);
        assertThat(n.wireProtocol()).isEqualTo(1);
        assertThat(n.timers().koCount()).isEqualTo(3);
        assertThat(n.fencing()).isEqualTo(FencingPolicy.RESOURCE_ONLY);
        assertThat(n.splitBrain().afterSb0pri()).isEqualTo(AfterSbPolicy.DISCARD_ZERO_CHANGES);
        assertThat(n.resyncRateKiB()).isEqualTo(4096);
    }

    @Test
    void setDefaultsResetsTheUnnamedOptionsOfThatContainerOnly() {
        NetOptions n = base().updated(netRequest("ping-int", 5), Tags.NET_CONF, true);
        assertThat(n.timers().pingIntSeconds()).isEqualTo(5);
        assertThat(n.wireProtocol()).isEqualTo(3);
        assertThat(n.fencing()).isEqualTo(FencingPolicy.DONT_CARE);
        assertThat(n.splitBrain().afterSb0pri()).isEqualTo(AfterSbPolicy.DISCONNECT);
        assertThat(n.resyncRateKiB()).as("peer-device options untouched").isEqualTo(4096);
    }

    @Test
    void peerDeviceOptionsChangeTheResyncRate() {
        TagList req = new TagList().addNested(Tags.PEER_DEVICE_CONF, new TagList()
                .addLong(Tags.option(Limits.Section.PEER_DEVICE, "resync-rate"), 40960));
        NetOptions n = base().updated(req, Tags.PEER_DEVICE_CONF, false);
        assertThat(n.resyncRateKiB()).isEqualTo(40960);
        assertThat(n.wireProtocol()).as("net options untouched").isEqualTo(1);
    }
}
