package org.jdrbd.drbdadm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.jdrbd.drbdadm.conf.ConfigException;
import org.jdrbd.drbdadm.conf.Diag;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Parser;
import org.jdrbd.drbdadm.conf.PostParse;

/** Finds, reads and parses the config file (-c FILE, -c - for stdin, or the default list). */
final class ConfigLoader {
    private static final String[] DEFAULTS = {"/etc/drbd-90.conf", "/etc/drbd-84.conf",
        "/etc/drbd-83.conf", "/etc/drbd-82.conf", "/etc/drbd-08.conf", "/etc/drbd.conf"};

    private ConfigLoader() { }

    /**
     * Parses and post-parses; expand=true applies inheritance (dump -v, planning), resolve=true
     * also turns resync-after names into minors (planning only).
     */
    static Config load(Options o, InputStream stdin, Diag diag, String hostname,
                       String moduleVersion, boolean expand, boolean resolve) {
        String file = o.configFile;
        String shown;
        String abs;
        String text;
        try {
            if ("-".equals(file)) {
                shown = "STDIN";
                abs = "STDIN";
                text = new String(stdin.readAllBytes(), StandardCharsets.ISO_8859_1);
            } else {
                if (file == null) {
                    file = defaultFile();
                }
                shown = file;
                Path p = Paths.get(file);
                abs = p.toAbsolutePath().normalize().toString();
                text = Files.readString(p, StandardCharsets.ISO_8859_1);
            }
        } catch (IOException e) {
            throw new ConfigException("Can not open '" + file + "'.\n.", 20);
        }
        Parser parser = new Parser(diag, moduleVersion).hostname(hostname);
        o.configToExclude.forEach(e -> excluded(e).forEach(parser::exclude));
        Config cfg = parser.parse(text, shown, abs);
        if (o.configToTest != null) {
            parser.parseMore(read(o.configToTest), o.configToTest,
                    Paths.get(o.configToTest).toAbsolutePath().normalize().toString());
        }
        if (diag.invalid()) {
            // drbd-utils stops after a parse with errors, before checking the config further
            return cfg;
        }
        PostParse pp = new PostParse(cfg, diag, hostname);
        if ("sh-resources".equals(o.command) && o.names.isEmpty()) {
            pp.stackedVolumeMismatchIsWarning();
        }
        pp.run();
        if (diag.invalid()) {
            return cfg;
        }
        if (expand) {
            pp.expand();
        }
        org.jdrbd.drbdadm.conf.ResyncAfter.check(cfg, diag, expand && resolve);
        return cfg;
    }

    private static String read(String file) {
        try {
            return Files.readString(Paths.get(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException("Can not open '" + file + "'.\n.", 20);
        }
    }

    /**
     * The paths drbdadm -E PATH leaves out (relative to the working directory). A pattern
     * stands for the first file it matches, as with drbd-utils.
     */
    private static List<String> excluded(String pattern) {
        Path p = Paths.get(pattern);
        if (pattern.matches(".*[*?\\[].*") && p.getFileName() != null) {
            Path dir = p.getParent() == null ? Paths.get(".") : p.getParent();
            List<Path> matches = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                ds.forEach(matches::add);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
            matches.sort(null);
            if (matches.isEmpty()) {
                return List.of();
            }
            p = matches.get(0);
        }
        List<String> out = new ArrayList<>(List.of(p.toAbsolutePath().normalize().toString()));
        try {
            out.add(p.toRealPath().toString());
        } catch (IOException e) {
            // a file that does not exist excludes nothing more
        }
        return out;
    }

    private static String defaultFile() {
        for (String f : DEFAULTS) {
            if (Files.isReadable(Paths.get(f))) {
                return f;
            }
        }
        throw new ConfigException("Can not open '/etc/drbd.conf': No such file or directory\n", 10);
    }
}
