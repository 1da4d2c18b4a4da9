package org.jdrbd.drbdadm.conf;

/** A scanner over one file plus the helpers every parse routine needs. */
final class Cursor {
    final Scanner sc;
    /** File name as shown in parse errors (the path as given or as globbed). */
    final String file;
    /** Absolute file name (semantic errors, dump headers). */
    final String absFile;
    final Diag diag;
    /** The node's name (null: unknown), for checks drbd-utils makes only in its own sections. */
    String hostname;
    /** False while inside the host section of another node. */
    boolean localSection = true;

    Cursor(String text, String file, String absFile, Diag diag) {
        this(text, file, absFile, diag, 1);
    }

    Cursor(String text, String file, String absFile, Diag diag, int firstLine) {
        this.sc = new Scanner(text, firstLine);
        this.file = file;
        this.absFile = absFile;
        this.diag = diag;
    }

    Token next() {
        return sc.next();
    }

    Token peek() {
        return sc.peek();
    }

    ConfigException expected(Token got, String what, boolean withTk) {
        return Diag.expected(file, got, what, withTk);
    }

    /** Consumes a token of kind k or fails with "'what' expected" (with TK number). */
    Token expect(Tk k, String what) {
        Token t = next();
        if (!t.is(k)) {
            throw expected(t, what, true);
        }
        return t;
    }

    Token expect(Tk k) {
        return expect(k, k.word != null ? k.word : "TK_" + k.name());
    }

    void semi() {
        expect(Tk.SEMI, ";");
    }

    /** A word-like value: STRING, INTEGER or an address-like token. */
    Token string() {
        Token t = next();
        if (t.is(Tk.ERR_STRING_TOO_LONG)) {
            // where drbd-utils wants a name it refuses an over-long word with its own message
            throw new ConfigException(whereShort(t.line()) + "Token too long >>>" + Diag.shown(t)
                    + "<<<\n", 10);
        }
        if (!t.is(Tk.STRING)) {
            throw expected(t, "TK_STRING", true);
        }
        return t;
    }

    Token integer() {
        return expect(Tk.INTEGER, "TK_INTEGER");
    }

    /** Skips "skip [words] { balanced }" after the skip keyword was read. */
    void skipSection() {
        Token t = next();
        while (!t.is(Tk.LBRACE)) {
            if (t.is(Tk.EOF)) {
                throw expected(t, "{", true);
            }
            t = next();
        }
        int depth = 1;
        while (depth > 0) {
            t = next();
            if (t.is(Tk.LBRACE)) {
                depth++;
            } else if (t.is(Tk.RBRACE)) {
                depth--;
            } else if (t.is(Tk.EOF)) {
                throw expected(t, "}", true);
            }
        }
    }

    String where(int line) {
        return absFile + ":" + line + ": ";
    }

    String whereShort(int line) {
        return file + ":" + line + ": ";
    }
}
