package org.jdrbd.drbdadm.conf;

/**
 * Splits drbd.conf text into tokens the way the drbd-utils 9.22 scanner does: longest match
 * wins, and on equal length keywords beat IPv4 literals, which beat version literals, numbers,
 * IPv6 literals and finally plain words.
 */
public final class Scanner {
    private static final int MAX_WORD = 128;
    private static final int MAX_QUOTED = 255;

    private final String text;
    private int pos;
    private int line = 1;
    private Token peeked;

    public Scanner(String text) {
        this(text, 1);
    }

    /** A scanner whose first line has the number firstLine (drbdadm -t files go on counting). */
    public Scanner(String text, int firstLine) {
        this.text = text;
        this.line = firstLine;
    }

    /** The next token without consuming it. */
    public Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    /** Consumes and returns the next token. */
    public Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    /** Current line (of the last token read). */
    public int line() {
        return peeked != null ? peeked.line() : line;
    }

    private Token scan() {
        skipBlanks();
        if (pos >= text.length()) {
            return new Token(Tk.EOF, "", line);
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': pos++; return new Token(Tk.LBRACE, "{", line);
            case '}': pos++; return new Token(Tk.RBRACE, "}", line);
            case ';': pos++; return new Token(Tk.SEMI, ";", line);
            case '[': pos++; return new Token(Tk.LBRACKET, "[", line);
            case ']': pos++; return new Token(Tk.RBRACKET, "]", line);
            case '"': return quoted();
            default: break;
        }
        int word = runOf(pos, Scanner::isWordChar);
        int ip6 = ipv6Length(pos);
        if (word == 0 && ip6 == 0) {
            pos++;
            return new Token(c == ':' ? Tk.COLON : Tk.ELSE, String.valueOf(c), line);
        }
        int ip4 = dottedLength(pos, 4, 3);
        int kv = dottedLength(pos, 3, Integer.MAX_VALUE);
        int num = integerLength(pos);
        // drbd-utils' scanner takes at most one character more than a word may have; the rest
        // of a longer word becomes the next token
        word = Math.min(word, MAX_WORD + 1);
        int best = Math.max(Math.max(word, ip6), Math.max(Math.max(ip4, kv), num));
        String s = text.substring(pos, pos + best);
        pos += best;
        Tk kind;
        if (best == word && Tk.keyword(s) != null) {
            kind = Tk.keyword(s);
        } else if (best == ip4) {
            kind = Tk.IPADDR;
        } else if (best == kv) {
            kind = Tk.KERNEL_VERSION;
        } else if (best == num) {
            kind = Tk.INTEGER;
        } else if (best == ip6) {
            kind = Tk.IPADDR6;
        } else {
            kind = best > MAX_WORD ? Tk.ERR_STRING_TOO_LONG : Tk.STRING;
        }
        return new Token(kind, s, line);
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

    private Token quoted() {
        int start = pos;
        int startLine = line;
        StringBuilder value = new StringBuilder();
        int i = pos + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (value.length() > MAX_QUOTED) {
                // drbd-utils cuts an over-long quoted string after 256 characters and goes on
                // scanning from there, so the rest surfaces as the next token
                pos = i;
                return new Token(Tk.STRING, value.toString(), startLine);
            }
            if (c == '"') {
                pos = i + 1;
                return new Token(Tk.STRING, value.toString(), startLine);
            }
            if (c == '\n') {
                pos = i + 1;
                line++;
                return new Token(Tk.ERR_DQSTRING, text.substring(start, pos), startLine);
            }
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                i++;
                c = text.charAt(i);
            }
            value.append(c);
            i++;
        }
        pos = text.length();
        return new Token(Tk.ERR_DQSTRING, text.substring(start), startLine);
    }

    private interface CharTest {
        boolean test(char c);
    }

    private int runOf(int from, CharTest t) {
        int i = from;
        while (i < text.length() && t.test(text.charAt(i))) {
            i++;
        }
        return i - from;
    }

    static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '.' || c == '_' || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Length of {@code groups} dot-separated digit groups of at most maxDigits each, else 0. */
    private int dottedLength(int from, int groups, int maxDigits) {
        int i = from;
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                if (i >= text.length() || text.charAt(i) != '.') {
                    return 0;
                }
                i++;
            }
            int d = runOf(i, Scanner::isDigit);
            if (d == 0 || d > maxDigits) {
                return 0;
            }
            i += d;
        }
        return i - from;
    }

    private int integerLength(int from) {
        int d = runOf(from, Scanner::isDigit);
        if (d == 0) {
            return 0;
        }
        d = Math.min(d, 8);
        int end = from + d;
        if (end < text.length() && "KMGs".indexOf(text.charAt(end)) >= 0) {
            d++;
        }
        return d;
    }

    /** Hex groups with at least two colons, an optional IPv4 tail and an optional %ifname. */
    private int ipv6Length(int from) {
        int i = from;
        int colons = 0;
        while (i < text.length() && (isHex(text.charAt(i)) || text.charAt(i) == ':')) {
            if (text.charAt(i) == ':') {
                colons++;
            }
            i++;
        }
        if (colons < 2) {
            return 0;
        }
        int lastColon = text.lastIndexOf(':', i - 1);
        int tail = dottedLength(lastColon + 1, 4, 3);
        if (tail > 0) {
            i = lastColon + 1 + tail;
        }
        if (i < text.length() && text.charAt(i) == '%') {
            int n = runOf(i + 1, Character::isLetterOrDigit);
            if (n > 0) {
                i += 1 + n;
            }
        }
        return i - from;
    }
}
