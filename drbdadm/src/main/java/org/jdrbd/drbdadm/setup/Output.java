package org.jdrbd.drbdadm.setup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Result;
import org.jdrbd.netlink.msg.TagList;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.ErrCode;
import org.jdrbd.netlink.schema.Tags;

/** Prints one command's events and final reply, and picks the exit code. */
final class Output {
    private final CliParser.Parsed.Ok req;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean tty;
    private final EventsText events;

    Output(CliParser.Parsed.Ok req, PrintStream out, PrintStream err, boolean tty, ZoneId zone) {
        this.req = req;
        this.out = out;
        this.err = err;
        this.tty = tty;
        this.events = new EventsText(req.tags().getFlag(Tags.STATISTICS),
                req.tags().getFlag(Tags.TIMESTAMPS), zone);
    }

    /** One events2 event. */
    void event(EventRecord e) {
        out.print(events.accept(e));
        out.flush();
    }

    /** The connection broke before the reply. */
    int lost(Path socket, String reason) {
        err.print("drbdsetup: lost the connection to jdrbdd at " + socket + " (" + reason + ")\n");
        return ResultText.EXIT_NO_DAEMON;
    }

    /** The final reply. */
    int finish(TagList tags) {
        Result r = Result.from(tags);
        Command c = req.command();
        if (!r.isSuccess()) {
            String missing = notFound(c, r);
            if (missing != null) {
                err.print(missing);
                return ResultText.EXIT_ERR;
            }
            return ResultText.report(err, req.objName(), r);
        }
        return switch (c.kind()) {
            case QUERY -> query(c, tags);
            case WAIT -> tags.getFlag(Tags.TIMED_OUT) ? ResultText.EXIT_TIMEOUT : 0;
            default -> 0;
        };
    }

    private int query(Command c, TagList tags) {
        Snapshot s = Snapshot.from(tags);
        String res = req.header().resource();
        String text = switch (c) {
            case STATUS -> statusText(s, res);
            case SHOW -> ShowText.format(s);
            case ROLE -> QueryText.role(s, res);
            case CSTATE -> QueryText.cstate(s, res, req.header().peer());
            case DSTATE -> QueryText.dstate(s, req.header().minor());
            case GET_GI -> GiFormat.getGi(tags);
            case SHOW_GI -> GiFormat.showGi(tags);
            default -> "";
        };
        if (text == null) {
            err.print(notFoundText(c));
            return ResultText.EXIT_ERR;
        }
        out.print(text);
        return 0;
    }

    private String statusText(Snapshot s, String res) {
        if (!res.isEmpty() && s.resource(res) == null) {
            return null;
        }
        if (req.client().containsKey("json")) {
            return StatusJson.format(s, req.tags().getFlag(Tags.STATISTICS));
        }
        return new StatusText(req.tags().getFlag(Tags.VERBOSE), req.tags().getFlag(Tags.STATISTICS),
                tty).format(s);
    }

    /** drbd-utils' "No such ..." texts for queries about objects the daemon does not have. */
    private String notFound(Command c, Result r) {
        boolean unknown = r.code() == ErrCode.ERR_RES_NOT_KNOWN.code()
                || r.code() == ErrCode.ERR_MINOR_INVALID.code();
        return unknown && c.kind() == Command.Kind.QUERY || unknown && c == Command.EVENTS2
                ? notFoundText(c) : null;
    }

    private String notFoundText(Command c) {
        String what = switch (c) {
            case ROLE -> "Unknown resource";
            case CSTATE -> "No such connection";
            case DSTATE, GET_GI, SHOW_GI -> "No such device";
            default -> "No such resource";
        };
        return req.objName() + ": " + what + "\n";
    }
}
