package org.jdrbd.drbdadm.conf;

import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;

/** Parses option sections (net, disk, options, startup, handlers, syncer, proxy). */
final class OptionParser {
    private static final String SYNCER_KEYS =
            "al-extents verify-alg csums-alg use-rle cpu-mask on-no-data-accessible after";

    private OptionParser() { }

    /** net { … } after the keyword. */
    static void net(Cursor c, Opts into) {
        section(c, Limits.Section.NET, null, into, null, "an option keyword");
    }

    /** disk { … }: attach options into disk, peer-device options into pd. */
    static void disk(Cursor c, Opts disk, Opts pd) {
        section(c, Limits.Section.DISK, Limits.Section.PEER_DEVICE, disk, pd,
                Limits.names(Limits.Section.PEER_DEVICE));
    }

    static void options(Cursor c, Opts into) {
        section(c, Limits.Section.RESOURCE, null, into, null, Limits.names(Limits.Section.RESOURCE));
    }

    static void startup(Cursor c, Opts into) {
        section(c, Limits.Section.STARTUP, null, into, null,
                "<an option keyword> | become-primary-on | stacked-timeouts");
    }

    static void handlers(Cursor c, Opts into) {
        section(c, Limits.Section.HANDLERS, null, into, null, Limits.names(Limits.Section.HANDLERS));
    }

    /** syncer { … }: only keys that still exist in 9 are mapped. */
    static void syncer(Cursor c, Model.Resource r) {
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            if (!t.is(Tk.STRING) || !(" " + SYNCER_KEYS + " ").contains(" " + t.text() + " ")) {
                throw c.expected(t, "a syncer option keyword", false);
            }
            String name = t.text();
            Limits.Section s = switch (name) {
                case "al-extents", "after" -> Limits.Section.DISK;
                case "cpu-mask", "on-no-data-accessible" -> Limits.Section.RESOURCE;
                default -> Limits.Section.NET;
            };
            String real = name.equals("after") ? "resync-after" : name;
            Opts into = s == Limits.Section.DISK ? r.disk : s == Limits.Section.NET ? r.net : r.options;
            value(c, Limits.lookup(s, real), real, t.line(), into);
        }
    }

    /** proxy { … } at resource level. */
    static void proxy(Cursor c, Opts into, java.util.List<String> plugins) {
        Token open = c.next();
        if (!open.is(Tk.LBRACE)) {
            throw new ConfigException(c.whereShort(open.line())
                    + "expected \"{\" after \"proxy\" keyword\n", 10);
        }
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            if (t.is(Tk.STRING) && t.text().equals("plugin")) {
                plugin(c, plugins);
                continue;
            }
            Limits.Option o = t.is(Tk.STRING) ? Limits.lookup(Limits.Section.PROXY, t.text()) : null;
            if (o == null) {
                throw new ConfigException(c.whereShort(t.line())
                        + "expected \"{\" after \"proxy\" keyword\n", 10);
            }
            value(c, o, t.text(), t.line(), into);
        }
    }

    private static void plugin(Cursor c, java.util.List<String> plugins) {
        c.expect(Tk.LBRACE, "{");
        StringBuilder line = new StringBuilder();
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            if (t.is(Tk.EOF)) {
                throw c.expected(t, "}", true);
            }
            if (t.is(Tk.SEMI)) {
                plugins.add(line.toString());
                line.setLength(0);
            } else {
                line.append(line.length() > 0 ? " " : "").append(t.text());
            }
        }
    }

    private static void section(Cursor c, Limits.Section main, Limits.Section second,
                                Opts mainInto, Opts secondInto, String expected) {
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            String word = t.is(Tk.STRING) || t.kind().word != null && t.kind().code > 255
                    ? t.text() : null;
            if (word == null) {
                throw c.expected(t, expected, false);
            }
            Resolved r = resolve(word, main, second);
            if (r == null) {
                throw c.expected(t, expected, false);
            }
            value(c, r.option, r.name, t.line(), r.second ? secondInto : mainInto, r.negated);
        }
    }

    private record Resolved(Limits.Option option, String name, boolean second, boolean negated) { }

    private static Resolved resolve(String word, Limits.Section main, Limits.Section second) {
        for (int pass = 0; pass < 2; pass++) {
            boolean negated = pass == 1;
            if (negated && !word.startsWith("no-")) {
                break;
            }
            String name = negated ? word.substring(3) : word;
            Limits.Option o = Limits.lookup(main, name);
            boolean sec = false;
            if (o == null && second != null) {
                o = Limits.lookup(second, name);
                sec = o != null;
            }
            if (o != null && (!negated || o.type() == Limits.Type.BOOLEAN)) {
                return new Resolved(o, name, sec, negated);
            }
        }
        return null;
    }

    private static void value(Cursor c, Limits.Option o, String name, int line, Opts into) {
        value(c, o, name, line, into, false);
    }

    private static void value(Cursor c, Limits.Option o, String name, int line, Opts into,
                              boolean negated) {
        Token v = c.next();
        String value;
        if (v.is(Tk.SEMI)) {
            value = negated ? "no" : o.type() == Limits.Type.BOOLEAN ? "yes" : null;
        } else {
            value = v.text();
            String problem = OptionValue.problem(o, value);
            if (problem != null) {
                // reported, and parsing goes on (drbd-utils exits 10 after the parse)
                c.diag.error(c.whereShort(v.line()) + "Parse error: while parsing value ('"
                        + Diag.shown(v) + "')\nfor " + name + ". " + problem + "\n");
            }
            c.semi();
        }
        if (o.name().equals("become-primary-on")) {
            return;
        }
        into.list.add(new Opt(name, value, line));
    }
}
