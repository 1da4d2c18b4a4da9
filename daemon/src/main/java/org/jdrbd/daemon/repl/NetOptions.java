package org.jdrbd.daemon.repl;

import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;
import org.jdrbd.statemachine.AfterSbPolicy;
import org.jdrbd.statemachine.FencingPolicy;
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
 * @param splitBrain the after-sb policies, rr-conflict, always-asbp and allow-two-primaries
 * @param fencing the fencing policy (net section in DRBD 9, disk section in 8.4; drbdadm passes
 *                it here either way)
 * @param checksums verify-alg, csums-alg and csums-after-crash-only
 * @param conf the request tags these options were built from (net-conf and peer-device-conf
 *             containers), so that net-options and peer-device-options can change only what
 *             they name
 */
public record NetOptions(int wireProtocol, String cramHmacAlg, String sharedSecret,
        TimerConfig timers, boolean useRle, int maxEpochSize, long resyncRateKiB,
        String peerName, SplitBrain splitBrain, FencingPolicy fencing, Checksums checksums,
        TagList conf) {

    /**
     * The digest options of online verify and checksum-based resync (fact sheet §9.6), as
     * {@link Digests} names; "" = off.
     *
     * @param verifyAlg digest of online verify
     * @param csumsAlg digest of checksum-based resync
     * @param csumsAfterCrashOnly use csums only when the resync follows a Primary's crash
     */
    public record Checksums(String verifyAlg, String csumsAlg, boolean csumsAfterCrashOnly) {
        /** Both off. */
        public static final Checksums OFF = new Checksums("", "", false);

        public Checksums {
            verifyAlg = verifyAlg == null ? "" : verifyAlg;
            csumsAlg = csumsAlg == null ? "" : csumsAlg;
        }

        /**
         * Null when both names are usable, else the error for the user (DRBD refuses an unknown
         * algorithm when the options are set, ERR_VERIFY_ALG / ERR_CSUMS_ALG).
         */
        public String error() {
            if (!Digests.isKnownOrOff(verifyAlg)) {
                return "Unknown verify algorithm: verify-alg '" + verifyAlg + "' (known: "
                        + Digests.knownNames() + ")";
            }
            if (!Digests.isKnownOrOff(csumsAlg)) {
                return "Unknown csums algorithm: csums-alg '" + csumsAlg + "' (known: "
                        + Digests.knownNames() + ")";
            }
            return null;
        }
    }

    /**
     * How the handshake resolves a split brain (fact sheet §4).
     *
     * @param afterSb0pri policy when neither node is Primary
     * @param afterSb1pri policy when one node is Primary
     * @param afterSb2pri policy when both nodes are Primary
     * @param rrConflict what a Primary does when the handshake makes it SyncTarget
     * @param alwaysAsbp also try the policies when only the history relates the data
     * @param allowTwoPrimaries both nodes may be Primary at once
     */
    public record SplitBrain(AfterSbPolicy afterSb0pri, AfterSbPolicy afterSb1pri,
            AfterSbPolicy afterSb2pri, AfterSbPolicy rrConflict, boolean alwaysAsbp,
            boolean allowTwoPrimaries) {

        /** DRBD's defaults: disconnect everywhere. */
        public static final SplitBrain DEFAULTS = new SplitBrain(AfterSbPolicy.DISCONNECT,
                AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT, AfterSbPolicy.DISCONNECT, false, false);
    }

    /** c-max-rate default (100 MiB/s). */
    static final long C_MAX_RATE_DEFAULT_KIB = 102400;

    /** DRBD's defaults: protocol C, no authentication, use-rle, c-max-rate. */
    public static NetOptions defaults() {
        return new NetOptions(3, "", "", TimerConfig.DEFAULTS, true, 2048,
                C_MAX_RATE_DEFAULT_KIB, "", SplitBrain.DEFAULTS, FencingPolicy.DONT_CARE, Checksums.OFF,
                new TagList());
    }

    /** The same options for a peer called {@code name}. */
    public NetOptions withPeerName(String name) {
        return new NetOptions(wireProtocol, cramHmacAlg, sharedSecret, timers, useRle, maxEpochSize,
                resyncRateKiB, name, splitBrain, fencing, checksums, conf);
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
                str(net, "_name"), splitBrain(net), fencing(net), checksums(net), confOf(net, pd));
    }

    private static TagList confOf(TagList net, TagList pd) {
        TagList c = new TagList().addNested(Tags.NET_CONF, net);
        return pd == null ? c : c.addNested(Tags.PEER_DEVICE_CONF, pd);
    }

    /**
     * net-options / peer-device-options: the options named in {@code request} replace the
     * current ones of that container; the others stay, unless {@code setDefaults} asks for
     * DRBD's defaults for everything not named.
     *
     * @param container {@link Tags#NET_CONF} or {@link Tags#PEER_DEVICE_CONF}
     */
    public NetOptions updated(TagList request, TagDef container, boolean setDefaults) {
        TagList change = request.getNested(container);
        if (change == null) {
            change = new TagList();
        }
        TagList top = new TagList();
        for (TagDef c : java.util.List.of(Tags.NET_CONF, Tags.PEER_DEVICE_CONF)) {
            TagList old = conf.getNested(c);
            if (c != container) {
                if (old != null) {
                    top.addNested(c, old);
                }
                continue;
            }
            TagList merged = new TagList();
            if (old != null && !setDefaults) {
                for (org.jdrbd.netlink.msg.Tag t : old.all()) {
                    if (!change.has(t.def())) {
                        merged.add(t);
                    }
                }
            }
            change.all().forEach(merged::add);
            top.addNested(c, merged);
        }
        return fromTags(top);
    }

    /**
     * Null when the options can be used, else the error for the user; new-peer and net-options
     * refuse options with an error here.
     */
    public String error() {
        return checksums.error();
    }

    private static Checksums checksums(TagList net) {
        return new Checksums(str(net, "verify-alg"), str(net, "csums-alg"),
                flag(net, "csums-after-crash-only"));
    }

    private static FencingPolicy fencing(TagList net) {
        TagDef def = Tags.option(Limits.Section.NET, "fencing");
        if (def == null || !net.has(def)) {
            return FencingPolicy.DONT_CARE;
        }
        long index = net.getLong(def, 0);
        java.util.List<String> words = def.option().symbols();
        FencingPolicy p = index < 0 || index >= words.size() ? null
                : FencingPolicy.fromConfigName(words.get((int) index));
        return p == null ? FencingPolicy.DONT_CARE : p;
    }

    private static SplitBrain splitBrain(TagList net) {
        return new SplitBrain(policy(net, AfterSbPolicy.Option.AFTER_SB_0PRI),
                policy(net, AfterSbPolicy.Option.AFTER_SB_1PRI),
                policy(net, AfterSbPolicy.Option.AFTER_SB_2PRI),
                policy(net, AfterSbPolicy.Option.RR_CONFLICT), flag(net, "always-asbp"),
                flag(net, "allow-two-primaries"));
    }

    /**
     * An enum option travels as its index in the keyword list. Values this version does not
     * act on (DRBD 9's rr-conflict retry-connect and auto-discard) fall back to disconnect,
     * the behaviour every policy shares when it cannot decide.
     */
    private static AfterSbPolicy policy(TagList net, AfterSbPolicy.Option option) {
        TagDef def = Tags.option(Limits.Section.NET, option.configName());
        if (def == null || !net.has(def)) {
            return AfterSbPolicy.DISCONNECT;
        }
        long index = net.getLong(def, 0);
        java.util.List<String> words = def.option().symbols();
        if (index < 0 || index >= words.size()) {
            return AfterSbPolicy.DISCONNECT;
        }
        AfterSbPolicy.Parsed p = AfterSbPolicy.parse(option, words.get((int) index), "");
        return p.isOk() ? p.policy() : AfterSbPolicy.DISCONNECT;
    }

    private static boolean flag(TagList net, String name) {
        TagDef def = Tags.option(Limits.Section.NET, name);
        return def != null && net.has(def) && net.getFlag(def);
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
