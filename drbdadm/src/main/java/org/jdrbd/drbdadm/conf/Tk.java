package org.jdrbd.drbdadm.conf;

import java.util.HashMap;
import java.util.Map;

/**
 * Token kinds of the drbd.conf scanner. The numbers are the ones drbd-utils 9.22 prints in
 * "(TK n)" parse errors, so they are part of the observable interface.
 */
public enum Tk {
    /** '{' */ LBRACE(123, "{"),
    /** '}' */ RBRACE(125, "}"),
    /** ';' */ SEMI(59, ";"),
    /** '[' */ LBRACKET(91, "["),
    /** ']' */ RBRACKET(93, "]"),
    /** ':' */ COLON(58, ":"),
    /** global */ GLOBAL(258, "global"),
    /** resource */ RESOURCE(259, "resource"),
    /** on */ ON(260, "on"),
    /** stacked-on-top-of */ STACKED(261, "stacked-on-top-of"),
    /** net */ NET(262, "net"),
    /** disk */ DISK(263, "disk"),
    /** skip */ SKIP(264, "skip"),
    /** syncer */ SYNCER(265, "syncer"),
    /** startup */ STARTUP(266, "startup"),
    /** disable-ip-verification */ DISABLE_IP_VERIFICATION(267, "disable-ip-verification"),
    /** dialog-refresh */ DIALOG_REFRESH(268, "dialog-refresh"),
    /** handlers */ HANDLERS(270, "handlers"),
    /** common */ COMMON(271, "common"),
    /** address */ ADDRESS(272, "address"),
    /** device */ DEVICE(273, "device"),
    /** minor */ MINOR(274, "minor"),
    /** meta-disk */ META_DISK(275, "meta-disk"),
    /** flexible-meta-disk */ FLEX_META_DISK(276, "flexible-meta-disk"),
    /** node-id */ NODE_ID(277, "node-id"),
    /** minor-count */ MINOR_COUNT(278, "minor-count"),
    /** IPv4 literal */ IPADDR(279, null),
    /** number with optional K/M/G/s suffix */ INTEGER(280, null),
    /** word or quoted string */ STRING(281, null),
    /** any other single character */ ELSE(282, null),
    /** usage-count */ USAGE_COUNT(283, "usage-count"),
    /** ask */ ASK(284, "ask"),
    /** yes */ YES(285, "yes"),
    /** no */ NO(286, "no"),
    /** _this_host (drbdsetup show) */ THIS_HOST(287, "_this_host"),
    /** _remote_host (drbdsetup show) */ REMOTE_HOST(288, "_remote_host"),
    /** _peer_node_id (drbdsetup show) */ PEER_NODE_ID(289, "_peer_node_id"),
    /** _is_standalone (drbdsetup show) */ IS_STANDALONE(290, "_is_standalone"),
    /** proxy */ PROXY(291, "proxy"),
    /** inside */ INSIDE(292, "inside"),
    /** outside */ OUTSIDE(293, "outside"),
    /** word longer than 128 characters */ ERR_STRING_TOO_LONG(295, null),
    /** quoted string longer than 255 characters */ ERR_DQSTRING_TOO_LONG(296, null),
    /** quoted string without closing quote on its line */ ERR_DQSTRING(297, null),
    /** sci */ SCI(298, "sci"),
    /** sdp */ SDP(299, "sdp"),
    /** ssocks */ SSOCKS(300, "ssocks"),
    /** ipv4 */ IPV4(301, "ipv4"),
    /** ipv6 */ IPV6(302, "ipv6"),
    /** IPv6 literal */ IPADDR6(303, null),
    /** include */ INCLUDE(304, "include"),
    /** floating */ FLOATING(306, "floating"),
    /** volume */ VOLUME(307, "volume"),
    /** cmd-timeout-short */ CMD_TIMEOUT_SHORT(308, "cmd-timeout-short"),
    /** cmd-timeout-medium */ CMD_TIMEOUT_MEDIUM(309, "cmd-timeout-medium"),
    /** cmd-timeout-long */ CMD_TIMEOUT_LONG(310, "cmd-timeout-long"),
    /** options */ OPTIONS(311, "options"),
    /** connection */ CONNECTION(312, "connection"),
    /** host */ HOST(313, "host"),
    /** port */ PORT(314, "port"),
    /** connection-mesh */ CONNECTION_MESH(315, "connection-mesh"),
    /** hosts */ HOSTS(316, "hosts"),
    /** via */ VIA(317, "via"),
    /** template-file */ TEMPLATE_FILE(318, "template-file"),
    /** path */ PATH(319, "path"),
    /** udev-always-use-vnr */ UDEV_ALWAYS_USE_VNR(320, "udev-always-use-vnr"),
    /** require-drbd-module-version-eq */ REQ_EQ(321, "require-drbd-module-version-eq"),
    /** require-drbd-module-version-ne */ REQ_NE(322, "require-drbd-module-version-ne"),
    /** require-drbd-module-version-gt */ REQ_GT(323, "require-drbd-module-version-gt"),
    /** require-drbd-module-version-ge */ REQ_GE(324, "require-drbd-module-version-ge"),
    /** require-drbd-module-version-lt */ REQ_LT(325, "require-drbd-module-version-lt"),
    /** require-drbd-module-version-le */ REQ_LE(326, "require-drbd-module-version-le"),
    /** kernel version literal x.y.z */ KERNEL_VERSION(327, null),
    /** end of input */ EOF(0, null);

    /** Number printed in "(TK n)". */
    public final int code;
    /** Fixed spelling for keywords and punctuation, null for value tokens. */
    public final String word;

    Tk(int code, String word) {
        this.code = code;
        this.word = word;
    }

    private static final Map<String, Tk> KEYWORDS = new HashMap<>();

    static {
        for (Tk t : values()) {
            if (t.word != null && t.code > 255) {
                KEYWORDS.put(t.word, t);
            }
        }
    }

    /** The keyword spelled {@code word}, or null when it is an ordinary word. */
    public static Tk keyword(String word) {
        return KEYWORDS.get(word);
    }
}
