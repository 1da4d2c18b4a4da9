package org.jdrbd.drbdadm.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jdrbd.drbdadm.conf.ConfigException;
import org.jdrbd.drbdadm.conf.Diag;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Parser;
import org.jdrbd.drbdadm.setup.DrbdsetupMain;

/**
 * What adjust compares the config with: the text of {@code drbdsetup show} (or of the file
 * named by FAKE_DRBDSETUP_SHOW, as drbd-utils allows for tests), parsed with the config
 * parser. A failing show (no daemon) means nothing is running, as with drbd-utils.
 */
final class RunningConfig {
    private RunningConfig() { }

    static Config load(Map<String, String> env, String configFile) {
        String fake = env.get("FAKE_DRBDSETUP_SHOW");
        String text;
        if (fake != null) {
            try {
                text = Files.readString(Path.of(fake), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new ConfigException("Failed to open FAKE_DRBDSETUP_SHOW " + fake + "\n", 1);
            }
        } else {
            text = showText();
        }
        // drbd-utils names the config file in problems found in show output; nothing is
        // printed for the show text here because only its structure matters
        Diag quiet = new Diag(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.ISO_8859_1));
        return new Parser(quiet, null).parse(text, configFile == null ? "drbdsetup show" : configFile,
                "drbdsetup-show");
    }

    private static String showText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
             PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
            rc = DrbdsetupMain.run(new String[] {"show"}, o, e);
        }
        return rc == 0 ? out.toString(StandardCharsets.ISO_8859_1) : "";
    }
}
