package org.jdrbd.drbdadm.meta;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Output streams plus drbdmeta's yes/no confirmations. */
final class Console {
  final PrintStream out;
  final PrintStream err;
  private final InputStream in;
  private final boolean force;

  Console(PrintStream out, PrintStream err, InputStream in, boolean force) {
    this.out = out;
    this.err = err;
    this.in = in;
    this.force = force;
  }

  /**
   * Asks {@code question} on stderr. --force answers yes (and says so); otherwise the user must
   * type "yes".
   */
  /** Standard input (restore-md reads the dump from it when no file is named). */
  InputStream in() {
    return in;
  }

  boolean confirm(String question) {
    err.print("\n" + question + "\n");
    if (force) {
      err.print("*** confirmation forced via --force option ***\n");
      return true;
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
