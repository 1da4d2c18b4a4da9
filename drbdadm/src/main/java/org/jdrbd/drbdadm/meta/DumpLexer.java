package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.util.Set;

/**
 * Tokens of the dump-md text (§4.7) as drbdmeta 9.22's restore-md sees them: '#' comments and
 * white space are skipped; a malformed hex number, quoted string or unknown word is reported on
 * stderr right away ("line N: …") and becomes an {@link Type#INVALID} token the parser then
 * rejects without naming it.
 */
final class DumpLexer {

  /** Token kinds. */
  enum Type {
    /** End of input. */
    EOF,
    /** A known keyword (text holds it). */
    KEYWORD,
    /** Decimal number, possibly negative. */
    NUMBER,
    /** 0x followed by exactly 16 hex digits. */
    HEX64,
    /** 0x followed by exactly 8 hex digits. */
    HEX32,
    /** A quoted string of at most 20 characters. */
    STRING,
    /** One of { } [ ] ; */
    PUNCT,
    /** Something the lexer already complained about. */
    INVALID
  }

  /** One token and the line it started on. */
  record Token(Type type, String text, int line) {}

  private static final Set<String> KEYWORDS = Set.of("version", "max-peers", "node-id",
      "current-uuid", "flags", "peer", "bitmap-index", "bitmap-uuid", "bitmap-dagtag",
      "history-uuids", "la-size-sect", "bm-byte-per-bit", "device-uuid", "la-peer-max-bio-size",
      "al-stripes", "al-stripe-size-4k", "bitmap", "bm", "uuid", "times");
  private static final int MAX_STRING_CHARS = 20;

  private final String text;
  private final PrintStream err;
  private int pos;
  private int line = 1;

  DumpLexer(String text, PrintStream err) {
    this.text = text;
    this.err = err;
  }

  Token next() {
    skipBlanks();
    if (pos >= text.length()) {
      return new Token(Type.EOF, "", line);
    }
    char c = text.charAt(pos);
    if ("{}[];".indexOf(c) >= 0) {
      pos++;
      return new Token(Type.PUNCT, String.valueOf(c), line);
    }
    if (c == '"') {
      return string();
    }
    if (c == '0' && pos + 1 < text.length() && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'X')) {
      return hex();
    }
    if (Character.isDigit(c) || (c == '-' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
      int start = pos++;
      while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
        pos++;
      }
      return new Token(Type.NUMBER, text.substring(start, pos), line);
    }
    String word = word();
    if (KEYWORDS.contains(word)) {
      return new Token(Type.KEYWORD, word, line);
    }
    return invalid("unknown token: " + word);
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else {
        return;
      }
    }
  }

  private String word() {
    int start = pos;
    while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
        && "{}[];\"#".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    if (pos == start) {
      pos++;
    }
    return text.substring(start, pos);
  }

  private Token string() {
    int end = pos + 1;
    while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
      end++;
    }
    if (end < text.length() && text.charAt(end) == '"' && end - pos - 1 <= MAX_STRING_CHARS) {
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return new Token(Type.STRING, s, line);
    }
    String rest = text.substring(pos, end);
    pos = end;
    return invalid("invalid string: " + rest);
  }

  private Token hex() {
    String w = word();
    String digits = w.substring(2);
    boolean hexOnly = digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
    if (hexOnly && digits.length() == 16) {
      return new Token(Type.HEX64, w, line);
    }
    if (hexOnly && digits.length() == 8) {
      return new Token(Type.HEX32, w, line);
    }
    return invalid("invalid hex number (only 8 or 16 hex digits accepted): " + w);
  }

  private Token invalid(String what) {
    err.print("line " + line + ": " + what + " ...\n");
    return new Token(Type.INVALID, what, line);
  }
}
