package org.jdrbd.systest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The basics of a systemd unit file, checked without systemd (systemd-analyze may be missing):
 * known sections, KEY=VALUE lines, a Description, a WantedBy, Exec lines that start with an
 * executable absolute path. Also reads an Exec line as the argv systemd would run.
 */
final class UnitFiles {
    private static final Set<String> SECTIONS = Set.of("Unit", "Service", "Install");
    private static final Pattern SECTION = Pattern.compile("\\[([A-Za-z]+)]");
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z][A-Za-z0-9]*)=(.*)");

    private UnitFiles() {
    }

    /** Throws AssertionError naming the file and line of the first problem. */
    static void check(String text, String name) {
        String section = null;
        List<String> keys = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            String where = name + ":" + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                section = s.group(1);
                if (!SECTIONS.contains(section)) {
                    throw new AssertionError(where + "unknown section [" + section + "]");
                }
                continue;
            }
            Matcher e = ENTRY.matcher(line);
            if (section == null || !e.matches()) {
                throw new AssertionError(where + "not KEY=VALUE inside a section: " + line);
            }
            keys.add(section + "." + e.group(1));
            if (e.group(1).startsWith("Exec")) {
                checkExec(e.group(2), where);
            }
        }
        for (String required : List.of("Unit.Description", "Service.ExecStart", "Install.WantedBy")) {
            if (!keys.contains(required)) {
                throw new AssertionError(name + ": no " + required.replace('.', ' '));
            }
        }
    }

    private static void checkExec(String value, String where) {
        String program = value.replaceFirst("^[-@:+!]+", "").split("\\s+")[0];
        if (!program.startsWith("/") || !Files.isExecutable(Path.of(program))) {
            throw new AssertionError(where + "not an executable absolute path: " + program);
        }
    }

    /** KEY's command line with %i (and %I) as instance, split into words (no quoting used). */
    static List<String> command(String unit, String key, String instance) {
        for (String line : unit.split("\n")) {
            if (line.startsWith(key + "=")) {
                String cmd = line.substring(key.length() + 1).replace("%i", instance)
                        .replace("%I", instance);
                if (cmd.contains("\"") || cmd.contains("'")) {
                    throw new AssertionError("quoted words are not split here: " + line);
                }
                return List.of(cmd.strip().split("\\s+"));
            }
        }
        throw new AssertionError("no " + key + "= line in\n" + unit);
    }
}
