package org.jdrbd.drbdadm.conf;

/** One scanned token: its kind, its text (quotes removed, escapes resolved) and its line. */
public record Token(Tk kind, String text, int line) {

    /** True when this token has kind {@code k}. */
    public boolean is(Tk k) {
        return kind == k;
    }
}
