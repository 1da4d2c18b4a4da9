package org.jdrbd.drbdadm.conf;

import java.io.PrintStream;

/**
 * Collects non-fatal config errors (drbd-utils keeps parsing and exits 10 at the end) and
 * formats the fatal parse errors. Messages are byte-identical to drbd-utils 9.22.
 */
public final class Diag {
    private final PrintStream err;
    private int errors;
    /** First use (FILE:LINE) of each disk/minor key, shared by the parse and the later checks. */
    private final java.util.Map<String, String> firstUse = new java.util.HashMap<>();

    public Diag(PrintStream err) {
        this.err = err;
    }

    /** Prints a non-fatal error (message already contains FILE:LINE and newline). */
    public void error(String message) {
        err.print(message);
        errors++;
    }

    /** Prints a warning that does not make the config invalid. */
    public void warn(String message) {
        err.print(message);
    }

    java.util.Map<String, String> firstUse() {
        return firstUse;
    }

    public boolean invalid() {
        return errors > 0;
    }

    /** Token text as shown in "but got": at most 20 characters plus "...". */
    public static String shown(Token t) {
        String s = t.kind() == Tk.EOF ? "" : t.text();
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    /** The fatal "Parse error: 'X' expected, but got 'Y'" error. */
    public static ConfigException expected(String file, Token got, String what, boolean withTk) {
        String msg = file + ":" + got.line() + ": Parse error: '" + what + "' expected,\n\tbut got '"
                + shown(got) + "'" + (withTk ? " (TK " + got.kind().code + ")" : "") + "\n";
        return new ConfigException(msg, 10);
    }
}
