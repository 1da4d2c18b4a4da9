package org.jdrbd.drbdadm.conf;

import org.jdrbd.drbdadm.conf.Model.Address;
import org.jdrbd.drbdadm.conf.Model.Host;
import org.jdrbd.drbdadm.conf.Model.HostKind;
import org.jdrbd.drbdadm.conf.Model.Volume;

/** Parses host sections, volumes, addresses and device/disk/meta-disk statements. */
final class HostParser {
    /** Highest node-id drbd-utils accepts in a host section. */
    private static final long MAX_NODE_ID = 32;
    private static final String HOST_ITEMS =
            "disk | device | address | meta-disk | flexible-meta-disk | node-id | skip";
    private static final String VOLUME_ITEMS = "device | disk | meta-disk | flex-meta-disk | }";

    private HostParser() { }

    /** on NAME… { } after the "on" keyword. */
    static Host on(Cursor c, Model.Resource r, Repeats seen) {
        Host h = new Host();
        h.kind = HostKind.ON;
        Token t = c.next();
        h.line = t.line();
        while (!t.is(Tk.LBRACE)) {
            if (!t.is(Tk.STRING)) {
                throw c.expected(t, "TK_STRING | '{'", true);
            }
            h.names.add(t.text());
            seen.once("host section", " on " + t.text(), t.line());
            t = c.next();
        }
        if (h.names.isEmpty()) {
            throw c.expected(t, "TK_STRING", true);
        }
        c.localSection = c.hostname == null
                || h.names.stream().anyMatch(n -> ThisHost.namesEqual(n, c.hostname));
        body(c, h, r, HOST_ITEMS, true, seen);
        c.localSection = true;
        Uniqueness.hostMinors(c, h);
        return h;
    }

    /** floating [AF] ADDR:PORT { } or ; */
    static Host floating(Cursor c, Model.Resource r, Repeats seen) {
        Host h = new Host();
        h.kind = HostKind.FLOATING;
        h.line = c.peek().line();
        h.address = address(c);
        h.names.add(h.address.af().equals("ipv6")
                ? "ipv6 [" + h.address.addr() + "]:" + h.address.port()
                : h.address.addr() + ":" + h.address.port());
        Token t = c.next();
        if (t.is(Tk.SEMI)) {
            return h;
        }
        if (!t.is(Tk.LBRACE)) {
            throw c.expected(t, "{", true);
        }
        body(c, h, r, HOST_ITEMS, false, seen);
        return h;
    }

    /** stacked-on-top-of LOWER { } */
    static Host stacked(Cursor c, Model.Resource r, Repeats seen) {
        Host h = new Host();
        h.kind = HostKind.STACKED;
        Token name = c.string();
        h.line = name.line();
        h.lowerName = name.text();
        h.names.add(name.text());
        c.expect(Tk.LBRACE, "{");
        body(c, h, r, "device | address | proxy | volume | node-id", true, seen);
        return h;
    }

    /** _this_host / _remote_host { } from drbdsetup show. */
    static Host showHost(Cursor c, Model.Resource r, HostKind kind, Repeats seen) {
        Host h = new Host();
        h.kind = kind;
        h.line = c.peek().line();
        c.expect(Tk.LBRACE, "{");
        body(c, h, r, HOST_ITEMS, true, seen);
        return h;
    }

    private static void body(Cursor c, Host h, Model.Resource r, String items, boolean addr,
                             Repeats seen) {
        String host = h.names.isEmpty() ? "" : h.names.get(0);
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case NODE_ID -> {
                    seen.once("node-id statement", host + ":node-id", t.line());
                    Token id = c.integer();
                    seen.once("node-id", id.text(), t.line());
                    h.nodeId = id.text();
                    Long n = OptionValue.inUnit(id.text(), '1');
                    if (n == null || n > MAX_NODE_ID) {
                        c.diag.error(c.whereShort(id.line()) + "node-id " + id.text() + " => " + n
                                + " out of range [0.." + MAX_NODE_ID + "].\n");
                    }
                    c.semi();
                }
                case ADDRESS -> {
                    if (!addr) {
                        throw c.expected(t, items, false);
                    }
                    seen.once("address statement", host + ":address", t.line());
                    h.address = address(c);
                    c.semi();
                }
                case VOLUME -> h.volumes.add(volume(c, t.line()));
                case DEVICE, DISK, META_DISK, FLEX_META_DISK -> {
                    String stmt = t.is(Tk.FLEX_META_DISK) ? "meta-disk" : t.text();
                    seen.once(stmt + " statement", host + ":" + stmt, t.line());
                    Volume v = implicitVolume(h.volumes, t.line());
                    volumeItem(c, v, t);
                }
                case OPTIONS -> OptionParser.options(c, h.resOpts);
                case PROXY -> h.proxy = proxyOn(c, t.line());
                case SKIP -> c.skipSection();
                default -> throw c.expected(t, items, false);
            }
        }
    }

    static Volume implicitVolume(java.util.List<Volume> volumes, int line) {
        for (Volume v : volumes) {
            if (v.implicit) {
                return v;
            }
        }
        Volume v = new Volume();
        v.implicit = true;
        v.vnr = 0;
        v.line = line;
        volumes.add(v);
        return v;
    }

    /** volume N { } after the keyword. */
    static Volume volume(Cursor c, int line) {
        Volume v = new Volume();
        v.vnr = Integer.parseInt(stripSuffix(c.integer().text()));
        v.line = line;
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case DEVICE, DISK, META_DISK, FLEX_META_DISK -> volumeItem(c, v, t);
                case SKIP -> c.skipSection();
                default -> throw c.expected(t, VOLUME_ITEMS, true);
            }
        }
        return v;
    }

    private static String stripSuffix(String n) {
        char last = n.charAt(n.length() - 1);
        return Character.isDigit(last) ? n : n.substring(0, n.length() - 1);
    }

    static void volumeItem(Cursor c, Volume v, Token kw) {
        switch (kw.kind()) {
            case DEVICE -> device(c, v);
            case DISK -> {
                if (c.peek().is(Tk.LBRACE)) {
                    OptionParser.disk(c, v.diskOpts, v.pdOpts);
                } else {
                    v.disk = c.string().text();
                    c.semi();
                }
            }
            case META_DISK -> metaDisk(c, v, false);
            case FLEX_META_DISK -> metaDisk(c, v, true);
            default -> throw new IllegalStateException(kw.kind().name());
        }
    }

    private static void device(Cursor c, Volume v) {
        v.deviceGiven = true;
        Token t = c.next();
        if (t.is(Tk.STRING)) {
            int line = t.line();
            String name = t.text().startsWith("/dev/") ? t.text() : "/dev/" + t.text();
            v.deviceNameGiven = true;
            v.device = name;
            t = c.next();
            Integer minor = null;
            if (t.is(Tk.MINOR)) {
                minor = Integer.parseInt(stripSuffix(c.integer().text()));
                t = c.next();
            }
            deviceName(c, v, name, minor, line);
        } else if (t.is(Tk.MINOR)) {
            v.minor = Integer.parseInt(stripSuffix(c.integer().text()));
            v.device = "/dev/drbd" + v.minor;
            t = c.next();
        } else {
            throw c.expected(t, "TK_STRING | TK_MINOR", true);
        }
        if (!t.is(Tk.SEMI)) {
            throw c.expected(t, ";", true);
        }
    }

    /**
     * A device name and optional explicit minor, checked as drbd-utils does: the name must start
     * with /dev/drbd (only checked in this node's sections); without a minor it must end in the
     * minor number; with one it must agree or be an arbitrary /dev/drbd_ name.
     */
    private static void deviceName(Cursor c, Volume v, String name, Integer minor, int line) {
        boolean drbd = name.startsWith("/dev/drbd");
        String tail = drbd ? name.substring(9) : "";
        boolean numbered = tail.matches("[0-9]+");
        String arbitrary = "mind the '_'! (/dev/ is optional, but drbd_ is required)\n";
        if (!drbd && c.localSection) {
            c.diag.error(c.whereShort(line) + "device name must start with /dev/drbd\n"
                    + "\t(/dev/ is optional, but drbd is required)\n");
        }
        if (minor == null) {
            if (numbered) {
                v.minor = Integer.parseInt(tail);
            } else {
                c.diag.error(c.whereShort(line) + "no minor given nor device name contains a minor number\n");
            }
            return;
        }
        v.minor = minor;
        if (!c.localSection) {
            return;
        }
        if (numbered && Integer.parseInt(tail) != minor) {
            c.diag.error(c.whereShort(line) + "explicit minor number must match with device name\n"
                    + "\tTry \"device /dev/drbd" + minor + " minor " + minor + ";\",\n"
                    + "\tor leave off either device name or explicit minor.\n"
                    + "\tArbitrary device names must start with /dev/drbd_\n\t" + arbitrary);
        } else if (!numbered && !name.startsWith("/dev/drbd_")) {
            c.diag.error(c.whereShort(line) + "arbitrary device name must start with /dev/drbd_\n\t"
                    + arbitrary);
        }
    }

    private static void metaDisk(Cursor c, Volume v, boolean flexible) {
        Token t = c.string();
        v.flexibleKeyword = flexible;
        v.metaDisk = t.text();
        if (t.text().equals("internal")) {
            v.metaIndex = "internal";
        } else {
            v.metaIndex = "flexible";
        }
        Token n = c.next();
        if (!flexible && n.is(Tk.LBRACKET) && !t.text().equals("internal")) {
            v.metaIndex = stripSuffix(c.integer().text());
            c.expect(Tk.RBRACKET, "]");
            n = c.next();
        }
        if (!n.is(Tk.SEMI)) {
            throw c.expected(n, ";", true);
        }
    }

    /** [AF] ADDR:PORT */
    static Address address(Cursor c) {
        Token t = c.next();
        int line = t.line();
        String af = "ipv4";
        switch (t.kind()) {
            case IPV4, IPV6, SSOCKS, SDP -> {
                af = t.text();
                t = c.next();
            }
            case SCI -> {
                af = "ssocks";
                t = c.next();
            }
            case IPADDR -> { }
            default -> throw c.expected(t, "ssocks | sdp | ipv4 | ipv6 | <ipv4 address> ", false);
        }
        String addr;
        if (af.equals("ipv6")) {
            if (!t.is(Tk.LBRACKET)) {
                throw c.expected(t, "[", true);
            }
            Token a = c.next();
            if (!a.is(Tk.IPADDR6)) {
                throw c.expected(a, "TK_IPADDR6", true);
            }
            addr = a.text();
            c.expect(Tk.RBRACKET, "]");
        } else {
            if (!t.is(Tk.IPADDR)) {
                throw c.expected(t, "TK_IPADDR", true);
            }
            addr = t.text();
        }
        c.expect(Tk.COLON, ":");
        String port = c.integer().text();
        return new Address(af, addr, port, line);
    }

    /** proxy on NAME… { inside …; outside …; options { } } */
    static Model.Proxy proxyOn(Cursor c, int line) {
        Model.Proxy p = new Model.Proxy();
        p.line = line;
        c.expect(Tk.ON, "on");
        Token t = c.next();
        while (!t.is(Tk.LBRACE)) {
            if (!t.is(Tk.STRING)) {
                throw c.expected(t, "TK_STRING | '{'", true);
            }
            p.names.add(t.text());
            t = c.next();
        }
        for (t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case INSIDE -> {
                    p.inside = address(c);
                    c.semi();
                }
                case OUTSIDE -> {
                    p.outside = address(c);
                    c.semi();
                }
                case OPTIONS -> OptionParser.proxy(c, p.opts, p.plugins);
                default -> throw c.expected(t, "inside | outside", false);
            }
        }
        return p;
    }
}
