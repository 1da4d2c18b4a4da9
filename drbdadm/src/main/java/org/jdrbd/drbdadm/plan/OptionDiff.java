package org.jdrbd.drbdadm.plan;

import java.util.Map;
import java.util.TreeMap;
import org.jdrbd.drbdadm.conf.Model.Opt;
import org.jdrbd.drbdadm.conf.Model.Opts;
import org.jdrbd.drbdadm.conf.OptionValue;
import org.jdrbd.netlink.schema.Limits;

/**
 * Compares a configured option list with the running one the way adjust needs it: an option
 * set to its default counts as absent (drbdsetup show leaves defaults out, a config may spell
 * them), numbers compare in the option's unit (1M equals 1024 for a KiB option), a bare flag
 * means yes.
 */
final class OptionDiff {
    private OptionDiff() { }

    /** True when the two lists would configure the same values in these sections. */
    static boolean same(Opts config, Opts running, Limits.Section... sections) {
        return canonical(config, sections).equals(canonical(running, sections));
    }

    /** True when the option named name differs (e.g. size, which adjust handles by resize). */
    static boolean sameOne(Opts config, Opts running, String name, Limits.Section section) {
        Opts a = only(config, name);
        Opts b = only(running, name);
        return same(a, b, section);
    }

    /** The list without the named options. */
    static Opts without(Opts in, String... names) {
        Opts o = new Opts();
        outer:
        for (Opt x : in.list) {
            for (String n : names) {
                if (x.name().equals(n)) {
                    continue outer;
                }
            }
            o.list.add(x);
        }
        return o;
    }

    private static Opts only(Opts in, String name) {
        Opts o = new Opts();
        Opt x = in.get(name);
        if (x != null) {
            o.list.add(x);
        }
        return o;
    }

    /** name → normalised value, defaults and the connection name dropped. */
    private static Map<String, String> canonical(Opts opts, Limits.Section... sections) {
        Map<String, String> m = new TreeMap<>();
        for (Opt o : opts.list) {
            if (o.name().equals("_name")) {
                continue;
            }
            Limits.Option def = lookup(o.name(), sections);
            String v = normal(def, o.value() == null ? "yes" : o.value());
            if (def != null && def.dflt() != null && v.equals(normal(def, def.dflt()))) {
                continue;
            }
            m.put(o.name(), v);
        }
        return m;
    }

    private static Limits.Option lookup(String name, Limits.Section... sections) {
        for (Limits.Section s : sections) {
            Limits.Option o = Limits.lookup(s, name);
            if (o != null) {
                return o;
            }
        }
        return null;
    }

    private static String normal(Limits.Option def, String value) {
        if (def == null) {
            return value;
        }
        if (def.type() == Limits.Type.NUMBER || def.type() == Limits.Type.NUMBER_OR_SYMBOL) {
            Long n = OptionValue.inUnit(value, def.unit());
            return n == null ? value : Long.toString(n);
        }
        return value;
    }
}
