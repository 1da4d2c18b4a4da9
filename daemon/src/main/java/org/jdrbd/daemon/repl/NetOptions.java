package org.jdrbd.daemon.repl;

import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.statemachine.TimerConfig;

/**
 * A connection's net options (and the peer-device resync rate) as replication uses them, in
 * DRBD's units. {@code resyncRateKiB} is the fixed rate of this version's controller: resync-rate
 * with c-plan-ahead 0, else c-max-rate (the dynamic controller is a follow-up).
 *
 * @param wireProtocol A=1, B=2, C=3
 * @param cramHmacAlg "" when no authentication
 * @param sharedSecret "" when none
 * @param timers ping-int, ping-timeout, timeout, ko-count, connect-int
 * @param useRle send the bitmap run-length coded
 * @param maxEpochSize writes per epoch at most
 * @param resyncRateKiB resync rate in KiB/s
 * @param peerName the peer's host name (connection name), "" when unknown
 */
public record NetOptions(int wireProtocol, String cramHmacAlg, String sharedSecret,
        TimerConfig timers, boolean useRle, int maxEpochSize, long resyncRateKiB,
        String peerName) {

    /** c-max-rate default (100 MiB/s). */
    static final long C_MAX_RATE_DEFAULT_KIB = 102400;

    /** DRBD's defaults: protocol C, no authentication, use-rle, c-max-rate. */
    public static NetOptions defaults() {
        return new NetOptions(3, "", "", TimerConfig.DEFAULTS, true, 2048,
                C_MAX_RATE_DEFAULT_KIB, "");
    }

    /** Protocol letter. */
    public char protocolLetter() {
        return (char) ('A' + wireProtocol - 1);
    }

    /** The options in a control request's net-conf and peer-device-conf containers. */
    public static NetOptions fromTags(TagList top) {
        NetOptions d = defaults();
        TagList net = top.getNested(Tags.NET_CONF);
        TagList pd = top.getNested(Tags.PEER_DEVICE_CONF);
        if (net == null) {
            net = new TagList();
        }
        int proto = (int) num(net, Limits.Section.NET, "protocol", 2) + 1;
        TimerConfig t = new TimerConfig(
                (int) num(net, Limits.Section.NET, "ping-int", TimerConfig.DEFAULT_PING_INT_SECONDS),
                (int) num(net, Limits.Section.NET, "ping-timeout", TimerConfig.DEFAULT_PING_TIMEOUT_TENTHS),
                (int) num(net, Limits.Section.NET, "timeout", TimerConfig.DEFAULT_TIMEOUT_TENTHS),
                (int) num(net, Limits.Section.NET, "ko-count", TimerConfig.DEFAULT_KO_COUNT),
                (int) num(net, Limits.Section.NET, "connect-int", TimerConfig.DEFAULT_CONNECT_INT_SECONDS));
        TagDef rle = Tags.option(Limits.Section.NET, "use-rle");
        boolean useRle = net.has(rle) ? net.getFlag(rle) : d.useRle();
        long rate = d.resyncRateKiB();
        if (pd != null) {
            long planAhead = num(pd, Limits.Section.PEER_DEVICE, "c-plan-ahead", 20);
            rate = planAhead == 0 ? num(pd, Limits.Section.PEER_DEVICE, "resync-rate", 250)
                    : num(pd, Limits.Section.PEER_DEVICE, "c-max-rate", C_MAX_RATE_DEFAULT_KIB);
        }
        return new NetOptions(proto, str(net, "cram-hmac-alg"), str(net, "shared-secret"), t,
                useRle, (int) num(net, Limits.Section.NET, "max-epoch-size", 2048), rate,
                str(net, "_name"));
    }

    private static long num(TagList l, Limits.Section s, String name, long dflt) {
        TagDef def = Tags.option(s, name);
        return def == null ? dflt : l.getLong(def, dflt);
    }

    private static String str(TagList l, String name) {
        TagDef def = Tags.option(Limits.Section.NET, name);
        return def == null ? "" : l.getString(def, "");
    }
}
