package org.jdrbd.netlink;

// Scenario: the schema's tag and command numbers are compared with the checked-in list
// src/test/resources/wire-numbers.txt. Expectation: identical both ways. Why: a renumbered or
// reused tag silently changes meaning between a new drbdsetup and an old daemon (STYLE.md rule 8);
// the list may only grow.

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdrbd.netlink.schema.Command;
import org.jdrbd.netlink.schema.TagDef;
import org.jdrbd.netlink.schema.Tags;
import org.junit.jupiter.api.Test;

class WireNumbersTest {

    private static List<String> pinned() throws IOException {
        try (InputStream in = WireNumbersTest.class.getResourceAsStream("/wire-numbers.txt")) {
            assertNotNull(in, "wire-numbers.txt missing");
            List<String> out = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add(l.trim());
                }
            }
            return out;
        }
    }

    private static List<String> current() {
        List<String> out = new ArrayList<>();
        for (TagDef d : Tags.all().values()) {
            out.add("tag " + d.number() + " " + d.name() + " " + d.type() + (d.mandatory() ? " mandatory" : ""));
        }
        for (Command c : Command.values()) {
            out.add("command " + c.number() + " " + c.cliName());
        }
        return out;
    }

    @Test
    void everyPinnedNumberStillMeansTheSame() throws IOException {
        Set<String> now = new HashSet<>(current());
        for (String p : pinned()) {
            assertEquals(true, now.contains(p), "pinned entry changed or removed: " + p);
        }
    }

    @Test
    void everyNumberIsPinned() throws IOException {
        Set<String> pinned = new HashSet<>(pinned());
        for (String c : current()) {
            assertEquals(true, pinned.contains(c), "new entry must be appended to wire-numbers.txt: " + c);
        }
    }

    @Test
    void commandNumbersAreUnique() {
        Set<Integer> seen = new HashSet<>();
        for (Command c : Command.values()) {
            assertEquals(true, seen.add(c.number()), "command number reused: " + c);
        }
    }

    @Test
    void tagNumbersAreUniqueAndNamed() {
        Set<Integer> seen = new HashSet<>();
        for (TagDef d : Tags.all().values()) {
            assertEquals(true, seen.add(d.number()), "tag number reused: " + d.number());
        }
        assertEquals(Tags.all().size(), seen.size());
    }
}
