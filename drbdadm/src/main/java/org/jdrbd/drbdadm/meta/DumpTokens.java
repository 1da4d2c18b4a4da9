package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.util.Set;
import org.jdrbd.drbdadm.meta.DumpLexer.Token;
import org.jdrbd.drbdadm.meta.DumpLexer.Type;

/**
 * The parser's view of the token stream: one token of lookahead, lexed only when looked at (the
 * lexer prints its complaints at that moment, as drbdmeta's does), and drbdmeta 9.22's "Parse
 * error in line N: X expected, not Y" messages, worded exactly as it words them.
 */
final class DumpTokens {

  /** A rejected dump (or a "no" to a question); the message is already printed. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    /** drbdmeta's exit code for it. */
    final int exitCode;

    Rejected() {
      this(ExitCode.BAD_VALUE);
    }

    Rejected(int exitCode) {
      super(null, null, false, false);
      this.exitCode = exitCode;
    }
  }

  /**
   * Keywords drbdmeta 9.22 cannot name when it expected them: instead of "keyword 'X'
   * expected" it prints " invalid/unexpected token!:" (and no "expected").
   */
  private static final Set<String> UNNAMED = Set.of("bitmap-index", "history-uuids",
      "la-peer-max-bio-size", "al-stripes", "al-stripe-size-4k");
  static final String NUMBER = "number ([0-9], up to 20 digits)";
  static final String HEX16 = "a 16-digit hex number";
  static final String HEX8 = "an 8-digit hex number";
  static final String STRING = "short quoted string (\"..up to 20 characters, no newline..\")";

  private final DumpLexer lexer;
  private final PrintStream err;
  private Token tok;

  DumpTokens(String latin1Text, PrintStream err) {
    this.lexer = new DumpLexer(latin1Text, err);
    this.err = err;
  }

  Token peek() {
    if (tok == null) {
      tok = lexer.next();
    }
    return tok;
  }

  /** Consumes the current token; the next one is lexed only when looked at. */
  Token take() {
    Token t = peek();
    tok = null;
    return t;
  }

  boolean isKeyword(String kw) {
    return peek().type() == Type.KEYWORD && peek().text().equals(kw);
  }

  boolean isPunct(char c) {
    return peek().type() == Type.PUNCT && peek().text().charAt(0) == c;
  }

  void keyword(String kw) throws Rejected {
    if (!isKeyword(kw)) {
      fail(UNNAMED.contains(kw) ? null : "keyword '" + kw + "'");
    }
    take();
  }

  void semicolon() throws Rejected {
    punct(';', "semicolon (;)");
  }

  /** Consumes punctuation {@code c} and returns it (its line is where 9.22 reports checks). */
  Token punct(char c, String what) throws Rejected {
    if (!isPunct(c)) {
      fail(what);
    }
    return take();
  }

  /** Consumes a token of {@code type} and returns its value. */
  long value(Type type, String what) throws Rejected {
    if (peek().type() != type) {
      fail(what);
    }
    return take().value();
  }

  String string() throws Rejected {
    if (peek().type() != Type.STRING) {
      fail(STRING);
    }
    return take().text();
  }

  /** "KEYWORD NUMBER ;" */
  long numberField(String name) throws Rejected {
    keyword(name);
    long v = value(Type.NUMBER, NUMBER);
    semicolon();
    return v;
  }

  /** "KEYWORD 0x(16 digits) ;" */
  long hex16Field(String name) throws Rejected {
    keyword(name);
    long v = value(Type.HEX16, HEX16);
    semicolon();
    return v;
  }

  /** "flags 0x(8 digits) ;" */
  int flagsField() throws Rejected {
    keyword("flags");
    int v = (int) value(Type.HEX8, HEX8);
    semicolon();
    return v;
  }

  void expectEof() throws Rejected {
    if (peek().type() != Type.EOF) {
      fail("end of file");
    }
  }

  /**
   * "X expected" plus what was found instead; {@code what} null for a keyword drbdmeta has no
   * name for.
   */
  void fail(String what) throws Rejected {
    Token t = peek();
    String expected = what == null ? " invalid/unexpected token!:" : what + " expected";
    parseError(t.line(), expected + found(t));
  }

  /** The second half of a parse error message, naming the token found. */
  private static String found(Token t) {
    switch (t.type()) {
      case EOF:
        return ", but end of file encountered";
      case PUNCT:
        char c = t.text().charAt(0);
        // drbdmeta 9.22 has no name for brackets in this position and says so.
        return c == '[' || c == ']' ? "; got token value " + (int) c
            + " (this should never happen!)" : ", not '" + c + "'";
      case NUMBER:
      case HEX8:
      case HEX16:
        return ", not some number";
      case KEYWORD:
      case STRING:
        return ", not '" + t.text() + "'";
      case BAD_CHAR:
        return String.format("; got invalid input character '\\x%02x' [%c]", t.value(), (char) t.value());
      default:
        return ""; // the lexer already said what was wrong with it
    }
  }

  void parseError(int line, String message) throws Rejected {
    RawText.print(err, "Parse error in line " + line + ": " + message + "\n");
    throw new Rejected();
  }

  PrintStream err() {
    return err;
  }
}
