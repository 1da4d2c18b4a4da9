package org.jdrbd.drbdadm.setup;

import org.jdrbd.netlink.schema.Command;

/** Command-line normalisation before parsing. */
final class Argv {
    private Argv() { }

    /**
     * Puts the command word first when a minor or device comes before it
     * ({@code drbdsetup 0 dstate}, as drbdmeta calls it; drbdsetup 8's order) and expands the
     * short switches -v, -s, -j.
     */
    static String[] normalize(String[] args) {
        String[] a = args.clone();
        if (a.length >= 2 && CliParser.minor(a[0]) >= 0 && Command.fromCliName(a[1]) != null) {
            String minor = a[0];
            a[0] = a[1];
            a[1] = minor;
        }
        for (int i = 1; i < a.length; i++) {
            a[i] = switch (a[i]) {
                case "-v" -> "--verbose";
                case "-s" -> "--statistics";
                case "-j" -> "--json";
                default -> a[i];
            };
        }
        return a;
    }
}
