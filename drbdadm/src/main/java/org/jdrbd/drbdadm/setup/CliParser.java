package org.jdrbd.drbdadm.setup;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Arg;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;

/**
 * Parses a drbdsetup command line from the schema: the command's positional arguments, its
 * option sections (names = drbd.conf keywords, values checked by {@link OptionText}) and its
 * flags. {@code --opt=value} and {@code --opt value} are both accepted, options anywhere after
 * the command word, as getopt does.
 */
final class CliParser {
    /** Client-side switches that never go on the wire. */
    private static final List<String> CLIENT_SWITCHES = List.of("json", "color", "full", "diff",
            "poll");

    private CliParser() { }

    /** What a command line means. */
    sealed interface Parsed {
        /** A request to send. objName is what error messages name (as drbd-utils' objname). */
        record Ok(Command command, Header header, TagList tags, String objName,
                  Map<String, String> client) implements Parsed { }

        /** A usage error; text is printed to stderr, exit 20. */
        record Usage(String text) implements Parsed { }
    }

    /** Parses argv after normalisation (command word first). */
    static Parsed parse(String[] argv) {
        Command c = Command.fromCliName(argv[0]);
        if (c == null) {
            return new Parsed.Usage("drbdsetup: unknown command '" + argv[0] + "'");
        }
        List<String> positional = new ArrayList<>();
        Map<String, String> client = new LinkedHashMap<>();
        Map<Limits.Section, TagList> sections = new LinkedHashMap<>();
        TagList top = new TagList();
        for (int i = 1; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.equals("--")) {
                if (!a.equals("--")) {
                    positional.add(a);
                }
                continue;
            }
            int eq = a.indexOf('=');
            String name = a.substring(2, eq < 0 ? a.length() : eq);
            String value = eq < 0 ? null : a.substring(eq + 1);
            if (CLIENT_SWITCHES.contains(name)) {
                client.put(name, value == null ? "yes" : value);
                continue;
            }
            Found f = find(c, name);
            if (f == null) {
                return usage(c, "unrecognized option '--" + name + "'");
            }
            if (value == null && f.def.type() != org.jdrbd.netlink.schema.TagType.FLAG
                    && i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            }
            OptionText.Parsed p = OptionText.parse(f.def, value);
            if (p instanceof OptionText.Parsed.Problem bad) {
                return usage(c, bad.text());
            }
            Tag t = ((OptionText.Parsed.Ok) p).tag();
            if (f.section == null) {
                top.add(t);
            } else {
                sections.computeIfAbsent(f.section, s -> new TagList()).add(t);
            }
        }
        sections.forEach((s, list) -> top.addNested(Tags.container(s), list));
        return positionals(c, positional, top, client);
    }


    private record Found(TagDef def, Limits.Section section) { }

    private static Found find(Command c, String name) {
        for (TagDef f : c.flags()) {
            if (f.name().equals(name)) {
                return new Found(f, null);
            }
        }
        for (Limits.Section s : c.sections()) {
            TagDef d = Tags.option(s, name);
            if (d != null) {
                return new Found(d, s);
            }
        }
        return null;
    }

    private static Parsed positionals(Command c, List<String> pos, TagList tags,
                                      Map<String, String> client) {
        Header h = Header.request(c, 0);
        List<Arg> want = c.args();
        int required = (int) want.stream().filter(a -> a != Arg.RESOURCE_OPT).count();
        if (pos.size() < required) {
            return usage(c, "missing argument " + want.get(pos.size()).usageName());
        }
        if (pos.size() > want.size()) {
            return usage(c, "too many arguments ('" + pos.get(want.size()) + "')");
        }
        for (int i = 0; i < pos.size(); i++) {
            Arg a = want.get(i);
            String v = pos.get(i);
            String bad = null;
            switch (a) {
                case RESOURCE, RESOURCE_OPT -> {
                    bad = resourceProblem(v);
                    h = h.withResource(a == Arg.RESOURCE_OPT && v.equals("all") ? "" : v);
                }
                case MINOR -> {
                    int m = minor(v);
                    bad = m < 0 ? "'" + v + "' is not a minor number" : null;
                    h = h.withMinor(m);
                }
                case PEER, NODE_ID -> {
                    int n = number(v, 31);
                    bad = n < 0 ? "'" + v + "' is not a node id (0..31)" : null;
                    if (a == Arg.PEER) {
                        h = h.withPeer(n);
                    } else if (n >= 0) {
                        tags.addLong(Tags.NODE_ID, n);
                    }
                }
                case VOLUME -> {
                    int n = number(v, 65535);
                    bad = n < 0 ? "'" + v + "' is not a volume number (0..65535)" : null;
                    h = h.withVolume(n);
                }
                default -> {
                    OptionText.Parsed p = OptionText.parse(a.tag(), v);
                    if (p instanceof OptionText.Parsed.Problem pr) {
                        bad = pr.text();
                    } else {
                        tags.add(((OptionText.Parsed.Ok) p).tag());
                    }
                }
            }
            if (bad != null) {
                return usage(c, bad);
            }
        }
        String obj = pos.isEmpty() ? "all" : pos.get(0);
        return new Parsed.Ok(c, h, tags, obj, client);
    }

    private static String resourceProblem(String v) {
        if (v.isEmpty() || v.getBytes(StandardCharsets.UTF_8).length > Tags.MAX_NAME_BYTES) {
            return "invalid resource name '" + v + "'";
        }
        return null;
    }

    /** N, minor-N or /dev/drbdN; -1 when malformed. */
    static int minor(String v) {
        String s = v.startsWith("/dev/drbd") ? v.substring(9)
                : v.startsWith("minor-") ? v.substring(6) : v;
        return number(s, 1048575);
    }

    private static int number(String s, int max) {
        if (s.isEmpty() || s.length() > 7 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int n = Integer.parseInt(s);
        return n <= max ? n : -1;
    }

    private static Parsed usage(Command c, String why) {
        StringBuilder u = new StringBuilder("drbdsetup " + c.cliName() + ": " + why + "\n");
        u.append("USAGE: ").append(Usage.line(c));
        return new Parsed.Usage(u.toString());
    }
}
