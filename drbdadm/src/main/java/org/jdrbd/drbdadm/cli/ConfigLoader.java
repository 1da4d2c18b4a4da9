package org.jdrbd.drbdadm.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    /** Parses and post-parses; expand=true applies inheritance (dump -v, planning). */
    static Config load(String file, InputStream stdin, Diag diag, String hostname,
                       String moduleVersion, boolean expand) {
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
        Config cfg = new Parser(diag, moduleVersion).parse(text, shown, abs);
        PostParse pp = new PostParse(cfg, diag, hostname);
        pp.run();
        if (expand) {
            pp.expand();
        }
        return cfg;
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
