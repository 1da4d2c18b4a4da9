package org.jdrbd.drbdadm.meta;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdrbd.metadata.MdFormat;
import org.jdrbd.metadata.MdLayout;
import org.jdrbd.metadata.Placement;

/**
 * jdrbd's drbdmeta: {@code drbdmeta [--force] [--node-id=N] MINOR v09|v08 DEVICE INDEX CMD [args]}.
 * Same output, prompts and exit codes as drbd-utils 9.22's drbdmeta. drbdadm calls {@link #run}
 * in-process.
 */
public final class DrbdmetaMain {
  private DrbdmetaMain() {}

  /** Commands that only read. */
  private static final List<String> READ_ONLY = List.of("dump-md", "get-gi", "show-gi", "dstate",
      "verify-dump");
  private static final List<String> KNOWN = List.of("get-gi", "show-gi", "dump-md", "restore-md",
      "verify-dump", "apply-al", "wipe-md", "outdate", "invalidate", "dstate", "check-resize",
      "create-md", "forget-peer", "set-gi");

  public static void main(String[] args) {
    int rc = run(args, System.out, System.err, System.in);
    System.out.flush();
    System.exit(rc);
  }

  /** Environment variable naming drbdmeta's state directory (tests point it elsewhere). */
  public static final String LIB_DIR_ENV = "JDRBD_LIB_DIR";
  /** drbd-utils' state directory: last-known backing device files live here. */
  public static final String DEFAULT_LIB_DIR = "/var/lib/drbd";

  /** Runs one drbdmeta command; returns its exit code. Never throws for bad input. */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in) {
    return run(args, out, err, in, System.getenv());
  }

  /** Runs with an explicit environment (drbdadm may pass its own; JDRBD_LIB_DIR is read). */
  public static int run(String[] args, PrintStream out, PrintStream err, InputStream in,
      Map<String, String> env) {
    String dir = env.get(LIB_DIR_ENV);
    return run(args, out, err, in, AttachedMinors.ASK_DAEMON,
        Path.of(dir == null || dir.isEmpty() ? DEFAULT_LIB_DIR : dir));
  }

  static int run(String[] args, PrintStream out, PrintStream err, InputStream in,
      AttachedMinors attached, Path libDir) {
    MetaArgs a;
    try {
      a = MetaArgs.parse(args);
    } catch (MetaArgs.BadOption e) {
      err.print(e.getMessage() + "\n");
      out.print(Usage.TEXT);
      return ExitCode.USAGE;
    }
    List<String> pos = a.positional();
    if (pos.size() < 2) {
      out.print(Usage.TEXT);
      return ExitCode.USAGE;
    }
    MdFormat format = MdFormat.fromCliName(pos.get(1));
    if (format == null) {
      err.print("Unknown format '" + pos.get(1) + "'.\n");
      return ExitCode.USAGE;
    }
    if (pos.size() < 4) {
      err.print("Too few arguments for format\n");
      return ExitCode.USAGE;
    }
    Placement placement = Placement.parse(pos.get(3));
    if (placement == null) {
      err.print("'" + pos.get(3) + "' is not a valid index number.\n");
      return ExitCode.USAGE;
    }
    if (pos.size() < 5) {
      err.print("command missing\n");
      return ExitCode.USAGE;
    }
    String cmd = pos.get(4);
    if (!KNOWN.contains(cmd)) {
      err.print("Unknown command '" + cmd + "'.\n");
      return ExitCode.USAGE;
    }
    if ((a.alStripes() != null || a.alStripeSizeKb() != null)
        && !cmd.equals("create-md") && !cmd.equals("restore-md")) {
      err.print("The --al-stripe* options are only allowed with create-md and restore-md\n");
      return ExitCode.BAD_VALUE;
    }
    int nodeId = -1;
    if (a.nodeId() != null) {
      Long n = Numbers.parse(a.nodeId());
      if (n == null) {
        err.print(a.nodeId() + " is not a valid number\n");
        return ExitCode.USAGE;
      }
      if (n < 0 || n > MdLayout.MAX_PEERS_LIMIT) {
        err.print("node-id out of range (0...31)\n");
        return ExitCode.BAD_VALUE;
      }
      nodeId = n.intValue();
    }
    Console con = new Console(out, err, in, a.force(), Console.canAnswer(in));
    Invocation inv = new Invocation(a, minorOf(pos.get(0)), format, Path.of(pos.get(2)), placement,
        cmd, pos.subList(5, pos.size()), nodeId, "drbdmeta " + String.join(" ", args), con,
        libDir);
    try {
      return dispatch(inv, attached);
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static int minorOf(String s) {
    String m = s.startsWith("/dev/drbd") ? s.substring("/dev/drbd".length()) : s;
    Long n = Numbers.parse(m);
    return n == null || n < 0 || n > Integer.MAX_VALUE ? -1 : n.intValue();
  }

  private static int dispatch(Invocation inv, AttachedMinors attached) {
    if (!READ_ONLY.contains(inv.command()) && inv.minor() >= 0 && attached.isAttached(inv.minor())) {
      inv.con().err.print("Device '/dev/drbd" + inv.minor() + "' is configured!\n");
      return ExitCode.USAGE;
    }
    MetaCommand c = MetaCommands.all().get(inv.command());
    if (c == null) {
      inv.con().err.print("drbdmeta: command '" + inv.command() + "' is not implemented in jdrbd yet\n");
      return ExitCode.USAGE;
    }
    return c.run(inv);
  }
}
