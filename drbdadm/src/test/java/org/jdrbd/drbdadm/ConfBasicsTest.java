package org.jdrbd.drbdadm;

import static org.assertj.core.api.Assertions.assertThat;

import org.jdrbd.drbdadm.conf.ImplicitNodeId;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.drbdadm.conf.OptionValue;
import org.jdrbd.drbdadm.conf.Scanner;
import org.jdrbd.drbdadm.conf.Tk;
import org.jdrbd.drbdadm.plan.ShellEscape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: the small building blocks of the config reader, table-driven: token kinds of the
 * scanner, the implicit node-id hash, option value checks against the limits table, and the
 * dry-run shell escaping. Expectation: the values drbd-utils 9.22 shows for the same input
 * (token numbers from its "(TK n)" errors, hashes from the fact sheet). Why: the golden tests
 * show whole outputs; these pin the rules so a regression names its cause.
 */
class ConfBasicsTest {

    @ParameterizedTest
    @CsvSource({
        "12, INTEGER", "12M, INTEGER", "123456789, STRING", "512k, STRING", "1.2.3.4, IPADDR",
        "1.2.3, KERNEL_VERSION", "1.2.3.4.5, STRING", "fd00::1, IPADDR6", "::ffff:1.2.3.4, IPADDR6",
        "fe:1:7000, IPADDR6", "resource, RESOURCE", "protocol, STRING", "'\"q r\"', STRING",
        "'\"unterm', ERR_DQSTRING", "$, ELSE", "ipv6, IPV6", "_this_host, THIS_HOST"})
    void scannerKinds(String text, Tk kind) {
        assertThat(new Scanner(text).next().kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"127.0.0.1, a910937e", "127.0.0.2, ba40608a"})
    void implicitNodeIdHash(String address, String hex) {
        assertThat(ImplicitNodeId.hash(address)).isEqualTo(Long.parseLong(hex, 16));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NET|ko-count|999|Value is too big.", "NET|timeout|0|Value is too small.",
        "NET|ko-count|3K|Value is too big.", "NET|tcp-cork|maybe|Value is not 'yes' or 'no'.",
        "PEER_DEVICE|resync-rate|9G|Value is too big.", "PEER_DEVICE|resync-rate|1x|Value is not a number.",
        "NET|sndbuf-size|10M|", "RESOURCE|quorum|majority|", "RESOURCE|quorum|33|Value is too big.",
        "DISK|al-extents|70000|"})
    void optionValues(Limits.Section s, String name, String value, String problem) {
        assertThat(OptionValue.problem(Limits.lookup(s, name), value)).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--shared-secret=a b$c'd|--shared-secret=a\\ b\\$c\\'d",
        "ipv6:[fd00::1]:7800|ipv6:\\[fd00::1\\]:7800", "/dev/drbd0|/dev/drbd0"})
    void shellEscape(String in, String out) {
        assertThat(ShellEscape.escape(in)).isEqualTo(out);
    }
}
