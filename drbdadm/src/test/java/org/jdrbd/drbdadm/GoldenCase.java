package org.jdrbd.drbdadm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdrbd.drbdadm.cli.DrbdadmMain;

/** One recorded drbdadm invocation from a golden file, and a runner for our drbdadm. */
record GoldenCase(String file, String node, String show, List<String> args, int rc, String stdout,
                  String stderr) {

    static final Path MODULE = Path.of("").toAbsolutePath();

    /** Reads all blocks of one golden file (format written by golden/regen.sh). */
    static List<GoldenCase> read(Path golden) throws IOException {
        List<GoldenCase> out = new ArrayList<>();
        String text = Files.readString(golden, StandardCharsets.ISO_8859_1);
        int pos = 0;
        while (true) {
            int start = text.indexOf("### node ", pos);
            if (start < 0) {
                return out;
            }
            String node = line(text, start + 9);
            int next = text.indexOf('\n', start) + 1;
            String show = text.startsWith("### show ", next) ? line(text, next + 9) : null;
            int argsAt = text.indexOf("### args ", start);
            String args = line(text, argsAt + 9);
            int rcAt = text.indexOf("### rc ", argsAt);
            int rc = Integer.parseInt(line(text, rcAt + 7));
            int so = text.indexOf("### stdout\n", rcAt) + 11;
            int se = text.indexOf("\n### stderr\n", so);
            int end = text.indexOf("\n### end\n", se + 12);
            out.add(new GoldenCase(golden.getFileName().toString(), node, show,
                    List.of(args.trim().split(" +")), rc, text.substring(so, se),
                    text.substring(se + 12, end)));
            pos = end + 9;
        }
    }

    private static String line(String text, int from) {
        return text.substring(from, text.indexOf('\n', from));
    }

    /** Runs our drbdadm in-process with the same environment the oracle had. */
    Result runOurs() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = new java.util.HashMap<>(Map.of("__DRBD_NODE__", node,
                "DRBD_DRIVER_VERSION_OVERRIDE", "9.0.0"));
        if (show != null) {
            env.put("FAKE_DRBDSETUP_SHOW", show);
        }
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
             PrintStream e = new PrintStream(err, true, StandardCharsets.ISO_8859_1)) {
            code = new DrbdadmMain(o, e, new ByteArrayInputStream(new byte[0]), env)
                    .run(args.toArray(new String[0]));
        }
        String mod = MODULE.toString();
        return new Result(code, out.toString(StandardCharsets.ISO_8859_1).replace(mod, "@MOD@"),
                err.toString(StandardCharsets.ISO_8859_1).replace(mod, "@MOD@"));
    }

    /** Exit code and outputs of one run. */
    record Result(int rc, String stdout, String stderr) { }

    boolean matches(Result r) {
        return r.rc() == rc && r.stdout().equals(stdout) && r.stderr().equals(stderr);
    }

    String id() {
        return file + " | " + String.join(" ", args.subList(2, args.size()));
    }
}
