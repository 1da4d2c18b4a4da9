package org.jdrbd.daemon.repl;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.Tags;
import org.junit.jupiter.api.Test;

/*
 * Scenario: net options arrive as control-protocol tags with verify-alg, csums-alg and
 * csums-after-crash-only set, unset, and set to names this daemon does not know; the options are
 * copied for a named peer.
 * Expectation: the names and flag as given ("" when absent), no error for known names or off, a
 * clear error naming the option and the known algorithms for an unknown name, and the copy keeps
 * the checksums.
 * Why: an unknown digest must be refused when the options are set (DRBD's ERR_VERIFY_ALG /
 * ERR_CSUMS_ALG), not discovered when a verify or resync starts.
 */
class NetOptionsChecksumsTest {

    private static NetOptions opts(String verify, String csums, boolean afterCrash) {
        TagList net = new TagList();
        if (verify != null) {
            net.addString(Tags.option(Limits.Section.NET, "verify-alg"), verify);
        }
        if (csums != null) {
            net.addString(Tags.option(Limits.Section.NET, "csums-alg"), csums);
        }
        if (afterCrash) {
            net.addFlag(Tags.option(Limits.Section.NET, "csums-after-crash-only"), true);
        }
        return NetOptions.fromTags(new TagList().addNested(Tags.NET_CONF, net));
    }

    @Test
    void namesAndFlagComeFromTheNetSection() {
        NetOptions o = opts("sha256", "crc32c", true);
        assertThat(o.checksums()).isEqualTo(new NetOptions.Checksums("sha256", "crc32c", true));
        assertThat(o.error()).isNull();
        assertThat(o.withPeerName("b").checksums()).isEqualTo(o.checksums());
        assertThat(opts(null, null, false).checksums()).isEqualTo(NetOptions.Checksums.OFF);
        assertThat(NetOptions.defaults().checksums()).isEqualTo(NetOptions.Checksums.OFF);
    }

    @Test
    void unknownAlgorithmsAreAClearError() {
        assertThat(opts("whirlpool", "", false).error())
                .contains("Unknown verify algorithm", "whirlpool", "crc32c");
        assertThat(opts("", "tiger", false).error())
                .contains("Unknown csums algorithm", "tiger", "sha1");
        assertThat(opts("md5", "sha1", false).error()).isNull();
    }
}
