package org.jdrbd.drbdadm.plan;

/** Backslash-escapes shell-special characters the way drbdadm -d prints arguments. */
public final class ShellEscape {
    private ShellEscape() { }

    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!safe(c)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "/._-=:,+@%".indexOf(c) >= 0;
    }
}
