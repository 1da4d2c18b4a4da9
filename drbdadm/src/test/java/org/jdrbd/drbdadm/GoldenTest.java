package org.jdrbd.drbdadm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/*
 * Scenario: every drbdadm invocation recorded from Debian's drbd-utils 9.22 by golden/regen.sh
 * (41 valid configs x 32 commands incl. dump-xml, 56 malformed configs x 2 commands, 36
 * adjust cases against fake "drbdsetup show" files in conf/show, run with FAKE_DRBDSETUP_SHOW,
 * and single command lines in golden/cli: help, options, addressing, -t/-E, configs in conf/cli)
 * is replayed against our drbdadm in-process with the same __DRBD_NODE__ and driver-version
 * override.
 * Expectation: identical exit code, stdout and stderr. Cases listed in golden/known-diff.txt are
 * known gaps (skipped, and reported); the list may only shrink: a listed case that now matches
 * fails knownDiffListIsCurrent so the list stays honest.
 * Why: administrators and Pacemaker depend on drbdadm's exact plans and messages.
 */
class GoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    static Set<String> knownDiffs() throws IOException {
        Set<String> s = new HashSet<>();
        Path p = GOLDEN.resolve("known-diff.txt");
        if (Files.exists(p)) {
            for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    s.add(l.trim());
                }
            }
        }
        return s;
    }

    static Stream<GoldenCase> cases() throws IOException {
        List<GoldenCase> all = new ArrayList<>();
        for (String dir : List.of("ok", "bad", "adjust", "cli")) {
            try (Stream<Path> files = Files.list(GOLDEN.resolve(dir))) {
                for (Path f : files.sorted().toList()) {
                    all.addAll(GoldenCase.read(f));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sameAsDrbdUtils(GoldenCase c) throws IOException {
        assumeFalse(knownDiffs().contains(c.id()), "known difference");
        GoldenCase.Result r = c.runOurs();
        assertThat(r.stdout()).as("stdout of " + c.id()).isEqualTo(c.stdout());
        assertThat(r.stderr()).as("stderr of " + c.id()).isEqualTo(c.stderr());
        assertThat(r.rc()).as("exit code of " + c.id()).isEqualTo(c.rc());
    }

    @Test
    void corpusIsLargeEnough() throws IOException {
        try (Stream<Path> ok = Files.list(Path.of("src/test/resources/conf/ok"));
             Stream<Path> bad = Files.list(Path.of("src/test/resources/conf/bad"))) {
            assertThat(ok.count()).isGreaterThanOrEqualTo(40);
            assertThat(bad.count()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void knownDiffListIsCurrent() throws IOException {
        Set<String> known = knownDiffs();
        List<String> nowPassing = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        cases().forEach(c -> {
            boolean ok = c.matches(c.runOurs());
            if (ok && known.contains(c.id())) {
                nowPassing.add(c.id());
            }
            if (!ok) {
                failing.add(c.id());
            }
        });
        if (Boolean.getBoolean("golden.record")) {
            Files.write(GOLDEN.resolve("known-diff.txt"), failing, StandardCharsets.ISO_8859_1);
        }
        assertThat(nowPassing).as("cases in known-diff.txt that match now; remove them").isEmpty();
    }
}
