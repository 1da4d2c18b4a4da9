package org.jdrbd.drbdadm.setup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.jdrbd.netlink.msg.EventRecord;
import org.jdrbd.netlink.msg.Header;
import org.jdrbd.netlink.msg.Message;
import org.jdrbd.netlink.msg.MsgType;
import org.jdrbd.netlink.transport.ControlClient;
import org.jdrbd.netlink.transport.ControlSocket;

/**
 * drbdsetup: one request over the control protocol (or an events2 stream), its reply printed in
 * drbd-utils' formats with drbd-utils' exit codes. Plain JDK only on this path (no Vert.x, no
 * logging framework): Pacemaker calls it constantly.
 */
public final class DrbdsetupMain {
    private DrbdsetupMain() { }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs with the process environment; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), System.console() != null, ZoneId.systemDefault());
    }

    /** Runs with an explicit environment (drbdadm passes its own); returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, out, err, env, System.console() != null, ZoneId.systemDefault());
    }

    /** Runs with an explicit environment, tty flag and time zone (tests). */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env,
                   boolean tty, ZoneId zone) {
        String[] argv = Argv.normalize(args);
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            out.print(Usage.commands());
            return ResultText.EXIT_NO_DAEMON;
        }
        CliParser.Parsed p = CliParser.parse(argv);
        if (p instanceof CliParser.Parsed.Usage u) {
            err.print(u.text());
            return ResultText.EXIT_NO_DAEMON;
        }
        CliParser.Parsed.Ok req = (CliParser.Parsed.Ok) p;
        Path socket = ControlSocket.path(env);
        ControlClient.Connect c = ControlClient.connect(socket);
        if (c instanceof ControlClient.Connect.Unreachable u) {
            err.print(noDaemon(u));
            return ResultText.EXIT_NO_DAEMON;
        }
        try (ControlClient client = ((ControlClient.Connect.Connected) c).client()) {
            return exchange(client, req, socket, new Output(req, out, err, tty, zone));
        }
    }

    private static int exchange(ControlClient client, CliParser.Parsed.Ok req, Path socket,
                                Output output) {
        int seq = client.nextSeq();
        Header h = req.header();
        Header sent = new Header(MsgType.REQUEST, h.command(), 0, seq, h.resource(), h.minor(),
                h.peer(), h.volume());
        String failed = client.send(new Message(sent, req.tags()));
        if (failed != null) {
            return output.lost(socket, failed);
        }
        while (true) {
            ControlClient.Received r = client.receive();
            if (r instanceof ControlClient.Received.Closed) {
                return output.lost(socket, "connection closed by jdrbdd");
            }
            if (r instanceof ControlClient.Received.Broken b) {
                return output.lost(socket, b.reason());
            }
            Message m = ((ControlClient.Received.Got) r).message();
            if (m.header().seq() != seq) {
                continue;
            }
            if (m.header().type() == MsgType.EVENT) {
                EventRecord e = EventRecord.fromTags(m.tags());
                if (e != null) {
                    output.event(e);
                }
                continue;
            }
            return output.finish(m.tags());
        }
    }

    /** The message when no daemon answers: names the socket and how to pick another one. */
    static String noDaemon(ControlClient.Connect.Unreachable u) {
        return "drbdsetup: cannot reach jdrbdd at " + u.path() + " (" + u.reason() + ")\n"
                + "Is jdrbdd running? " + ControlSocket.ENV + " selects another control socket.\n";
    }
}
