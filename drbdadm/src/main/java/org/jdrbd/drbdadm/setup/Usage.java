package org.jdrbd.drbdadm.setup;

import org.jdrbd.netlink.schema.Arg;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.Limits;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;

/** Usage text generated from the schema (one source for parser and help). */
final class Usage {
    private Usage() { }

    /** "drbdsetup CMD {resource} ... [--opt=...]" for one command. */
    static String line(Command c) {
        StringBuilder s = new StringBuilder("drbdsetup ").append(c.cliName());
        for (Arg a : c.args()) {
            s.append(a == Arg.RESOURCE_OPT ? " [{" + a.usageName() + "}|all]" : " {" + a.usageName() + "}");
        }
        for (TagDef f : c.flags()) {
            s.append(" [--").append(f.name()).append(f.type() == org.jdrbd.netlink.schema.TagType.FLAG
                    ? "" : "=...").append(']');
        }
        for (Limits.Section sec : c.sections()) {
            for (TagDef d : Tags.options(sec)) {
                s.append(" [--").append(d.name()).append("=...]");
            }
        }
        return s.append('\n').toString();
    }

    /** The list of commands (no arguments given). */
    static String commands() {
        StringBuilder s = new StringBuilder("USAGE: drbdsetup command {arguments} [options]\n\nCommands:\n");
        for (Command c : Command.values()) {
            if (c.kind() != Command.Kind.INTERNAL) {
                s.append("    ").append(c.cliName()).append('\n');
            }
        }
        return s.toString();
    }
}
