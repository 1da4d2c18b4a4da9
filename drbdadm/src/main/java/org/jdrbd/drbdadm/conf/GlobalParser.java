package org.jdrbd.drbdadm.conf;

import java.util.Map;

/** Parses the global { } section. */
final class GlobalParser {
    private GlobalParser() { }

    static void parse(Cursor c, Map<String, String> into) {
        c.expect(Tk.LBRACE, "{");
        for (Token t = c.next(); !t.is(Tk.RBRACE); t = c.next()) {
            switch (t.kind()) {
                case DISABLE_IP_VERIFICATION, UDEV_ALWAYS_USE_VNR -> into.put(t.text(), null);
                case USAGE_COUNT -> {
                    Token v = c.next();
                    if (!v.is(Tk.YES) && !v.is(Tk.NO) && !v.is(Tk.ASK)) {
                        throw c.expected(v, "yes | no | ask", false);
                    }
                    into.put(t.text(), v.text());
                }
                case MINOR_COUNT -> ranged(c, t, into, 1, 255);
                case DIALOG_REFRESH -> ranged(c, t, into, 0, 600);
                case CMD_TIMEOUT_SHORT, CMD_TIMEOUT_MEDIUM, CMD_TIMEOUT_LONG -> ranged(c, t, into, 0, 900);
                default -> throw c.expected(t, "dialog-refresh | minor-count | disable-ip-verification", false);
            }
            c.semi();
        }
    }

    private static void ranged(Cursor c, Token kw, Map<String, String> into, long min, long max) {
        Token v = c.integer();
        Long n = OptionValue.inUnit(v.text(), '1');
        if (n == null || n < min || n > max) {
            c.diag.error(c.whereShort(v.line()) + kw.text() + " " + v.text() + " => " + n
                    + " out of range [" + min + ".." + max + "].\n");
        }
        into.put(kw.text(), v.text());
    }
}
