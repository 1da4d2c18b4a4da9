package org.jdrbd.drbdadm.meta;

import java.io.PrintStream;
import java.util.Set;

/**
 * Tokens of a dump-md text as drbdmeta 9.22's restore-md and verify-dump see them (observed
 * behaviour, §4.7). The text is Latin-1 decoded, so one char is one input byte.
 *
 * <p>Rules, longest match first, earlier rule on a tie: blanks are space, tab, CR and LF (LF
 * counts lines); '#' starts a comment up to the end of the line; { } [ ] ; are single tokens;
 * a word is a run of letters, digits, '-' and '_'. Against a word of the same length, a
 * keyword, a number ("-" and up to 20 digits) and a "0x" hex number (up to 17 digits) win, so
 * "3x", "0x000000000000000g" and "0x" with 18 digits are unknown words while "0x" with 17 digits
 * is a bad hex number. A quoted string holds 1 to 20 characters other than '"' and newline. Any other
 * character is an invalid input character. Unknown words, 20-digit numbers, hex numbers that
 * are not 8 or 16 digits and bad strings are reported right away ("line N: …") and become a
 * {@link Type#REPORTED} token the parser then rejects without naming it.
 */
final class DumpLexer {

  /** Token kinds. */
  enum Type {
    /** End of input. */
    EOF,
    /** A keyword (text holds it). */
    KEYWORD,
    /** Decimal number of up to 19 digits, possibly negative (value modulo 2^64). */
    NUMBER,
    /** 0x followed by exactly 16 hex digits. */
    HEX16,
    /** 0x followed by exactly 8 hex digits. */
    HEX8,
    /** A quoted string of 1 to 20 characters (text without the quotes). */
    STRING,
    /** One of { } [ ] ; */
    PUNCT,
    /** A character no rule matches (text holds it). */
    BAD_CHAR,
    /** Something the lexer already complained about. */
    REPORTED
  }

  /**
   * One token.
   *
   * @param type  kind
   * @param text  the matched text (string content without quotes)
   * @param value numeric value of NUMBER, HEX8 and HEX16 tokens (two's complement / unsigned)
   * @param line  line the token is on
   */
  record Token(Type type, String text, long value, int line) {}

  /** Words the lexer returns as keywords (v09, v08 and the v07 "gc"/"hash"). */
  static final Set<String> KEYWORDS = Set.of("version", "max-peers", "node-id", "current-uuid",
      "flags", "peer", "bitmap-index", "bitmap-uuid", "bitmap-dagtag", "history-uuids",
      "la-size-sect", "bm-byte-per-bit", "device-uuid", "la-peer-max-bio-size", "al-stripes",
      "al-stripe-size-4k", "bitmap", "bm", "uuid", "times", "gc", "hash");
  private static final int MAX_STRING_CHARS = 20;
  private static final int MAX_NUMBER_DIGITS = 20;
  /** 9.22's hex rule stops after 17 digits: longer runs lose to the word rule ("unknown"). */
  private static final int MAX_HEX_DIGITS = 17;

  private final String text;
  private final PrintStream err;
  private int pos;
  private int line = 1;

  DumpLexer(String latin1Text, PrintStream err) {
    this.text = latin1Text;
    this.err = err;
  }

  Token next() {
    skipBlanks();
    if (pos >= text.length()) {
      return new Token(Type.EOF, "", 0, line);
    }
    char c = text.charAt(pos);
    if ("{}[];".indexOf(c) >= 0) {
      pos++;
      return new Token(Type.PUNCT, String.valueOf(c), 0, line);
    }
    if (c == '"') {
      return string();
    }
    int word = run(pos, DumpLexer::isWordChar);
    int number = numberLength();
    int hex = hexLength();
    if (word == 0 && number == 0 && hex == 0) {
      pos++;
      return new Token(Type.BAD_CHAR, String.valueOf(c), c, line);
    }
    if (hex > 0 && hex >= word) {
      return hex(hex);
    }
    if (number > 0 && number >= word) {
      return number(number);
    }
    String w = take(word);
    if (KEYWORDS.contains(w)) {
      return new Token(Type.KEYWORD, w, 0, line);
    }
    return reported("unknown token", w);
  }

  private void skipBlanks() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        line++;
        pos++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  /** Length of "-"? followed by 1..20 digits at the current position, 0 if none. */
  private int numberLength() {
    int start = pos + (text.charAt(pos) == '-' ? 1 : 0);
    int digits = Math.min(MAX_NUMBER_DIGITS, run(start, ch -> ch >= '0' && ch <= '9'));
    return digits == 0 ? 0 : start - pos + digits;
  }

  /** Length of "0x" plus up to 17 hex digits at the current position, 0 if none. */
  private int hexLength() {
    if (!text.startsWith("0x", pos)) {
      return 0;
    }
    return 2 + Math.min(MAX_HEX_DIGITS, run(pos + 2, ch -> Character.digit(ch, 16) >= 0 && ch < 128));
  }

  private Token number(int length) {
    int startLine = line;
    String n = take(length);
    boolean negative = n.charAt(0) == '-';
    String digits = negative ? n.substring(1) : n;
    if (digits.length() >= MAX_NUMBER_DIGITS) {
      return reported("number too big", n);
    }
    long magnitude = Long.parseUnsignedLong(digits); // 19 digits always fit in 64 bits
    return new Token(Type.NUMBER, n, negative ? -magnitude : magnitude, startLine);
  }

  private Token hex(int length) {
    String h = take(length);
    int digits = length - 2;
    if (digits == 16 || digits == 8) {
      return new Token(digits == 16 ? Type.HEX16 : Type.HEX8, h,
          Long.parseUnsignedLong(h.substring(2), 16), line);
    }
    return reported("invalid hex number (only 8 or 16 hex digits accepted)", h);
  }

  private Token string() {
    int end = pos + 1;
    while (end < text.length() && end - pos - 1 < MAX_STRING_CHARS && text.charAt(end) != '"'
        && text.charAt(end) != '\n') {
      end++;
    }
    boolean closed = end < text.length() && text.charAt(end) == '"';
    if (closed && end > pos + 1) {
      String s = text.substring(pos + 1, end);
      pos = end + 1;
      return new Token(Type.STRING, s, 0, line);
    }
    // An empty string is reported with both quotes; anything else as far as it was scanned.
    String bad = text.substring(pos, closed ? end + 1 : end);
    pos = closed ? end + 1 : end;
    return reported("invalid string", bad);
  }

  private String take(int length) {
    String s = text.substring(pos, pos + length);
    pos += length;
    return s;
  }

  private int run(int from, java.util.function.IntPredicate p) {
    int i = from;
    while (i < text.length() && p.test(text.charAt(i))) {
      i++;
    }
    return i - from;
  }

  private static boolean isWordChar(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '-' || c == '_';
  }

  private Token reported(String what, String matched) {
    RawText.print(err, "line " + line + ": " + what + ": " + matched + " ...\n");
    return new Token(Type.REPORTED, matched, 0, line);
  }
}
