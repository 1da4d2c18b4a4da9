package org.jdrbd.drbdadm.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output streams plus drbdmeta's yes/no confirmations. */
final class Console {
  final PrintStream out;
  final PrintStream err;
  private final InputStream in;
  private final boolean force;
  private final boolean interactive;

  /**
   * @param interactive whether {@code in} is someone who can answer; drbdmeta does not wait for
   *     an answer when its standard input is not a terminal
   */
  Console(PrintStream out, PrintStream err, InputStream in, boolean force, boolean interactive) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.force = force;
    this.interactive = interactive;
  }

  /**
   * Whether {@code in} can answer questions: the process's standard input only when it is a
   * terminal (as drbdmeta checks); any other stream is a caller that supplies answers itself.
   */
  static boolean canAnswer(InputStream in) {
    if (in != System.in) {
      return true;
    }
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /** Standard input (restore-md reads the dump from it when no file is named). */
  InputStream in() {
    return in;
  }

  /**
   * Asks {@code question} on stderr. --force answers yes (and says so); without a terminal the
   * answer is no (and drbdmeta says so); otherwise the user must type "yes".
   */
  boolean confirm(String question) {
    err.print("\n" + question + "\n");
    if (force) {
      err.print("*** confirmation forced via --force option ***\n");
      return true;
    }
    if (!interactive) {
      err.print("stdin not a TTY, not waiting for confirmation\n");
      return false;
    }
    err.print("[need to type 'yes' to confirm] ");
    err.flush();
    try {
      String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
      err.print("\n");
      return "yes".equals(line == null ? null : line.trim());
    } catch (IOException e) {
      return false;
    }
  }
}
