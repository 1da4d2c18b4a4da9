package org.jdrbd.netlink.codec;

import java.util.HashSet;
import java.util.Set;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Request;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.Tag;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Arg;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;

/**
 * Checks a decoded request against its command's schema row: every positional argument present,
 * only the command's own flags and option sections, each section's container holding only that
 * section's options. The daemon runs it before dispatching.
 */
public final class RequestCheck {
    private RequestCheck() { }

    /** Null when the request fits its command, else ERR_INVALID_REQUEST with the reason. */
    public static Result check(Request r) {
        Command c = r.command();
        if (c.kind() == Command.Kind.INTERNAL) {
            return invalid(c.cliName() + " is not a request");
        }
        for (Arg a : c.args()) {
            String missing = missing(a, r.header(), r.tags());
            if (missing != null) {
                return invalid(c.cliName() + ": missing " + missing);
            }
        }
        Set<Integer> allowed = new HashSet<>();
        c.args().stream().filter(a -> a.tag() != null).forEach(a -> allowed.add(a.tag().number()));
        c.flags().forEach(f -> allowed.add(f.number()));
        for (Limits.Section s : c.sections()) {
            allowed.add(Tags.container(s).number());
        }
        for (Tag t : r.tags().all()) {
            if (!allowed.contains(t.def().number())) {
                return invalid(c.cliName() + ": tag " + t.def().name() + " not allowed");
            }
        }
        for (Limits.Section s : c.sections()) {
            Result bad = checkContainer(s, r.tags().getNested(Tags.container(s)));
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private static Result checkContainer(Limits.Section s, TagList opts) {
        if (opts == null) {
            return null;
        }
        for (Tag t : opts.all()) {
            TagDef d = t.def();
            if (d.option() == null || Tags.option(s, d.name()) != d) {
                return invalid(d.name() + " is not a " + s.name().toLowerCase() + " option");
            }
        }
        return null;
    }

    private static String missing(Arg a, Header h, TagList tags) {
        return switch (a) {
            case RESOURCE -> h.resource().isEmpty() ? "resource name" : null;
            case RESOURCE_OPT -> null;
            case MINOR -> h.minor() < 0 ? "minor" : null;
            case PEER -> h.peer() < 0 ? "peer node id" : null;
            case VOLUME -> h.volume() < 0 ? "volume" : null;
            default -> tags.has(a.tag()) ? null : a.tag().name();
        };
    }

    private static Result invalid(String why) {
        return Result.err(ErrCode.ERR_INVALID_REQUEST, why);
    }
}
