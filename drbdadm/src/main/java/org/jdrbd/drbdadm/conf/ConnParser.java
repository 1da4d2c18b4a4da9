package org.jdrbd.drbdadm.conf;

import org.jdrbd.drbdadm.conf.Model.Connection;
import org.jdrbd.drbdadm.conf.Model.HostRef;
import org.jdrbd.drbdadm.conf.Model.Mesh;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.Model.Path;

/** Parses connection, path and connection-mesh sections (DRBD 9 only). */
final class ConnParser {
    private ConnParser() { }

    /** connection [name] { } after the keyword. */
    static Connection connection(Cursor c, int line) {
        Connection conn = new Connection();
        conn.line = line;
        Token t = c.next();
        if (t.is(Tk.STRING)) {
            conn.name = t.text();
            c.diag.warn(c.whereShort(t.line())
                    + "connection names are deprecated and will be ignored\n");
            t = c.next();
        }
        if (!t.is(Tk.LBRACE)) {
            throw c.expected(t, "{", true);
        }
        Path implicit = null;
        for (t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case HOST -> {
                    if (implicit == null) {
                        implicit = new Path();
                        implicit.line = t.line();
                        conn.paths.add(implicit);
                        conn.implicitPath = true;
                    }
                    implicit.hosts.add(hostRef(c, t.line()));
                }
                case PATH -> conn.paths.add(path(c, t.line()));
                case NET -> OptionParser.net(c, conn.net);
                case DISK -> OptionParser.disk(c, new Opts(), conn.pdOpts);
                case VOLUME -> volume(c, conn);
                case PEER_NODE_ID -> {
                    conn.peerNodeId = c.integer().text();
                    c.semi();
                }
                case IS_STANDALONE -> {
                    conn.standalone = true;
                    c.semi();
                }
                case SKIP -> c.skipSection();
                default -> throw c.expected(t, "host | net | skip | }", true);
            }
        }
        return conn;
    }

    private static void volume(Cursor c, Connection conn) {
        int vnr = Integer.parseInt(c.integer().text());
        c.expect(Tk.LBRACE, "{");
        Opts pd = conn.volumePd.computeIfAbsent(vnr, k -> new Opts());
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            if (t.is(Tk.DISK)) {
                OptionParser.disk(c, new Opts(), pd);
            } else {
                throw c.expected(t, "disk | }", true);
            }
        }
    }

    private static Path path(Cursor c, int line) {
        Path p = new Path();
        p.line = line;
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            if (t.is(Tk.THIS_HOST) || t.is(Tk.REMOTE_HOST)) {
                p.hosts.add(showEnd(c, t));
                continue;
            }
            if (!t.is(Tk.HOST)) {
                throw c.expected(t, "host | }", true);
            }
            p.hosts.add(hostRef(c, t.line()));
        }
        return p;
    }

    /** "_this_host ADDR;" / "_remote_host ADDR;" in a path of drbdsetup show output. */
    private static HostRef showEnd(Cursor c, Token kw) {
        HostRef h = new HostRef();
        h.line = kw.line();
        h.name = kw.text();
        h.address = HostParser.address(c);
        h.explicitAddress = true;
        c.semi();
        return h;
    }

    private static HostRef hostRef(Cursor c, int line) {
        HostRef h = new HostRef();
        h.line = line;
        h.name = c.string().text();
        Token t = c.next();
        if (t.is(Tk.ADDRESS)) {
            h.address = HostParser.address(c);
            t = c.next();
        } else if (t.is(Tk.PORT)) {
            h.port = c.integer().text();
            t = c.next();
        }
        if (t.is(Tk.VIA)) {
            c.expect(Tk.PROXY, "proxy");
            HostParser.proxyOn(c, t.line());
            t = c.next();
        }
        if (!t.is(Tk.SEMI)) {
            throw c.expected(t, ";", true);
        }
        return h;
    }

    /** connection-mesh { hosts …; net { } } */
    static Mesh mesh(Cursor c, int line) {
        Mesh m = new Mesh();
        m.line = line;
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case HOSTS -> {
                    for (Token h = c.next(); !h.is(Tk.SEMI); h = c.next()) {
                        if (!h.is(Tk.STRING)) {
                            throw c.expected(h, "TK_STRING | ';'", true);
                        }
                        m.hosts.add(h.text());
                    }
                }
                case NET -> OptionParser.net(c, m.net);
                default -> throw c.expected(t, "hosts | net | }", true);
            }
        }
        return m;
    }
}
