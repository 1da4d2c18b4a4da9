package org.jdrbd.drbdadm.conf;

import java.util.HashMap;
import java.util.Map;

/**
 * What a resource may contain only once (sections, host statements, node-ids), with the line
 * each was first seen on. A repeat ends the parse with drbd-utils' message ("conflicting use of
 * net section 'r0:net' ..." plus where it was first used) and exit code 10.
 */
final class Repeats {
    private final Cursor c;
    private final String res;
    private final Map<String, Integer> firstLine = new HashMap<>();

    Repeats(Cursor c, String res) {
        this.c = c;
        this.res = res;
    }

    /** Records one use of key (shown as "RES:key") on line; what names it in the message. */
    void once(String what, String key, int line) {
        String k = res + ":" + key;
        Integer first = firstLine.putIfAbsent(k, line);
        if (first != null) {
            throw new ConfigException(c.whereShort(line) + "conflicting use of " + what + " '" + k
                    + "' ...\n" + c.whereShort(first) + what + " '" + k + "' first used here.\n", 10);
        }
    }
}
