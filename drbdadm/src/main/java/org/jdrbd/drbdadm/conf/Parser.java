package org.jdrbd.drbdadm.conf;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Model.Resource;
import org.jdrbd.drbdadm.conf.Model.Volume;

/** Parses drbd.conf text (and the files it includes) into a {@link Config}. */
public final class Parser {
    private static final String TOP_ITEMS = "global | common | resource | skip | include |\n"
            + "\trequire-drbd-module-version-{eq,ne,gt,ge,lt,le}";
    private static final String RES_ITEMS = "protocol | on | disk | net | syncer | startup | handlers"
            + " | connection | ignore-on | stacked-on-top-of | skip";

    private final Config config = new Config();
    private final Diag diag;
    private final Set<String> seenFiles = new HashSet<>();
    private final String moduleVersion;
    private int globalLine;
    /** Line number at the end of the top-level file. */
    private int lastLine = 1;
    private String globalFile;

    /** This node's name: device names are checked only in its host sections (and outside any). */
    private String hostname;

    public Parser hostname(String name) {
        this.hostname = name;
        return this;
    }

    private Cursor cursor(String text, String shown, String abs, int firstLine) {
        Cursor c = new Cursor(text, shown, abs, diag, firstLine);
        c.hostname = hostname;
        return c;
    }

    public Parser(Diag diag, String moduleVersion) {
        this.diag = diag;
        this.moduleVersion = moduleVersion;
    }

    /** Parses a top-level file. shownName is the name used in parse errors. */
    public Config parse(String text, String shownName, String absName) {
        config.file = absName;
        seenFiles.add(absName);
        Cursor c = cursor(text, shownName, absName, 1);
        file(c, shownName);
        lastLine = c.sc.line();
        config.endLine = lastLine;
        return config;
    }

    /**
     * Parses drbdadm -t's file after the config, as if it followed the config's text: its lines
     * are numbered on from the config's last line (as drbd-utils reports them).
     */
    public Config parseMore(String text, String shownName, String absName) {
        file(cursor(text, shownName, absName, lastLine), shownName);
        return config;
    }

    /** Leaves the file (absolute, normalized path) out wherever it is included (drbdadm -E). */
    public void exclude(String absName) {
        seenFiles.add(absName);
    }

    private void file(Cursor c, String shownName) {
        for (Token t = c.next(); !t.is(Tk.EOF); t = c.next()) {
            switch (t.kind()) {
                case GLOBAL -> global(c, t);
                case COMMON -> common(c, t);
                case RESOURCE -> resource(c, t);
                case SKIP -> c.skipSection();
                case INCLUDE -> include(c, shownName);
                case REQ_EQ, REQ_NE, REQ_GT, REQ_GE, REQ_LT, REQ_LE -> requireVersion(c, t);
                default -> throw c.expected(t, TOP_ITEMS, false);
            }
        }
    }

    private void global(Cursor c, Token kw) {
        if (config.globalSeen) {
            diag.error(c.whereShort(kw.line()) + "conflicting use of global section 'global' ...\n"
                    + globalFile + ":" + globalLine + ": global section 'global' first used here.\n");
        } else if (!config.resources.isEmpty()) {
            diag.warn(c.whereShort(kw.line()) + "You should put the global {} section\n"
                    + "\tin front of any resource {} section\n");
        }
        config.globalSeen = true;
        globalLine = kw.line();
        globalFile = c.file;
        GlobalParser.parse(c, config.global);
    }

    private void common(Cursor c, Token kw) {
        Resource r = config.common != null ? config.common : new Resource();
        r.name = "common";
        r.file = c.absFile;
        r.line = kw.line();
        c.expect(Tk.LBRACE, "{");
        ResourceParser.body(c, r, true);
        config.common = r;
    }

    private void resource(Cursor c, Token kw) {
        Token name = c.string();
        Resource r = new Resource();
        r.name = name.text();
        r.file = c.absFile;
        r.printFile = c.file;
        r.line = kw.line();
        c.expect(Tk.LBRACE, "{");
        ResourceParser.body(c, r, false);
        Resource old = config.resource(r.name);
        if (old != null) {
            diag.error(c.whereShort(kw.line()) + "conflicting use of resource section '" + r.name
                    + "' ...\n" + old.printFile + ":" + old.line + ": resource section '" + r.name
                    + "' first used here.\n");
        }
        config.resources.add(r);
    }

    private void requireVersion(Cursor c, Token kw) {
        Token v = c.expect(Tk.KERNEL_VERSION, "TK_KERNEL_VERSION");
        c.semi();
        if (moduleVersion == null) {
            throw new ConfigException(c.whereShort(kw.line())
                    + "Could not get drbd-module-version, Module not loaded?\n", 10);
        }
        int cmp = compareVersions(moduleVersion, v.text());
        String op = kw.text().substring(kw.text().length() - 2);
        boolean ok = switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
        if (!ok) {
            throw new ConfigException(c.whereShort(kw.line()) + "Validation error: drbd-module-version "
                    + moduleVersion + " " + op + " " + v.text() + " not true\n", 10);
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < 3; i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0,
                    i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private void include(Cursor c, String includer) {
        Token pat = c.string();
        c.semi();
        Path dir = Paths.get(c.absFile).getParent();
        String pattern = pat.text();
        List<String[]> files = new ArrayList<>();
        if (!pattern.matches(".*[*?\\[].*")) {
            Path p = dir.resolve(pattern);
            if (!Files.isReadable(p)) {
                throw new ConfigException(c.where(pat.line()) + "Failed to open include file '"
                        + pattern + "'.\n", 10);
            }
            files.add(new String[] {pattern, p.toAbsolutePath().normalize().toString()});
        } else {
            glob(dir, pattern, files);
        }
        for (String[] f : files) {
            if (!seenFiles.add(f[1])) {
                continue;
            }
            String text;
            try {
                text = Files.readString(Paths.get(f[1]), java.nio.charset.StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new ConfigException(c.where(pat.line()) + "Failed to open include file '"
                        + f[0] + "'.\n", 10);
            }
            file(cursor(text, f[0], f[1], 1), f[0]);
        }
    }

    /** Expands a glob whose wildcards are in the last path element. */
    private static void glob(Path dir, String pattern, List<String[]> out) {
        int slash = pattern.lastIndexOf('/');
        String dirPart = slash >= 0 ? pattern.substring(0, slash + 1) : "";
        String namePart = pattern.substring(slash + 1);
        Path base = dir.resolve(dirPart.isEmpty() ? "." : dirPart);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base, namePart)) {
            for (Path p : ds) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        names.sort(null);
        for (String n : names) {
            if (n.startsWith(".") && !namePart.startsWith(".")) {
                continue;
            }
            Path p = base.resolve(n);
            out.add(new String[] {dirPart + n, p.toAbsolutePath().normalize().toString()});
        }
    }

    /** Resource-level implicit volume helper for ResourceParser. */
    static Volume implicitVolume(Resource r, int line) {
        return HostParser.implicitVolume(r.volumes, line);
    }
}
