package org.jdrbd.daemon.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Limits;

/**
 * Option tags as drbdsetup show prints them: keyword to value text (numbers in the option's
 * default unit, enumerations by name, booleans yes/no, text as given). Only options the
 * administrator set are in a container, so show lists exactly those, as DRBD's does.
 */
final class OptionText {
    private OptionText() {
    }

    /** The options of one container (null: none). The connection name is not an option here. */
    static Map<String, String> of(TagList container) {
        Map<String, String> out = new LinkedHashMap<>();
        if (container == null) {
            return out;
        }
        for (Tag t : container.all()) {
            Limits.Option o = t.def().option();
            if (o == null || t.def().name().equals("_name")) {
                continue;
            }
            out.put(t.def().name(), text(t, o));
        }
        return out;
    }

    private static String text(Tag t, Limits.Option o) {
        Object v = t.value();
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (o.type() == Limits.Type.ENUM && v instanceof Long i && i >= 0 && i < o.symbols().size()) {
            return o.symbols().get(i.intValue());
        }
        return String.valueOf(v);
    }
}
