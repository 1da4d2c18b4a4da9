package org.jdrbd.drbdadm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jdrbd.drbdadm.conf.Diag;
import org.jdrbd.drbdadm.conf.Model.Config;
import org.jdrbd.drbdadm.conf.Parser;
import org.jdrbd.drbdadm.conf.PostParse;
import org.jdrbd.drbdadm.plan.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/*
 * Scenario: resource names on the command line (RES, RES/VNR, RES:PEER, minor-N, all, unknown
 * and malformed names, repeats) against conf/cli/multi.res (r0 with two volumes and peers beta,
 * gamma; r1 with one volume), table-driven, for several commands.
 * Expectation: as drbd-utils 9.22: names are taken in order and the first bad one ends the list
 * (the ones before it still run); "all" counts only as the first name; an unknown name is
 * reported only when no other name is a resource; whole-resource commands refuse a volume;
 * repeats of a whole resource are a usage bug that stops everything.
 * Why: these rules decide what drbdadm runs before it fails.
 */
class TargetsTest {
    private static Config config() throws IOException {
        Path file = Path.of("src/test/resources/conf/cli/multi.res");
        Diag diag = new Diag(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Config cfg = new Parser(diag, null).parse(Files.readString(file), file.toString(),
                file.toAbsolutePath().toString());
        PostParse pp = new PostParse(cfg, diag, "alpha");
        pp.run();
        pp.expand();
        return cfg;
    }

    private static String show(Target t) {
        return t.res().name + (t.peer() != null ? ":" + t.peer() : "") + (t.vnr() != null ? "/" + t.vnr() : "");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attach|r1 r0/1|r1 r0/1|0|",
        "attach|all r0/7|r0 r1|0|",
        "attach|r1 all|r1|1|",
        "attach|nosuch r1||1|",
        "attach|nosuch nosuch2||1|'nosuch' not defined in your config (for this host).",
        "attach|r1 r0/7|r1|1|Resource 'r0' has no volume 7",
        "attach|r0:nosuch||1|Not a valid connection (r0:nosuch) for this host",
        "attach|r0/x||20|x is not a valid number",
        "attach|r0/||100|missing number argument",
        "attach|minor-5|r1/0|0|",
        "connect|r1 r0/1|r1|1|connect operates on whole resources, but you specified a specific volume!",
        "connect|minor-5||1|connect operates on whole resources, but you specified a specific volume!",
        "connect|r0 r0:beta||1|USAGE_BUG: r0:beta would enable an already enabled connection",
        "new-current-uuid|r0||1|new-current-uuid requires a specific volume id, but none is specified.",
        "new-current-uuid|r1||1|new-current-uuid requires a specific volume id, but none is specified.",
        "new-current-uuid|r1/0|r1/0|0|",
        "invalidate|r0:gamma/1|r0:gamma/1|0|"})
    void resolvesLikeDrbdUtils(String cmd, String names, String targets, int code, String error)
            throws IOException {
        Targets.Result r = Targets.resolve(config(), List.of(names.split(" ")), "alpha", cmd, false);
        String got = r.targets().stream().map(TargetsTest::show).collect(Collectors.joining(" "));
        assertThat(got).isEqualTo(targets == null ? "" : targets);
        assertThat(r.exitCode()).isEqualTo(code);
        String firstLine = r.error() == null || r.error().isEmpty() ? null : r.error().split("\n")[0];
        assertThat(firstLine).isEqualTo(error);
    }
}
